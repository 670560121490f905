/**
 * Reusable float32 work buffers, one per named slot. A fresh 75 MB Float32Array costs ~0.4 s of page faults on its
 * first write (measured on the 2-core host), more than the GEMM that consumes it, so the hot conv path unfolds and
 * encodes into buffers that live across calls. A slot's content is valid only until the next request of that slot;
 * callers use it within one synchronous call and never hand it out.
 */
const slots = new Map<string, Float32Array>();

/** A Float32Array view of `length` entries of slot `slot` (contents undefined; grown by 25 % steps). */
export function scratch32(slot: string, length: number): Float32Array {
  let buffer = slots.get(slot);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float32Array(Math.max(length, Math.floor((buffer?.length ?? 0) * 1.25)));
    slots.set(slot, buffer);
  }
  return buffer.subarray(0, length);
}
