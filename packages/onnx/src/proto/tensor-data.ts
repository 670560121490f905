import { InvalidParameterError } from '@memsim/core';
import { onnx, type TensorProto, toNumber } from './onnx-proto';

/** A constant tensor: float data as Float32Array, integer/bool data as Float64Array (exact below 2^53). */
export interface ConstantData {
  dims: number[];
  data: Float32Array | Float64Array;
  integer: boolean;
}

const DT = onnx.TensorProto.DataType;

function copyBytes(raw: Uint8Array): ArrayBuffer {
  // rawData may be a view at any offset into the decoded buffer: copy to an aligned buffer of its own.
  const out = new Uint8Array(raw.length);
  out.set(raw);
  return out.buffer;
}

/** Float32 values of little-endian raw bytes: a view when aligned (read-only use), else an aligned copy. */
function float32View(raw: Uint8Array): Float32Array {
  if (raw.byteOffset % 4 === 0 && raw.length % 4 === 0)
    return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
  return new Float32Array(copyBytes(raw));
}

/**
 * Reads an initializer (the returned data may view the model bytes: callers never write to it) or Constant tensor: float32 (rawData or floatData), float64, float16 is not supported,
 * int64 (rawData or int64Data), int32/int8/uint8/bool (rawData or int32Data).
 *
 * @throws {InvalidParameterError} for external data, unsupported element types or data of the wrong length.
 */
export function readTensor(where: string, tensor: TensorProto): ConstantData {
  const name = tensor.name ?? '';
  const dims = (tensor.dims ?? []).map(toNumber);
  const size = dims.reduce((a, b) => a * b, 1);
  const dataType = tensor.dataType ?? 0;
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
  if ((tensor.externalData ?? []).length > 0 || tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
    throw new InvalidParameterError({
      where,
      parameter: `tensor "${name}"`,
      value: 'external data',
      expected:
        'data stored inside the .onnx file (re-export without external data; models over 2 GB are not supported)',
    });
  let data: Float32Array | Float64Array;
  let integer = true;
  switch (dataType) {
    case DT.FLOAT:
      integer = false;
      data = raw ? float32View(raw) : Float32Array.from(tensor.floatData ?? []);
      break;
    case DT.DOUBLE:
      integer = false;
      data = Float32Array.from(raw ? new Float64Array(copyBytes(raw)) : (tensor.doubleData ?? []));
      break;
    case DT.INT64:
      data = raw
        ? Float64Array.from(new BigInt64Array(copyBytes(raw)), (v) => Number(v))
        : Float64Array.from((tensor.int64Data ?? []).map((v) => toNumber(v)));
      break;
    case DT.INT32:
      data = raw ? Float64Array.from(new Int32Array(copyBytes(raw))) : Float64Array.from(tensor.int32Data ?? []);
      break;
    case DT.INT8:
      data = raw ? Float64Array.from(new Int8Array(copyBytes(raw))) : Float64Array.from(tensor.int32Data ?? []);
      break;
    case DT.UINT8:
    case DT.BOOL:
      data = raw ? Float64Array.from(raw) : Float64Array.from(tensor.int32Data ?? []);
      break;
    default:
      throw new InvalidParameterError({
        where,
        parameter: `tensor "${name}"`,
        value: `data type ${onnx.TensorProto.DataType[dataType] ?? dataType}`,
        expected: 'FLOAT, DOUBLE, INT64, INT32, INT8, UINT8 or BOOL',
      });
  }
  if (data.length !== size)
    throw new InvalidParameterError({
      where,
      parameter: `tensor "${name}"`,
      value: `${data.length} values`,
      expected: `${size} values for dims [${dims.join(', ')}] (truncated file?)`,
    });
  return { dims, data, integer };
}
