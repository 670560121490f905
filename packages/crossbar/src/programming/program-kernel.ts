import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { DevicePopulation } from '@memsim/devices';
import type { CrossbarLike } from '../array/crossbar-like';
import { DEFAULT_PROGRAM_OPTIONS } from './program-options';
import type { ProgramOptions, ProgramReport } from './program-options';

/** The parts of a crossbar the kernel needs. */
export type ProgrammableCrossbar = Pick<
  CrossbarLike,
  'rows' | 'cols' | 'tileShape' | 'population' | 'stuck' | 'cellSlots' | 'update'
>;

/** Consecutive same-direction pulses after which a device's pulse width doubles. */
const GROWTH_RUN = 3;
/** Most kernel calls per polarity and iteration spent on half-select exposure. */
const HALF_SELECT_STEPS = 256;

const D = DEFAULT_PROGRAM_OPTIONS;
/** The rules of {@link ProgramOptions}; `dt` and `pulseDuration` default from the population below. */
const SCHEMA = {
  relTol: option.withDefault(rule.positive, D.relTol),
  dt: option.optional(rule.positive),
  pulseDuration: option.optional(rule.positive),
  setVoltage: option.withDefault(rule.positive, D.setVoltage),
  resetVoltage: option.withDefault(rule.positive, D.resetVoltage),
  maxIterations: option.withDefault(rule.positiveInteger, D.maxIterations),
  halfSelect: option.withDefault(rule.boolean, D.halfSelect),
  maxHalvings: option.withDefault(rule.positiveInteger, D.maxHalvings),
  maxGrowth: option.withDefault(rule.nonNegativeInteger, D.maxGrowth),
  stallLimit: option.withDefault(rule.positiveInteger, D.stallLimit),
} satisfies OptionsSchema<ProgramOptions>;

/**
 * Write-verify programming of every non-stuck cell towards `target` (already inside each device's range), vectorised
 * over devices. Checks `options`; `target` must be checked by the caller.
 */
