import type { Converter } from './converter';
import { convertConv } from './conv-ops';
import { convertGemm, convertMatMul } from './dense-ops';
import {
  convertArithmetic,
  convertClip,
  convertDropout,
  convertLeakyRelu,
  convertLogSoftmax,
  convertRelu,
  convertSigmoid,
  convertSoftmax,
  convertTanh,
} from './elementwise-ops';
import {
  convertBatchNormalization,
  convertPad,
  convertReduceMax,
  convertReduceMean,
  convertReduceMin,
  convertReduceSum,
} from './normalization-ops';
import { convertAveragePool, convertGlobalAveragePool, convertGlobalMaxPool, convertMaxPool } from './pool-ops';
import { convertGRU, convertLSTM, convertRNN } from './recurrent-ops';
import {
  convertCast,
  convertConcat,
  convertConstant,
  convertConstantOfShape,
  convertEqual,
  convertExpand,
  convertFlatten,
  convertGather,
  convertIdentity,
  convertReshape,
  convertShape,
  convertSlice,
  convertSqueeze,
  convertTranspose,
  convertUnsqueeze,
  convertWhere,
} from './shape-ops';

/** Converter of every supported ONNX op (default domain, opsets 11–21). */
export const CONVERTERS: Readonly<Record<string, Converter>> = Object.freeze({
  Add: convertArithmetic,
  AveragePool: convertAveragePool,
  BatchNormalization: convertBatchNormalization,
  Cast: convertCast,
  Clip: convertClip,
  Concat: convertConcat,
  Constant: convertConstant,
  ConstantOfShape: convertConstantOfShape,
  Conv: convertConv,
  Div: convertArithmetic,
  Dropout: convertDropout,
  Equal: convertEqual,
  Expand: convertExpand,
  Flatten: convertFlatten,
  Gather: convertGather,
  Gemm: convertGemm,
  GlobalAveragePool: convertGlobalAveragePool,
  GlobalMaxPool: convertGlobalMaxPool,
  GRU: convertGRU,
  Identity: convertIdentity,
  LeakyRelu: convertLeakyRelu,
  LogSoftmax: convertLogSoftmax,
  LSTM: convertLSTM,
  MatMul: convertMatMul,
  MaxPool: convertMaxPool,
  Mul: convertArithmetic,
  Pad: convertPad,
  Pow: convertArithmetic,
  ReduceMax: convertReduceMax,
  ReduceMean: convertReduceMean,
  ReduceMin: convertReduceMin,
  ReduceSum: convertReduceSum,
  Relu: convertRelu,
  Reshape: convertReshape,
  RNN: convertRNN,
  Shape: convertShape,
  Sigmoid: convertSigmoid,
  Slice: convertSlice,
  Softmax: convertSoftmax,
  Squeeze: convertSqueeze,
  Sub: convertArithmetic,
  Tanh: convertTanh,
  Transpose: convertTranspose,
  Unsqueeze: convertUnsqueeze,
  Where: convertWhere,
});

/**
 * Names of the supported ONNX ops, sorted.
 *
 * @example
 * SUPPORTED_OPS.includes('Conv'); // → true; inspectOnnx(bytes).ops says which ops of a file are supported
 */
export const SUPPORTED_OPS: readonly string[] = Object.freeze(Object.keys(CONVERTERS).sort());
