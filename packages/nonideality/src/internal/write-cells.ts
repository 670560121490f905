import type { CrossbarLike } from '../crossbar/crossbar-like';
import { cellSlots, parameterArray, refreshLookup } from './cells';
import type { OutOfRange, RangeCounts } from './cells';
import { setPopulationParameter } from '@memsim/devices';

/** 1/r per cell for a device parameter `r` (a number when shared by every device, else one value per cell). */
export function inverseParameterPerCell(xbar: CrossbarLike, name: 'rOn' | 'rOff'): number | Float64Array {
  const p = xbar.population.params[name];
  if (p === undefined) return 1 / parameterArray(xbar, name)[0]!; // throws naming the parameter
  if (typeof p === 'number') return 1 / p;
  const slots = cellSlots(xbar);
  const n = xbar.rows * xbar.cols;
  const out = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) out[cell] = 1 / p[slots === null ? cell : slots[cell]!]!;
  return out;
}

/**
 * Writes new per-cell conductances `g` (rows × cols; stuck cells must hold their present value) through the devices
 * in one vectorised pass: bounds (`'clamp'` onto [1/rOff, 1/rOn], or `'extend'` the device's rOff/rOn), one
 * `setConductance` over the population, the exact states of stuck and tile-padding devices put back, then the matrix
 * re-read from the devices. The fast path of programming noise and drift on millions of devices (the general
 * `transformCells` verifies every device and copies more).
 */
export function writeCells(
  xbar: CrossbarLike,
  g: Float64Array,
  outOfRange: OutOfRange,
): RangeCounts & { stuckSkipped: number } {
  const pop = xbar.population;
  const n = xbar.rows * xbar.cols;
  const slots = cellSlots(xbar);
  const stuck = xbar.stuck;
  const lo = inverseParameterPerCell(xbar, 'rOff');
  const hi = inverseParameterPerCell(xbar, 'rOn');
  let extended = 0;
  let clamped = 0;
  let newOff: Float64Array | null = null;
  let newOn: Float64Array | null = null;
  let stuckSkipped = 0;
  for (let cell = 0; cell < n; cell++) {
    if (stuck !== null && stuck[cell] === 1) {
      stuckSkipped++;
      continue;
    }
    const v = g[cell]!;
    const l = typeof lo === 'number' ? lo : lo[cell]!;
    const h = typeof hi === 'number' ? hi : hi[cell]!;
    if (v >= l && v <= h) continue;
    if (outOfRange === 'clamp' || !(v > 0 && v < Number.POSITIVE_INFINITY)) {
      g[cell] = v < l ? l : h;
      clamped++;
      continue;
    }
    const d = slots === null ? cell : slots[cell]!;
    if (v < l) {
      newOff ??= parameterArray(xbar, 'rOff');
      newOff[d] = 1 / v;
    } else {
      newOn ??= parameterArray(xbar, 'rOn');
      newOn[d] = 1 / v;
    }
    extended++;
  }
  if (newOff !== null) setPopulationParameter(pop, 'rOff', newOff);
  if (newOn !== null) setPopulationParameter(pop, 'rOn', newOn);
  // Devices that keep their exact state: stuck cells and tile padding.
  const keep: number[] = [];
  if (stuck !== null)
    for (let cell = 0; cell < n; cell++) if (stuck[cell] === 1) keep.push(slots === null ? cell : slots[cell]!);
  let target = g;
  if (slots !== null || pop.size !== n) {
    const used = new Uint8Array(pop.size);
    target = new Float64Array(pop.size);
    pop.model.conductance(pop, target);
    for (let cell = 0; cell < n; cell++) {
      const d = slots === null ? cell : slots[cell]!;
      target[d] = g[cell]!;
      used[d] = 1;
    }
    for (let d = 0; d < pop.size; d++) if (used[d] === 0) keep.push(d);
  }
  const saved = keep.map((d) => pop.state[d]!);
  pop.model.setConductance(pop, target);
  keep.forEach((d, k) => {
    pop.state[d] = saved[k]!;
  });
  xbar.update({ fromDevices: true });
  refreshLookup(xbar);
  return { extended, clamped, stuckSkipped };
}
