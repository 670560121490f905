import { InvalidParameterError, NumericalError } from '@memsim/core';
import { setPopulationParameter } from '@memsim/devices';
import type { CrossbarLike } from '../crossbar/crossbar-like';

/** Slot of `cell`, given the crossbar's cell → slot table (`xbar.cellSlots()`, null for the identity). */
export function slotOf(slots: Int32Array | null, cell: number): number {
  return slots === null ? cell : slots[cell]!;
}

/** Every device's present conductance [S] (one per population slot). */
export function deviceConductance(xbar: CrossbarLike): Float64Array {
  const pop = xbar.population;
  const g = new Float64Array(pop.size);
  pop.model.conductance(pop, g);
  return g;
}

/** Per-device value of a population parameter as a fresh Float64Array. */
export function parameterArray(xbar: CrossbarLike, name: string): Float64Array {
  const pop = xbar.population;
  const p = pop.params[name];
  if (p === undefined)
    throw new InvalidParameterError({
      where: 'nonideality',
      parameter: `population.params.${name}`,
      value: p,
      expected: `defined: the ${pop.model.name} model must have \`${name}\``,
    });
  return typeof p === 'number' ? new Float64Array(pop.size).fill(p) : p.slice();
}

/** Mean of a population parameter over the devices of the cells (tile padding left out). */
export function meanOverCells(xbar: CrossbarLike, name: string): number {
  const p = xbar.population.params[name];
  if (typeof p === 'number') return p;
  const values = parameterArray(xbar, name);
  const slots = xbar.cellSlots();
  const n = xbar.rows * xbar.cols;
  let sum = 0;
  for (let cell = 0; cell < n; cell++) sum += values[slotOf(slots, cell)]!;
  return sum / n;
}

/** Stuck flag of a cell. */
export function isStuck(xbar: CrossbarLike, cell: number): boolean {
  return xbar.stuck !== null && xbar.stuck[cell] === 1;
}

/**
 * Writes new conductances into the devices of the `touched` slots (null: every device) and re-reads the matrix from the devices
 * (`update({ fromDevices: true })`), so matrix and devices agree (and the crossbar's non-linear table follows).
 * Untouched devices keep their exact state.
 * Each value must already lie in its device's range.
 *
 * @throws {NumericalError} when a device does not reproduce its new conductance (a model that cannot represent it).
 */
export function commitDevices(xbar: CrossbarLike, g: Float64Array, touched: Uint8Array | null): void {
  const pop = xbar.population;
  const size = pop.size;
  let all = true;
  if (touched !== null)
    for (let d = 0; d < size; d++)
      if (touched[d] === 0) {
        all = false;
        break;
      }
  const saved = all ? null : pop.state.slice();
  pop.model.setConductance(pop, g);
  if (saved !== null) {
    const state = pop.state;
    for (let d = 0; d < size; d++) if (touched![d] === 0) state[d] = saved[d]!;
  }
  xbar.update({ fromDevices: true });
  const slots = xbar.cellSlots();
  const conductance = xbar.conductance;
  const n = xbar.rows * xbar.cols;
  for (let cell = 0; cell < n; cell++) {
    const d = slots === null ? cell : slots[cell]!;
    if (!all && touched![d] === 0) continue;
    const want = g[d]!;
    const got = conductance[cell]!;
    if (!(Math.abs(got - want) <= 1e-9 * Math.abs(want) + 1e-300))
      throw new NumericalError({
        where: 'nonideality',
        step: -1,
        detail: `device ${d} (cell ${cell}) of model ${pop.model.name} reads ${got} S after being set to ${want} S`,
      });
  }
}

/**
 * How conductances outside a device's [1/rOff, 1/rOn] are handled by drift, endurance and retention.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const outOfRange: OutOfRange = 'clamp'; // stop at the device's bound ('extend': widen rOn/rOff to hold the value)
 * pcmDrift(new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), { time: 86400, seed: 1, outOfRange }).clamped; // → 16 (HRS cells)
 */
export type OutOfRange = 'extend' | 'clamp';

/**
 * Runtime list of {@link OutOfRange} values.
 *
 * @example
 * OUT_OF_RANGE; // → ['extend', 'clamp']
 */
export const OUT_OF_RANGE: readonly OutOfRange[] = Object.freeze(['extend', 'clamp']);

/** Counts of {@link fitIntoRange}. */
export interface RangeCounts {
  /** Devices whose rOn or rOff was widened so the new value is representable. */
  extended: number;
  /** Devices whose new value was clamped onto a bound. */
  clamped: number;
}

/**
 * Makes the touched devices' new conductances representable: `'clamp'` clamps into each device's range; `'extend'`
 * widens that device's `rOff` (value below 1/rOff) or `rOn` (value above 1/rOn) to exactly 1/g.
 */
export function fitIntoRange(xbar: CrossbarLike, g: Float64Array, touched: Uint8Array, mode: OutOfRange): RangeCounts {
  const params = xbar.population.params;
  const onP = params.rOn;
  const offP = params.rOff;
  if (onP === undefined || offP === undefined) parameterArray(xbar, onP === undefined ? 'rOn' : 'rOff'); // throws naming it
  const onShared = typeof onP === 'number' ? onP : 0;
  const offShared = typeof offP === 'number' ? offP : 0;
  const onArr = typeof onP === 'number' ? null : (onP as Float64Array);
  const offArr = typeof offP === 'number' ? null : (offP as Float64Array);
  let newOn: Float64Array | null = null;
  let newOff: Float64Array | null = null;
  let extended = 0;
  let clamped = 0;
  for (let d = 0; d < g.length; d++) {
    if (touched[d] === 0) continue;
    const v = g[d]!;
    const lo = 1 / (offArr === null ? offShared : offArr[d]!);
    const hi = 1 / (onArr === null ? onShared : onArr[d]!);
    if (v >= lo && v <= hi) continue;
    if (mode === 'clamp') {
      g[d] = v < lo ? lo : hi;
      clamped++;
      continue;
    }
    if (!(v > 0 && Number.isFinite(v)))
      throw new NumericalError({
        where: 'nonideality',
        step: -1,
        detail: `device ${d} would get conductance ${v} S, which no resistance represents`,
      });
    if (v < lo) {
      newOff ??= parameterArray(xbar, 'rOff');
      newOff[d] = 1 / v;
    } else {
      newOn ??= parameterArray(xbar, 'rOn');
      newOn[d] = 1 / v;
    }
    extended++;
  }
  if (newOff !== null) setPopulationParameter(xbar.population, 'rOff', newOff);
  if (newOn !== null) setPopulationParameter(xbar.population, 'rOn', newOn);
  return { extended, clamped };
}
