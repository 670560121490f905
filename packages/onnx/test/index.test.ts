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
