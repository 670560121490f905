import type { Crossbar } from '../array/crossbar';
import type { MappedCrossbars } from '../array/mapped-crossbars';
import { markStable } from './packed-operand';

interface Cached {
  crossbars: Crossbar[];
  versions: number[];
  geff: Float32Array;
}

const cache = new WeakMap<MappedCrossbars, Cached>();

/**
 * The effective conductance matrix in float32 (rows × cols): G⁺ − G⁻ (double-column) or G − g_m (single-column),
 * so that V·Geff = V·G⁺ − V·G⁻ = V·G − g_m·Σv. Cached per mapped target until a crossbar's `version` changes.
 */
export function effectiveMatrix(target: MappedCrossbars): Float32Array {
  const hit = cache.get(target);
  if (
    hit !== undefined &&
    hit.crossbars.length === target.crossbars.length &&
    hit.crossbars.every((c, i) => c === target.crossbars[i] && c.version === hit.versions[i])
  )
    return hit.geff;
  const n = target.rows * target.cols;
  const geff = new Float32Array(n);
  const a = target.crossbars[0]!.conductance;
  if (target.scheme === 'double-column') {
    const b = target.crossbars[1]!.conductance;
    for (let i = 0; i < n; i++) geff[i] = a[i]! - b[i]!;
  } else {
    const gm = target.referenceConductance!;
    for (let i = 0; i < n; i++) geff[i] = a[i]! - gm;
  }
  cache.set(target, { crossbars: target.crossbars.slice(), versions: target.crossbars.map((c) => c.version), geff });
  return markStable(geff);
}
