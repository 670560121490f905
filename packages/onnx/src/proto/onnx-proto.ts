// The ONNX protobuf schema, compiled by `onnx-proto` (protobufjs). The package is CommonJS with one `onnx` namespace
// on its module object, so it is imported as a default and re-exported here once.
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type ModelProto = import('onnx-proto').onnx.ModelProto;
export type GraphProto = import('onnx-proto').onnx.IGraphProto;
export type NodeProto = import('onnx-proto').onnx.INodeProto;
export type TensorProto = import('onnx-proto').onnx.ITensorProto;
export type AttributeProto = import('onnx-proto').onnx.IAttributeProto;
export type ValueInfoProto = import('onnx-proto').onnx.IValueInfoProto;

/** An int64 field as protobufjs gives it: a number, or a `Long` when the `long` package is present. */
export type Int64 = number | { toNumber(): number } | null | undefined;

/** A protobuf int64 as a JS number (exact up to 2^53; ONNX shapes and attributes stay far below). */
export function toNumber(value: Int64): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