export function programKernel(
  xbar: ProgrammableCrossbar,
  target: Float64Array,
  options: ProgramOptions,
  where: string,
): ProgramReport {
  const o = resolveOptions(where, options, SCHEMA);
  const { relTol, maxIterations, halfSelect, maxHalvings, maxGrowth, stallLimit } = o;
  const pop = xbar.population;
  const model = pop.model;
  const modelDt = pop.params.timeSeriesResolution;
  let dt: number;
  if (o.dt !== undefined) dt = o.dt;
  else if (typeof modelDt === 'number' && modelDt > 0) dt = modelDt;
  else
    throw new InvalidParameterError({
      where,
      parameter: 'dt',
      value: undefined,
      expected: `given: the ${model.name} population has no shared \`timeSeriesResolution\` to default to`,
    });
  const pulse = o.pulseDuration ?? 10 * dt;
  const setV = o.setVoltage;
  const resetV = o.resetVoltage;

  const { rows, cols } = xbar;
  const nCells = rows * cols;
  const slots = xbar.cellSlots();
  const stuck = xbar.stuck;
  const [tr, tc] = xbar.tileShape ?? [rows, cols];
  const gridRows = Math.ceil(rows / tr);
  const gridCols = Math.ceil(cols / tc);
  const size = pop.size;
  const polarity = model.polarity;
  const vSet = polarity * setV;
  const vReset = -polarity * resetV;

  const g = new Float64Array(size);
  const volt = new Float64Array(size);
  // Pulse-width level per polarity: width = pulseDuration·2^(−level), level in [−maxGrowth, maxHalvings].
  const levelSet = new Int32Array(nCells);
  const levelReset = new Int32Array(nCells);
  const level = new Int32Array(nCells); // level of this iteration's pulse
  const run = new Int32Array(nCells);
  const lastSign = new Int8Array(nCells);
  const stalled = new Int32Array(nCells);
  const givenUp = new Uint8Array(nCells);
  const width = new Float64Array(nCells); // pulse width of this iteration, 0 when not selected
  const sign = new Int8Array(nCells);
  const previous = new Float64Array(nCells);
  // Half-select exposure [s] per line: rows split by tile column, columns split by tile row.
  const rowSet = new Float64Array(rows * gridCols);
  const rowReset = new Float64Array(rows * gridCols);
  const colSet = new Float64Array(cols * gridRows);
  const colReset = new Float64Array(cols * gridRows);
  const exposureSet = new Float64Array(size);
  const exposureReset = new Float64Array(size);
  const expSet = new Int32Array(size);
  const expReset = new Int32Array(size);
  const stuckStates: number[] = [];
  if (stuck !== null)
    for (let cell = 0; cell < nCells; cell++)
      if (stuck[cell] === 1) {
        const d = slots === null ? cell : slots[cell]!;
        stuckStates.push(d, pop.state[d]!);
      }
  const slot = (cell: number): number => (slots === null ? cell : slots[cell]!);
  const width0 = (k: number): number => pulse * 2 ** -k;

  let iterations = 0;
  let pulses = 0;
  for (;;) {
    model.conductance(pop, g);
    let selected = 0;
    let minLevel = Number.POSITIVE_INFINITY;
    let maxLevel = -1;
    for (let cell = 0; cell < nCells; cell++) {
      width[cell] = 0;
      if ((stuck !== null && stuck[cell] === 1) || givenUp[cell] === 1) continue;
      const d = slot(cell);
      const gd = g[d]!;
      const t = target[cell]!;
      if (iterations > 0 && lastSign[cell] !== 0) {
        if (gd === previous[cell] && level[cell]! <= 0) {
          stalled[cell] = stalled[cell]! + 1;
          if (stalled[cell]! >= stallLimit) {
            givenUp[cell] = 1;
            continue;
          }
        } else stalled[cell] = 0;
      }
      if (Math.abs(gd - t) <= relTol * t) {
        lastSign[cell] = 0;
        continue;
      }
      if (iterations >= maxIterations) continue;
      const s = gd < t ? 1 : -1;
      const own = s > 0 ? levelSet : levelReset;
      if (lastSign[cell] !== 0 && s !== lastSign[cell]) {
        // Overshoot: the previous pulse (opposite polarity) was too strong; halve that polarity's width.
        const other = s > 0 ? levelReset : levelSet;
        other[cell] = Math.min(maxHalvings, other[cell]! + 1);
        run[cell] = 1;
      } else if (lastSign[cell] !== 0) {
        run[cell] = run[cell]! + 1;
        // Several pulses in the same direction: double this polarity's width.
        if (run[cell]! >= GROWTH_RUN && own[cell]! > -maxGrowth) {
          own[cell] = own[cell]! - 1;
          run[cell] = 0;
        }
      } else run[cell] = 1;
      lastSign[cell] = s;
      sign[cell] = s;
      level[cell] = own[cell]!;
      width[cell] = width0(own[cell]!);
      previous[cell] = gd;
      minLevel = Math.min(minLevel, level[cell]!);
      maxLevel = Math.max(maxLevel, level[cell]!);
      selected++;
    }
    if (selected === 0 || iterations >= maxIterations) break;
    iterations++;
    pulses += selected;
    // Selected pulses, one group per pulse width.
    for (let k = minLevel; k <= maxLevel; k++) {
      const tau = width0(k);
      let any = false;
      volt.fill(0);
      for (let cell = 0; cell < nCells; cell++)
        if (width[cell]! > 0 && level[cell] === k) {
          volt[slot(cell)] = sign[cell]! > 0 ? vSet : vReset;
          any = true;
        }
      if (!any) continue;
      const n = Math.max(1, Math.ceil(tau / dt - 1e-9));
      const h = tau / n;
      for (let s = 0; s < n; s++) model.step(pop, volt, h);
    }
    if (halfSelect) {
      rowSet.fill(0);
      rowReset.fill(0);
      colSet.fill(0);
      colReset.fill(0);
      for (let cell = 0; cell < nCells; cell++) {
        const w = width[cell]!;
        if (w === 0) continue;
        const r = Math.floor(cell / cols);
        const c = cell - r * cols;
        const rowLine = r * gridCols + Math.floor(c / tc);
        const colLine = c * gridRows + Math.floor(r / tr);
        if (sign[cell]! > 0) {
          rowSet[rowLine] = rowSet[rowLine]! + w;
          colSet[colLine] = colSet[colLine]! + w;
        } else {
          rowReset[rowLine] = rowReset[rowLine]! + w;
          colReset[colLine] = colReset[colLine]! + w;
        }
      }
      let maxSet = 0;
      let maxReset = 0;
      for (let cell = 0; cell < nCells; cell++) {
        const d = slot(cell);
        if (stuck !== null && stuck[cell] === 1) {
          exposureSet[d] = 0;
          exposureReset[d] = 0;
          continue;
        }
        const r = Math.floor(cell / cols);
        const c = cell - r * cols;
        const rowLine = r * gridCols + Math.floor(c / tc);
        const colLine = c * gridRows + Math.floor(r / tr);
        const own = width[cell]!;
        let set = rowSet[rowLine]! + colSet[colLine]!;
        let reset = rowReset[rowLine]! + colReset[colLine]!;
        if (own > 0) {
          if (sign[cell]! > 0) set -= 2 * own;
          else reset -= 2 * own;
        }
        exposureSet[d] = set;
        exposureReset[d] = reset;
        if (set > maxSet) maxSet = set;
        if (reset > maxReset) maxReset = reset;
      }
      halfSelectSteps(pop, volt, exposureSet, expSet, maxSet, vSet / 2, dt);
      halfSelectSteps(pop, volt, exposureReset, expReset, maxReset, vReset / 2, dt);
    }
    for (let i = 0; i < stuckStates.length; i += 2) pop.state[stuckStates[i]!] = stuckStates[i + 1]!;
  }

  model.conductance(pop, g);
  const error = new Float64Array(nCells);
  const failed: number[] = [];
  let maxError = 0;
  for (let cell = 0; cell < nCells; cell++) {
    const t = target[cell]!;
    const e = Math.abs(g[slot(cell)]! - t) / t;
    error[cell] = e;
    if (stuck !== null && stuck[cell] === 1) continue;
    if (e > maxError) maxError = e;
    if (!(Math.abs(g[slot(cell)]! - t) <= relTol * t)) failed.push(cell);
  }
  xbar.update({ fromDevices: true });
  return {
    iterations,
    converged: failed.length === 0,
    error,
    failed: Int32Array.from(failed),
    maxError,
    pulses,
    clamped: 0,
  };
}

