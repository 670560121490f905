import { NumericalError } from '@memsim/core';

/**
 * The one overflow scan of the checked entry points (`gemm`, `mvm`, `tiledMatmul`): their kernels are unchecked, and
 * finite operands can still overflow float32 in the sums (entries of 1e19, a device law at 100 V, a tiny mapping
 * gain). One O(rows·cols) pass after the O(rows·k·cols) product turns a silent ±Infinity/NaN into a NumericalError
 * naming the output entry.
 *
 * @param where - the public function that computed `out`
 * @param out - row-major output, `cols` wide (returned unchanged)
 * @param cols - columns of `out`, to name the entry as [row, column]
 * @param remedy - what the caller can do about it
 * @throws {NumericalError} at the first entry that is not finite
 */
export function checkFiniteOutput(
  where: string,
  out: Float32Array,
  cols: number,
  remedy = 'scale the operands down',
): Float32Array {
  for (let i = 0; i < out.length; i++)
    // NaN and ±Infinity fail v − v === 0.
    if (!(out[i]! - out[i]! === 0))
      throw new NumericalError({
        where,
        step: -1,
        detail: `output [${Math.floor(i / cols)}, ${i % cols}] overflowed float32 to ${out[i]} (${remedy})`,
      });
  return out;
}
