/**
 * Prepares an array argument for `checkFiniteArray`: a Float64Array as is, another array-like copied to number[],
 * and anything else (null, a number, a string, a plain object) passed through so the check rejects it with a typed
 * error naming the parameter (`Array.from(null)` used to throw a bare TypeError).
 */
export function asNumericArray(value: unknown): unknown {
  if (value instanceof Float64Array || Array.isArray(value)) return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
