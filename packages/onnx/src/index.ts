// @memsim/onnx: import ONNX models (PyTorch exports) as TensorFlow.js layers models.

export { importOnnx } from './import/import-onnx';
export { DEFAULT_IMPORT_ONNX_OPTIONS } from './import/import-onnx';
export { INPUT_LAYOUTS } from './import/import-onnx';
export type { ImportOnnxOptions, InputLayout } from './import/import-onnx';
export { inspectOnnx } from './import/inspect-onnx';
export type { OnnxSummary } from './import/inspect-onnx';
export type { OnnxTensorInfo } from './import/graph-io';
export { SUPPORTED_OPS } from './ops/registry';
export { MIN_OPSET, MAX_OPSET } from './proto/decode-model';

export { OnnxBinary } from './layers/onnx-binary';
export { OnnxBroadcastConstant } from './layers/onnx-broadcast-constant';
export { OnnxClip } from './layers/onnx-clip';
export { OnnxConstantOp } from './layers/onnx-constant-op';
export { OnnxGather } from './layers/onnx-gather';
export { OnnxGRU } from './layers/onnx-gru';
export { OnnxPool } from './layers/onnx-pool';
export { OnnxSlice } from './layers/onnx-slice';
export { OnnxPad } from './layers/onnx-pad';
export { OnnxReduce } from './layers/onnx-reduce';
export { OnnxSoftmax } from './layers/onnx-softmax';
