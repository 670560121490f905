import type { CrossbarLike } from '../crossbar/crossbar-like';
import { parameterArray } from './cells';
import type { OutOfRange, RangeCounts } from './cells';
import { setPopulationParameter } from '@memsim/devices';
import { scratchFloat64 } from '@memsim/core/internal';

const ABOVE_ONE = 1 + 2 ** -50;
const BELOW_ONE = 1 - 2 ** -50;

/** 1/r per cell for a device parameter `r` (a number when shared by every device, else one value per cell). */
export function inverseParameterPerCell(xbar: CrossbarLike, name: 'rOn' | 'rOff'): number | Float64Array {
  const p = xbar.population.params[name];
  if (p === undefined) return 1 / parameterArray(xbar, name)[0]!; // throws naming the parameter
  if (typeof p === 'number') return 1 / p;
  const slots = xbar.cellSlots();
  const n = xbar.rows * xbar.cols;
  const out = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) out[cell] = 1 / p[slots === null ? cell : slots[cell]!]!;
  return out;
}

/**
 * Writes new per-cell conductances `g` (rows × cols; stuck cells must hold their present value) through the devices
 * in one vectorised pass: bounds (`'clamp'` onto [1/rOff, 1/rOn], or `'extend'` the device's rOff/rOn), one
 * `setConductance` over the population, the exact states of stuck and tile-padding devices put back, then the matrix
 * re-read from the devices. `g` may be overwritten (clamped values). The fast path of programming noise and drift on
 * millions of devices (the general `transformCells` verifies every device and copies more); it allocates nothing
 * per device but a widened rOn/rOff array (scratch memory for the device-order copy).
 */
export function writeCells(
  xbar: CrossbarLike,
  g: Float64Array,
  outOfRange: OutOfRange,
): RangeCounts & { stuckSkipped: number } {
  const pop = xbar.population;
  const n = xbar.rows * xbar.cols;
  const slots = xbar.cellSlots();
  const stuck = xbar.stuck;
  if (pop.params.rOff === undefined || pop.params.rOn === undefined)
    parameterArray(xbar, pop.params.rOff === undefined ? 'rOff' : 'rOn'); // throws naming it
  const offP = pop.params.rOff!;
  const onP = pop.params.rOn!;
  // Shared bound or per-device array, split once so the loop over millions of cells tests no union type per cell.
  const offA = typeof offP === 'number' ? null : offP;
  const onA = typeof onP === 'number' ? null : onP;
  const lo = typeof offP === 'number' ? 1 / offP : 0;
  const hi = typeof onP === 'number' ? 1 / onP : 0;
  const clamp = outOfRange === 'clamp';
  let extended = 0;
  let clamped = 0;
  let newOff: Float64Array | null = null;
  let newOn: Float64Array | null = null;
  let stuckSkipped = 0;
  // Device-order values: `g` itself when cells are devices; else a scratch array, filled in the same pass as the
  // bounds (one sweep over the cells instead of two). With tile padding it starts from every slot's present value.
  let target = g;
  if (pop.size !== n) {
    target = scratchFloat64('nonideality.writeCells', pop.size);
    pop.model.conductance(pop, target);
  } else if (slots !== null) target = scratchFloat64('nonideality.writeCells', n);
  for (let cell = 0; cell < n; cell++) {
    const slot = slots === null ? cell : slots[cell]!;
    const v = g[cell]!;
    // Unconditional: when `target` is `g`, slot is cell and this stores v where it is (cheaper than a test per cell).
    target[slot] = v;
    if (stuck !== null && stuck[cell] === 1) {
      stuckSkipped++;
      continue;
    }
    // Per-device bounds without a division per cell: v·r ≥ 1 + 2⁻⁵⁰ proves v > fl(1/r) and v·r ≤ 1 − 2⁻⁵⁰ proves
    // v < fl(1/r) (product and reciprocal are each rounded by at most 2⁻⁵³), so only values this close to a bound,
    // or outside it, pay the exact test below; NaN fails both and goes there too.
    if (
      (offA === null ? v >= lo : v * offA[slot]! >= ABOVE_ONE) &&
      (onA === null ? v <= hi : v * onA[slot]! <= BELOW_ONE)
    )
      continue;
    const l = offA === null ? lo : 1 / offA[slot]!;
    const h = onA === null ? hi : 1 / onA[slot]!;
    if (v >= l && v <= h) continue;
    if (clamp || !(v > 0 && v < Number.POSITIVE_INFINITY)) {
      const c = v < l ? l : h;
      g[cell] = c;
      target[slot] = c;
      clamped++;
      continue;
    }
    // A per-device array is widened in place (1/v lies beyond the old bound, so rOn < rOff still holds); a shared
    // value becomes a per-device array once, through setPopulationParameter.
    if (v < l) {
      newOff ??= offA ?? parameterArray(xbar, 'rOff');
      newOff[slot] = 1 / v;
    } else {
      newOn ??= onA ?? parameterArray(xbar, 'rOn');
      newOn[slot] = 1 / v;
    }
    extended++;
  }
  // A fresh per-device array is handed over, not copied again.
  if (newOff !== null && newOff !== offA) setPopulationParameter(pop, 'rOff', newOff, { copy: false });
  if (newOn !== null && newOn !== onA) setPopulationParameter(pop, 'rOn', newOn, { copy: false });
  // Devices that keep their exact state: stuck cells and tile padding.
  const keep: number[] = [];
  if (stuck !== null)
    for (let cell = 0; cell < n; cell++) if (stuck[cell] === 1) keep.push(slots === null ? cell : slots[cell]!);
  if (pop.size !== n) {
    const used = new Uint8Array(pop.size);
    for (let cell = 0; cell < n; cell++) used[slots === null ? cell : slots[cell]!] = 1;
    for (let d = 0; d < pop.size; d++) if (used[d] === 0) keep.push(d);
  }
  const saved = keep.map((d) => pop.state[d]!);
  pop.model.setConductance(pop, target);
  keep.forEach((d, k) => {
    pop.state[d] = saved[k]!;
  });
  xbar.update({ fromDevices: true });
  return { extended, clamped, stuckSkipped };
}
