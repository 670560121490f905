import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { InvalidParameterError } from '@memsim/core';
import { bindInputsRecord, describeDifferences, hashDataset, hashModel, mnistDirectory } from '../../src/index';
import type { SweepInputs } from '../../src/index';
import { runCli, smallStudyArgs, tempDir } from '../helpers';

const inputs: SweepInputs = {
  study: 'faults',
  model: 'a'.repeat(64),
  data: 'b'.repeat(64),
  samples: 100,
  points: [{ kind: 'LRS', rate: 0 }],
  seeds: 2,
  seed: 1,
};

describe('content hashes', () => {
  it('hashModel is the SHA-256 of the file hashes, independent of the folder name; one file hashes alone', () => {
    const a = join(tempDir(), 'net-a');
    const b = join(tempDir(), 'other-name');
    for (const d of [a, b]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'model.json'), '{"x":1}');
      writeFileSync(join(d, 'weights.bin'), new Uint8Array([1, 2, 3]));
    }
    expect(hashModel(a)).toBe(hashModel(b));
    const sha = (x: string | Uint8Array) => createHash('sha256').update(x).digest('hex');
    const files = { 'model.json': sha('{"x":1}'), 'weights.bin': sha(new Uint8Array([1, 2, 3])) };
    expect(hashModel(a)).toBe(sha(JSON.stringify({ files, kind: 'directory' })));
    writeFileSync(join(b, 'weights.bin'), new Uint8Array([1, 2, 4]));
    expect(hashModel(b)).not.toBe(hashModel(a));
    const onnx = join(tempDir(), 'net.onnx');
    writeFileSync(onnx, new Uint8Array([8, 7, 6]));
    expect(hashModel(onnx)).toBe(sha(JSON.stringify({ files: { '': sha(new Uint8Array([8, 7, 6])) }, kind: 'file' })));
  });

  it('hashDataset depends on the samples, not on where they came from', () => {
    const d = {
      x: new Float32Array([0, 0.5, 1, 0.25]),
      y: new Int32Array([1, 0]),
      shape: [2],
      classes: 2,
      count: 2,
    };
    expect(hashDataset(d)).toBe(hashDataset({ ...d, x: new Float32Array(d.x), y: new Int32Array(d.y) }));
    expect(hashDataset({ ...d, y: new Int32Array([0, 1]) })).not.toBe(hashDataset(d));
    expect(hashDataset({ ...d, x: new Float32Array([0, 0.5, 1, 0.3]) })).not.toBe(hashDataset(d));
  });
});

describe('inputs record of a results CSV', () => {
  it('names each input that differs', () => {
    expect(describeDifferences(inputs, inputs)).toEqual([]);
    expect(describeDifferences(inputs, { ...inputs, model: 'c'.repeat(64), seeds: 3 })).toEqual([
      `model content (${'a'.repeat(12)} vs ${'c'.repeat(12)})`,
      'seeds (2 vs 3)',
    ]);
    expect(describeDifferences(inputs, { ...inputs, data: 'd'.repeat(64), samples: 50 })[0]).toMatch(/^data content/);
  });

  it('is written for a new CSV, accepted for the same inputs, and refused for others', () => {
    const csv = join(tempDir(), 'faults-x.csv');
    bindInputsRecord(csv, inputs, false);
    expect(JSON.parse(readFileSync(csv.replace(/\.csv$/, '.inputs.json'), 'utf8'))).toEqual(inputs);
    writeFileSync(csv, 'arch,kind,rate,seed,samples,accuracy,failure\nx,LRS,0,1,100,0.5,\n');
    expect(() => bindInputsRecord(csv, inputs, false)).not.toThrow();
    const other = { ...inputs, data: 'e'.repeat(64) };
    expect(() => bindInputsRecord(csv, other, false)).toThrow(InvalidParameterError);
    expect(() => bindInputsRecord(csv, other, false)).toThrow(/cannot be resumed: data content \(b{12} vs e{12}\)/);
    // --fresh starts over with the new inputs.
    bindInputsRecord(csv, other, true);
    expect(() => bindInputsRecord(csv, other, false)).not.toThrow();
  });

  it('memsim experiment refuses to resume into a CSV made from other data with the same file name', async () => {
    // Two IDX folders with the same name (so the same CSV name) but other images.
    const a = join(tempDir(), 'digits');
    const b = join(tempDir(), 'digits');
    cpSync(mnistDirectory(), a, { recursive: true, filter: (f) => !f.includes('train-') });
    mkdirSync(b);
    const images = readFileSync(join(a, 't10k-images-idx3-ubyte'));
    const shifted = Buffer.concat([images.subarray(0, 16), images.subarray(16 + 784)]);
    const labels = readFileSync(join(a, 't10k-labels-idx1-ubyte'));
    writeFileSync(join(b, 't10k-labels-idx1-ubyte'), Buffer.concat([labels.subarray(0, 8), labels.subarray(9)]));
    // Fix the counts in the headers (one sample fewer).
    shifted.writeUInt32BE(images.readUInt32BE(4) - 1, 4);
    writeFileSync(join(b, 't10k-images-idx3-ubyte'), shifted);
    const l = readFileSync(join(b, 't10k-labels-idx1-ubyte'));
    l.writeUInt32BE(labels.readUInt32BE(4) - 1, 4);
    writeFileSync(join(b, 't10k-labels-idx1-ubyte'), l);

    const out = tempDir();
    const args = smallStudyArgs(out);
    const first = await runCli([...args, '--data', a]);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli([...args, '--data', a]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 trials run, 3 resumed');
    const other = await runCli([...args, '--data', b]);
    expect(other.code).toBe(1);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(
      /^memsim experiment: .*finite-states-mlp-digits\.csv holds results of other inputs, so it cannot be resumed: data content \([0-9a-f]{12} vs [0-9a-f]{12}\); pass --fresh or another --out\.\n$/,
    );
  }, 60_000);
});
