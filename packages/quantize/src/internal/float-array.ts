/** The two array types every quantiser accepts and returns. */
export type FloatArray = Float32Array | Float64Array;

/** A new zero-filled array of the same type and length as `x`. */
export function newLike<T extends FloatArray>(x: T): T {
  return (x instanceof Float32Array ? new Float32Array(x.length) : new Float64Array(x.length)) as T;
}

/** True when `value` is a Float32Array or a Float64Array. */
export function isFloatArray(value: unknown): value is FloatArray {
  return value instanceof Float32Array || value instanceof Float64Array;
}