/**
 * Half-select exposure: device d spends `exposure[d]` seconds at voltage `v`. Integrated with a common step
 * h = max(dt, max exposure / HALF_SELECT_STEPS) (at most HALF_SELECT_STEPS kernel calls per polarity and iteration),
 * each device taking round(exposure/h) steps at `v` and the rest at 0 V. Below a model's threshold nothing moves
 * whatever h is (and the remaining steps are skipped); above it the disturbance is integrated more coarsely than the
 * selected pulses.
 */
function halfSelectSteps(
  pop: DevicePopulation,
  volt: Float64Array,
  exposure: Float64Array,
  count: Int32Array,
  max: number,
  v: number,
  dt: number,
): void {
  if (max === 0 || v === 0) return;
  const h = Math.max(dt, max / HALF_SELECT_STEPS);
  let steps = 0;
  for (let d = 0; d < exposure.length; d++) {
    const n = Math.round(exposure[d]! / h);
    count[d] = n;
    if (n > steps) steps = n;
  }
  // Deterministic models without per-step memory: if the first step moves no state, the same voltage on the same
  // states cannot move them later either (sub-threshold V/2), so the remaining steps are skipped.
  const memoryless = pop.rng === null && Object.keys(pop.aux).length === 0;
  const before = memoryless ? pop.state.slice() : null;
  for (let s = 0; s < steps; s++) {
    for (let d = 0; d < volt.length; d++) volt[d] = count[d]! > s ? v : 0;
    pop.model.step(pop, volt, h);
    if (s === 0 && before !== null) {
      let moved = false;
      for (let d = 0; d < before.length; d++)
        if (before[d] !== pop.state[d]) {
          moved = true;
          break;
        }
      if (!moved) return;
    }
  }
}
