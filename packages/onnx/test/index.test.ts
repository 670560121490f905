import { describe, expect, it } from 'vitest';
import * as onnx from '../src/index';

describe('@memsim/onnx public entry', () => {
  it('exports the importer, the inspector, their constants and the custom layers', () => {
    expect(Object.keys(onnx).sort()).toEqual(
      [
        'DEFAULT_IMPORT_ONNX_OPTIONS',
        'INPUT_LAYOUTS',
        'MAX_OPSET',
        'MIN_OPSET',
        'OnnxBinary',
        'OnnxBroadcastConstant',
        'OnnxClip',
        'OnnxConstantOp',
        'OnnxGRU',
        'OnnxGather',
        'OnnxPad',
        'OnnxPool',
        'OnnxReduce',
        'OnnxSlice',
        'OnnxSoftmax',
        'SUPPORTED_OPS',
        'importOnnx',
        'inspectOnnx',
      ].sort(),
    );
    expect(onnx.INPUT_LAYOUTS).toEqual(['onnx', 'nhwc']);
    expect(onnx.DEFAULT_IMPORT_ONNX_OPTIONS.inputLayout).toBe('onnx');
    expect([onnx.MIN_OPSET, onnx.MAX_OPSET]).toEqual([11, 21]);
  });
});

describe('@memsim/onnx is browser-safe and leaves caller data alone', () => {
  it('has no node: (or Node built-in) imports in src/', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../src/', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    // Doc comments are left out: their @example may show Node usage (reading a model file with node:fs).
    for (const f of files)
      expect(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''), f).not.toMatch(
        /from\s+['"](node:|fs['"]|path['"]|module['"]|url['"])/,
      );
  });

  it('does not modify the bytes it is given', async () => {
    const { loadFixture, setupBackend } = await import('./helpers');
    await setupBackend();
    const bytes = loadFixture('resnet20-cifar').bytes;
    const copy = bytes.slice();
    await onnx.importOnnx(bytes);
    onnx.inspectOnnx(bytes);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
  });
});
