import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import type { Dataset } from './dataset';
import { checkBytes } from '../internal/check-bytes';

/**
 * Bytes of one CIFAR-10 binary record: 1 label byte, then 3 072 pixel bytes (R, G, B planes of 32 × 32, CHW).
 *
 * @example
 * CIFAR10_RECORD_BYTES; // → 3073 (1 label byte + 3072 pixel bytes)
 */
export const CIFAR10_RECORD_BYTES = 3073;
/** Pixels of one CIFAR-10 image (3 × 32 × 32). */
export const CIFAR10_PIXELS = 3072;
/**
 * CIFAR-10 class names, by label (the binary version's `batches.meta.txt`).
 *
 * @example
 * CIFAR10_CLASSES[3]; // → 'cat'
 */
export const CIFAR10_CLASSES: readonly string[] = Object.freeze([
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
]);
/**
 * File names of the binary version, per split, in reading order.
 *
 * @example
 * CIFAR10_FILES.test; // → ['test_batch.bin']
 */
export const CIFAR10_FILES = Object.freeze({
  train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
  test: ['test_batch.bin'],
});

/**
 * Images and labels of CIFAR-10 records.
 *
 * @example
 * const bytes = new Uint8Array(2 * CIFAR10_RECORD_BYTES); // two records: a label byte, then 3 × 32 × 32 pixel bytes
 * bytes[0] = 3; // 'cat'
 * bytes[1] = 255; // first red pixel of image 0
 * bytes[CIFAR10_RECORD_BYTES] = 5; // 'dog'
 * const records: Cifar10Records = parseCifar10Batch(bytes);
 * [records.count, records.y, records.x[0]]; // → [2, Int32Array [3, 5], 1]
 */
export interface Cifar10Records {
  /** `count × 3072` values in [0, 1] (pixel / 255), CHW per image (the files' order; PyTorch's layout). */
  x: Float32Array;
  /** Label (0–9) of each image. */
  y: Int32Array;
  count: number;
}

/**
 * Decodes the bytes of one CIFAR-10 binary batch file (`data_batch_N.bin`, `test_batch.bin`): 3 073-byte records of
 * a label byte and the 32 × 32 R, G and B planes. Pixels are scaled to [0, 1] (as torchvision's `ToTensor`); at most
 * `limit` records are decoded.
 *
 * @throws {InvalidParameterError} naming `source` when the size is not a positive multiple of 3 073 bytes or a label
 * is not in 0–9 (the record is named).
 * @example
 * // One record: a label byte then 3 × 32 × 32 pixel bytes (CIFAR-10's binary format).
 * const record = new Uint8Array(CIFAR10_RECORD_BYTES);
 * record[0] = 3; // 'cat'
 * parseCifar10Batch(record).y; // → Int32Array [3], the label of each record
 */
export function parseCifar10Batch(
  bytes: Uint8Array,
  source = 'CIFAR-10 batch',
  limit = Number.POSITIVE_INFINITY,
): Cifar10Records {
  checkBytes('readCifar10', source, bytes);
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0)
    throw new InvalidParameterError({
      where: 'readCifar10',
      parameter: source,
      value: `${bytes.length} bytes`,
      expected: `a CIFAR-10 binary batch: a positive multiple of ${CIFAR10_RECORD_BYTES} bytes (1 label byte + 3×32×32 pixels per image; a full batch is 10000 images, 30730000 bytes)`,
    });
  const count = Math.min(bytes.length / CIFAR10_RECORD_BYTES, limit);
  const x = new Float32Array(count * CIFAR10_PIXELS);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const offset = i * CIFAR10_RECORD_BYTES;
    const label = bytes[offset]!;
    if (label > 9)
      throw new InvalidParameterError({
        where: 'readCifar10',
        parameter: `${source} record ${i} label`,
        value: label,
        expected: 'a label in 0–9 (is this a CIFAR-100 file? its records have 2 label bytes)',
      });
    y[i] = label;
    for (let p = 0; p < CIFAR10_PIXELS; p++) x[i * CIFAR10_PIXELS + p] = bytes[offset + 1 + p]! / 255;
  }
  return { x, y, count };
}

/** The directory holding the batch files: `dir` itself or its `cifar-10-batches-bin` (what the archive unpacks to). */
function batchDirectory(dir: string): string {
  const all = [...CIFAR10_FILES.train, ...CIFAR10_FILES.test];
  if (all.some((f) => existsSync(join(dir, f)))) return dir;
  const nested = join(dir, 'cifar-10-batches-bin');
  if (all.some((f) => existsSync(join(nested, f)))) return nested;
  throw new InvalidParameterError({
    where: 'loadDataset',
    parameter: '--data (cifar10)',
    value: dir,
    expected: `a directory holding the CIFAR-10 binary version (${[...CIFAR10_FILES.train, ...CIFAR10_FILES.test].join(', ')}), or its cifar-10-batches-bin folder`,
  });
}

/**
 * Loads a split of CIFAR-10's binary version from `dir`: `test_batch.bin` for the test split, the
 * `data_batch_1…5.bin` present (in order) for training. Images are [3, 32, 32] channels first with values in [0, 1].
 *
 * @throws {InvalidParameterError} when the directory or the split's files are missing or a file is malformed.
 * @example
 * // (typechecked, not run: needs the CIFAR-10 binary version downloaded into ./cifar-10-batches-bin)
 * const test = loadCifar10('cifar-10-batches-bin', 'test', 1000);
 */
export function loadCifar10(dir: string, split: 'train' | 'test', limit = Number.POSITIVE_INFINITY): Dataset {
  const base = batchDirectory(dir);
  const files = CIFAR10_FILES[split].filter((f) => existsSync(join(base, f)));
  if (files.length === 0)
    throw new InvalidParameterError({
      where: 'loadDataset',
      parameter: '--data (cifar10)',
      value: base,
      expected: `the ${split} split's file(s): ${CIFAR10_FILES[split].join(', ')}`,
    });
  const parts: Cifar10Records[] = [];
  let count = 0;
  for (const f of files) {
    if (count >= limit) break;
    const part = parseCifar10Batch(readFileSync(join(base, f)), join(base, f), limit - count);
    parts.push(part);
    count += part.count;
  }
  const x = new Float32Array(count * CIFAR10_PIXELS);
  const y = new Int32Array(count);
  let at = 0;
  for (const part of parts) {
    x.set(part.x, at * CIFAR10_PIXELS);
    y.set(part.y, at);
    at += part.count;
  }
  return {
    name: 'cifar10',
    x,
    y,
    count,
    features: CIFAR10_PIXELS,
    shape: [3, 32, 32],
    layout: 'channels-first',
    classes: 10,
  };
}
