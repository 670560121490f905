import { readFileSync } from 'node:fs';

/** A tensor as stored in the golden files: `{ dtype, shape, data: nested lists }`. */
export interface GoldenTensor {
  dtype: string;
  shape: number[];
  data: unknown;
}

/** A golden tensor flattened row-major into a Float64Array. */
export interface FlatTensor {
  dtype: string;
  shape: number[];
  data: Float64Array;
}

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/**
 * Reads a golden JSON file. The strings `"NaN"`, `"Infinity"` and `"-Infinity"` (plain JSON has no non-finite
 * numbers) are turned back into numbers.
 */
export function loadGolden<T = unknown>(path: string | URL): T {
  return JSON.parse(readFileSync(path, 'utf8'), (_key, value) =>
    typeof value === 'string' && value in NON_FINITE ? NON_FINITE[value] : value,
  ) as T;
}

/** True when `value` is a golden tensor object. */
export function isGoldenTensor(value: unknown): value is GoldenTensor {
  return typeof value === 'object' && value !== null && 'shape' in value && 'data' in value && 'dtype' in value;
}

/** Flattens a golden tensor (nested lists, row-major) into a Float64Array with its shape. */
export function flatTensor(tensor: GoldenTensor | unknown): FlatTensor {
  if (!isGoldenTensor(tensor))
    throw new Error(`flatTensor: not a golden tensor: ${JSON.stringify(tensor)?.slice(0, 80)}`);
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else out.push(typeof v === 'boolean' ? Number(v) : (v as number));
  };
  walk(tensor.data);
  const expected = tensor.shape.reduce((a, b) => a * b, 1);
  if (out.length !== expected)
    throw new Error(`flatTensor: shape [${tensor.shape}] needs ${expected} values, got ${out.length}`);
  return { dtype: tensor.dtype, shape: tensor.shape.slice(), data: Float64Array.from(out) };
}
