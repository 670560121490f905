// The clamp pass of Crossbar.write: each cell's target conductance into its device's own range, counted.

/**
 * Writes `G[cell]` clamped into its device's `[gMin, gMax]` to `target[slot(cell)]`; stuck cells keep
 * `conductance[cell]`. Returns `[below, above, stuckSkipped]`.
 *
 * Shared bounds (numbers) without stuck cells take a loop without per-device lookups: the common, hot case.
 */
export function clampTargets(
  G: ArrayLike<number>,
  target: Float64Array,
  gMin: number | Float64Array,
  gMax: number | Float64Array,
  slots: Int32Array | null,
  stuck: Uint8Array | null,
  conductance: Float64Array,
  n: number,
): [number, number, number] {
  let below = 0;
  let above = 0;
  let stuckSkipped = 0;
  if (typeof gMin === 'number' && typeof gMax === 'number' && stuck === null) {
    for (let cell = 0; cell < n; cell++) {
      const g = G[cell]!;
      const d = slots === null ? cell : slots[cell]!;
      if (g < gMin) {
        below++;
        target[d] = gMin;
      } else if (g > gMax) {
        above++;
        target[d] = gMax;
      } else target[d] = g;
    }
    return [below, above, stuckSkipped];
  }
  for (let cell = 0; cell < n; cell++) {
    const d = slots === null ? cell : slots[cell]!;
    if (stuck !== null && stuck[cell] === 1) {
      stuckSkipped++;
      target[d] = conductance[cell]!;
      continue;
    }
    const g = G[cell]!;
    const lo = typeof gMin === 'number' ? gMin : gMin[d]!;
    const hi = typeof gMax === 'number' ? gMax : gMax[d]!;
    if (g < lo) {
      below++;
      target[d] = lo;
    } else if (g > hi) {
      above++;
      target[d] = hi;
    } else target[d] = g;
  }
  return [below, above, stuckSkipped];
}
