/** Scratch arrays by key and length, held weakly: reused while they live, collectable when memory is short. */
const POOL = new Map<string, WeakRef<Float64Array>>();

/**
 * A Float64Array of exactly `length` entries for temporary use under `key` (contents left from the last use). Passes
 * over millions of cells reuse the same memory instead of paging in a fresh array on every call: touching a new
 * 32 MB array measured 0.09 s of CPU on the development machine, more than the pass itself. The caller must not keep
 * it, and two live uses need two keys (prefix them with the package: `'nonideality.cells'`). Held through a WeakRef,
 * so an idle pool costs no memory after a collection. One pool for every package (the `./internal` entry).
 */
export function scratchFloat64(key: string, length: number): Float64Array {
  const id = `${key}:${length}`;
  const held = POOL.get(id)?.deref();
  if (held !== undefined) return held;
  const a = new Float64Array(length);
  POOL.set(id, new WeakRef(a));
  return a;
}

/** Float32 work buffers of {@link scratch32}, one per slot, held strongly (the hot paths ask for them every call). */
const SLOTS32 = new Map<string, Float32Array>();

/**
 * A Float32Array view of `length` entries of slot `slot` (contents undefined; the slot grows by 25 % steps). A fresh
 * 75 MB Float32Array costs ~0.4 s of page faults on its first write (measured on the 2-core host), more than the GEMM
 * that consumes it, so the hot conv path unfolds and encodes into buffers that live across calls. A slot's content is
 * valid only until the next request of that slot: callers use it within one synchronous call and never hand it out,
 * and prefix the slot with their package (`'layers.conv-patches'`). One pool for every package (the `./internal` entry).
 */
export function scratch32(slot: string, length: number): Float32Array {
  let buffer = SLOTS32.get(slot);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float32Array(Math.max(length, Math.floor((buffer?.length ?? 0) * 1.25)));
    SLOTS32.set(slot, buffer);
  }
  return buffer.subarray(0, length);
}
