import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InvalidParameterError } from '@memsim/core';
import { checkBytes } from '../internal/check-bytes';

/**
 * A decoded IDX tensor (the MNIST file format): unsigned bytes with their dimensions.
 *
 * @example
 * import { join } from 'node:path';
 * const labels: IdxTensor = readIdx(join(mnistDirectory(), 't10k-labels-idx1-ubyte'));
 * [labels.dims, labels.data[0]]; // → [[10000], 7]: the first MNIST test image is a 7
 */
export interface IdxTensor {
  /** Sizes of each dimension, outermost first (e.g. `[10000, 28, 28]`). */
  dims: number[];
  /** Row-major values. */
  data: Uint8Array;
}

/**
 * Decodes IDX bytes (magic `0x00 0x00 0x08 ndim`, big-endian int32 sizes, then unsigned bytes). Gzip-compressed
 * input (`.gz`, magic `1f 8b`) is inflated first.
 *
 * @throws {InvalidParameterError} when the bytes are not an unsigned-byte IDX file or are truncated.
 * @example
 * // A 2 × 2 unsigned-byte IDX file: magic 0x00000803 style header (here 0x0802: ubyte, 2 dimensions), dims, data.
 * const bytes = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);
 * parseIdx(bytes).dims; // → [2, 2]
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxTensor {
  let buf = checkBytes('readIdx', source, bytes);
  const fail = (expected: string, value: unknown): never => {
    throw new InvalidParameterError({ where: 'readIdx', parameter: source, value, expected });
  };
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = new Uint8Array(gunzipSync(buf));
    } catch (error) {
      // A truncated or corrupt download: zlib's "unexpected end of file" becomes a one-line error naming the file.
      fail(
        'a complete gzip file',
        `${(error as NodeJS.ErrnoException).code ?? 'gzip error'}: ${(error as Error).message}`,
      );
    }
  }
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0)
    fail('an IDX file (magic 0x0000 then type and rank)', `${buf.length} bytes`);
  if (buf[2] !== 0x08) fail('an IDX file of unsigned bytes (type 0x08)', `type 0x${(buf[2] ?? 0).toString(16)}`);
  const rank = buf[3] ?? 0;
  if (rank < 1 || buf.length < 4 + 4 * rank) fail('an IDX file with a complete header', `rank ${rank}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const offset = 4 + 4 * rank;
  if (buf.length < offset + count) fail(`${offset + count} bytes for dims [${dims.join(', ')}]`, `${buf.length} bytes`);
  return { dims, data: buf.subarray(offset, offset + count) };
}

/**
 * Reads an IDX file (optionally gzip-compressed) from disk.
 *
 * @throws {InvalidParameterError} when the file cannot be read or is not a valid IDX file.
 * @example
 * import { join } from 'node:path';
 * readIdx(join(mnistDirectory(), 't10k-labels-idx1-ubyte')).dims; // → [10000]
 */
export function readIdx(path: string): IdxTensor {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InvalidParameterError({
      where: 'readIdx',
      parameter: 'path',
      value: path,
      expected: `a readable IDX file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  return parseIdx(bytes, path);
}
