import { InvalidParameterError } from '@memsim/core';
import type { FloatArray } from './float-array';

/** What one pass over the input learns: its extremes and whether every entry is equal. */
export interface ScanResult {
  min: number;
  max: number;
  /** True for arrays whose entries are all equal (including length 0 and 1). */
  constant: boolean;
}

/**
 * Largest accepted magnitude of a Float64Array input or bound, 2^960 ≈ 9.7e288: far beyond any physical quantity, and
 * low enough that full scales, ranges (hi − lo) and the exact level arithmetic can never overflow a double.
 */
export const MAX_MAGNITUDE = 2 ** 960;

/**
 * Largest accepted magnitude of a Float32Array input or bound, 2^126 ≈ 8.5e37: the full scale −2^K of `linear` and
 * the range hi − lo must stay float32 numbers (MemTorch's float path returns −Infinity beyond 2^127).
 */
const MAX_MAGNITUDE_FLOAT32 = 2 ** 126;

/** The magnitude limit for entries of `x` and for the bounds used with it. */
export function magnitudeLimit(x: FloatArray): number {
  return x instanceof Float32Array ? MAX_MAGNITUDE_FLOAT32 : MAX_MAGNITUDE;
}

/** The rule entries of `x` (and bounds used with it) must meet, as error messages phrase it. */
export function finiteRule(x: FloatArray): string {
  return x instanceof Float32Array
    ? 'a finite number with |v| ≤ 2^126 for Float32Array input (no NaN or Infinity)'
    : 'a finite number with |v| ≤ 2^960 (no NaN or Infinity)';
}

/** Throws naming the first entry that is NaN, ±Infinity or beyond the limit (only called once a scan has seen one). */
function failFirst(where: string, x: FloatArray): never {
  const limit = magnitudeLimit(x);
  let i = 0;
  while (i < x.length - 1 && Math.abs(x[i]!) <= limit) i++;
  throw new InvalidParameterError({ where, parameter: `x[${i}]`, value: x[i], expected: finiteRule(x) });
}

/**
 * One branch-free pass over `x`: throws {@link InvalidParameterError} naming the first NaN, ±Infinity or too large
 * (see {@link magnitudeLimit}) entry, and returns the
 * minimum, the maximum and whether the array is constant. Written twice so each loop stays monomorphic in V8.
 */
export function scanFinite(where: string, x: FloatArray): ScanResult {
  return x instanceof Float32Array ? scan32(where, x) : scan64(where, x);
}

function scan32(where: string, x: Float32Array): ScanResult {
  const n = x.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    // v − v is 0 for every finite v and NaN for NaN and ±Infinity, so `bad` stays 0 only for finite data.
    bad += v - v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (bad !== 0 || max > MAX_MAGNITUDE_FLOAT32 || min < -MAX_MAGNITUDE_FLOAT32) failFirst(where, x);
  return { min, max, constant: n === 0 || min === max };
}

function scan64(where: string, x: Float64Array): ScanResult {
  const n = x.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    bad += v - v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (bad !== 0 || max > MAX_MAGNITUDE || min < -MAX_MAGNITUDE) failFirst(where, x);
  return { min, max, constant: n === 0 || min === max };
}
