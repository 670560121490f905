import { readFileSync } from 'node:fs';
import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { parse } from 'npyjs';
import { checkBytes } from '../internal/check-bytes';

/**
 * Element types memsim reads from `.npy` files (numpy `descr` without the byte-order mark).
 *
 * @example
 * NPY_DTYPES.includes('f4'); // → true (float32; also f8, f2, integer and bool dtypes)
 */
export const NPY_DTYPES = ['f4', 'f8', 'f2', 'u1', 'i1', 'u2', 'i2', 'u4', 'i4', 'i8', 'u8', 'b1'] as const;
/**
 * One of {@link NPY_DTYPES}.
 *
 * @example
 * const dtype: NpyDtype = 'f8'; // float64; one of NPY_DTYPES
 * npyToFloat32({ shape: [2], dtype, data: Float64Array.of(0.5, 0.25) }); // → Float32Array [0.5, 0.25]
 */
export type NpyDtype = (typeof NPY_DTYPES)[number];

/**
 * A numeric `.npy` array as npyjs decodes it (a typed array view of the file's data section).
 *
 * @example
 * const tensor: NpyTensor = { shape: [2, 2], dtype: 'i8', data: BigInt64Array.of(1n, 2n, 3n, 4n) }; // what parseNpy gives for int64
 * npyToFloat32(tensor); // → Float32Array [1, 2, 3, 4]
 */
export interface NpyTensor {
  /** numpy shape, outermost first. */
  shape: number[];
  /** Element type, e.g. `'f4'` (float32), `'i8'` (int64), `'u1'` (uint8). */
  dtype: NpyDtype;
  /** Row-major (C order) values: a typed array of the dtype (BigInt64Array for int64, booleans for `b1`). */
  data: ArrayLike<number | bigint | boolean>;
}

const ITEM_SIZE: Record<NpyDtype, number> = {
  f4: 4,
  f8: 8,
  f2: 2,
  u1: 1,
  i1: 1,
  b1: 1,
  u2: 2,
  i2: 2,
  u4: 4,
  i4: 4,
  i8: 8,
  u8: 8,
};

/** The header dictionary of a `.npy` file (format versions 1–3), read to check what npyjs does not. */
function readHeader(bytes: Uint8Array, source: string): { descr: string; fortran: boolean; dataOffset: number } {
  const fail = (expected: string, value: unknown): never => {
    throw new InvalidParameterError({ where: 'readNpy', parameter: source, value, expected });
  };
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    fail('a .npy file (magic \\x93NUMPY, written by numpy.save)', `${bytes.length} bytes without the .npy magic`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail('.npy format version 1, 2 or 3', `version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerOffset = major === 1 ? 10 : 12;
  if (bytes.length < headerOffset) fail('a complete .npy header', `${bytes.length} bytes`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (bytes.length < headerOffset + headerLength)
    fail(`a complete .npy header (${headerOffset + headerLength} bytes)`, `${bytes.length} bytes`);
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerOffset, headerOffset + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || !/'shape'\s*:\s*\(/.test(header))
    fail("a .npy header with 'descr', 'fortran_order' and 'shape'", header.trim());
  return { descr: descr!, fortran: fortran === 'True', dataOffset: headerOffset + headerLength };
}

/**
 * Decodes the bytes of a `.npy` file (what `numpy.save` writes) with the `npyjs` library, after checking what it
 * leaves unchecked: little-endian (or byte-order-free) numeric dtypes only, C order, and a data size that matches the
 * shape exactly.
 *
 * @throws {InvalidParameterError} naming `source` for a non-.npy file, a big-endian, string, complex or object dtype,
 * a Fortran-order array (save it with `np.ascontiguousarray`), or a truncated or oversized data section.
 * @example
 * // (typechecked, not run: needs a .npy file's bytes, e.g. from numpy.save)
 * import { readFileSync } from 'node:fs';
 * const tensor = parseNpy(new Uint8Array(readFileSync('x.npy')), 'x.npy');
 */
export function parseNpy(bytes: Uint8Array, source = '.npy data'): NpyTensor {
  checkBytes('readNpy', source, bytes);
  const fail = (expected: string, value: unknown): never => {
    throw new InvalidParameterError({ where: 'readNpy', parameter: source, value, expected });
  };
  const { descr, fortran, dataOffset } = readHeader(bytes, source);
  const order = descr[0];
  const code = descr.slice(1) as NpyDtype;
  if (order === '>' && ITEM_SIZE[code] !== 1)
    fail('a little-endian array (numpy\'s default; convert with arr.astype(arr.dtype.newbyteorder("<")))', descr);
  if (!(NPY_DTYPES as readonly string[]).includes(code) || (order !== '<' && order !== '|' && order !== '>'))
    fail(`a numeric dtype (${NPY_DTYPES.join(', ')})`, descr);
  if (fortran)
    fail('a C-order (row-major) array: save it with np.save(path, np.ascontiguousarray(arr))', 'fortran_order: True');
  // npyjs takes an ArrayBuffer holding exactly the file (its typed views start at the data offset).
  const buffer = (
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
  const dataBytes = bytes.length - dataOffset;
  if (dataBytes % ITEM_SIZE[code] !== 0)
    fail(`a data section of whole ${ITEM_SIZE[code]}-byte elements`, `${dataBytes} bytes`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(buffer);
  } catch (error) {
    return fail('a readable .npy file', (error as Error).message);
  }
  const shape = parsed.shape;
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) fail('a shape of non-negative integers', shape);
  const count = shape.reduce((a, b) => a * b, 1);
  const raw = parsed.data as unknown as ArrayLike<number | bigint | boolean>;
  if (raw.length !== count)
    throw new ShapeMismatchError({
      where: 'readNpy',
      parameter: source,
      expectedShape: shape,
      actualShape: [raw.length],
      detail: `(the data section holds ${raw.length} ${code} values; the file is ${raw.length < count ? 'truncated' : 'longer than its header says'})`,
    });
  return { shape, dtype: code, data: raw };
}

/**
 * The values of a `.npy` array as float32 (no copy for a float32 array).
 *
 * @example
 * // (typechecked, not run: reads your file)
 * const x = npyToFloat32(readNpy('x_test.npy'));
 */
export function npyToFloat32(tensor: NpyTensor): Float32Array {
  if (tensor.data instanceof Float32Array) return tensor.data;
  const out = new Float32Array(tensor.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(tensor.data[i]);
  return out;
}

/**
 * Reads a `.npy` file from disk (see {@link parseNpy}).
 *
 * @throws {InvalidParameterError} when the file cannot be read or is not a supported `.npy` array.
 * @example
 * // (typechecked, not run: reads your file)
 * const x = npyToFloat32(readNpy('x_test.npy')); // float32 whatever the stored dtype
 */
export function readNpy(path: string): NpyTensor {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InvalidParameterError({
      where: 'readNpy',
      parameter: 'path',
      value: path,
      expected: `a readable .npy file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  return parseNpy(bytes, path);
}
