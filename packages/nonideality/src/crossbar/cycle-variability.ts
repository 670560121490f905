import type { Rng, OptionsSchema } from '@memsim/core';
import { InvalidParameterError, resolveRng, option, resolveOptions, rule } from '@memsim/core';
import { isStochasticParameter, setPopulationParameter } from '@memsim/devices';
import type { StochasticParameter } from '@memsim/devices';
import { commitDevices, deviceConductance, parameterArray, slotOf } from '../internal/cells';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';

/**
 * Options of {@link cycleVariability} (MemTorch `apply_cycle_variability`).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * import { normal } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * const options: CycleVariabilityOptions = { rOn: normal({ mean: 50, std: 5 }), rOff: normal({ mean: 1000, std: 50 }), resampleThreshold: 100, seed: 1 }; // resampleThreshold: default
 * cycleVariability(xbar, options); // every device draws a new rOn and rOff
 */
export interface CycleVariabilityOptions {
  /** New low-resistance state of each device [Ω]: a StochasticParameter (`normal`, `uniform`, `lognormal` of @memsim/devices) or a number. */
  rOn: number | StochasticParameter;
  /** New high-resistance state of each device [Ω]: a StochasticParameter or a number. */
  rOff: number | StochasticParameter;
  /** Redraws allowed for a device whose pair is not 0 < rOn < rOff, before an error. @default 100 */
  resampleThreshold?: number;
  /** Seed of a fresh generator (give `seed` or `rng`). */
  seed?: number;
  /** Generator to draw from (wins over `seed`). */
  rng?: Rng;
}

/**
 * What {@link cycleVariability} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * import { normal } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 }); // every cell at 1/rOff = 1 mS
 * const report: CycleVariabilityReport = cycleVariability(xbar, { rOn: 50, rOff: normal({ mean: 1000, std: 50 }), seed: 1 });
 * report.clampedBelow; // → 124 of 256: cells whose new rOff is below 1000 Ω, raised to the new 1/rOff
 */
export interface CycleVariabilityReport {
  kind: 'cycleVariability';
  /** Cells whose conductance was outside the new range and was clamped onto it (`clampedBelow + clampedAbove`). */
  clamped: number;
  /** Cells raised to their new 1/rOff. */
  clampedBelow: number;
  /** Cells lowered to their new 1/rOn. */
  clampedAbove: number;
  /** Devices whose first draw violated 0 < rOn < rOff and were redrawn. */
  resampled: number;
  /** Stuck cells left with their old rOn, rOff and conductance. */
  stuckSkipped: number;
}

/** The rules of {@link CycleVariabilityOptions} (the generator is resolveRng's). */
const SCHEMA = {
  rOn: option.requiredByRule(checkSource),
  rOff: option.requiredByRule(checkSource),
  resampleThreshold: option.withDefault(rule.positiveInteger, 100),
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
} satisfies OptionsSchema<CycleVariabilityOptions>;

function checkSource(where: string, parameter: string, value: unknown): number | StochasticParameter {
  if (isStochasticParameter(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new InvalidParameterError({
    where,
    parameter,
    value,
    expected: 'a finite number > 0 [Ω] or a StochasticParameter',
  });
}

function draw(source: number | StochasticParameter, rng: Rng): number {
  return typeof source === 'number' ? source : source.sample(rng);
}

/** @internal Validates {@link CycleVariabilityOptions} (crossbar-independent) and resolves the generator. */
export function resolveCycleVariabilityOptions(
  where: string,
  options: CycleVariabilityOptions,
): { onSource: number | StochasticParameter; offSource: number | StochasticParameter; threshold: number; rng: Rng } {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `rOn` and `rOff`',
    });
  const o = resolveOptions(where, options, SCHEMA);
  return { onSource: o.rOn, offSource: o.rOff, threshold: o.resampleThreshold, rng: resolveRng(where, o) };
}

/**
 * Cycle-to-cycle variability: every device draws a new rOn and rOff (per device, `0 < rOn < rOff` enforced by
 * redrawing the pair), then each cell's conductance is clamped into its new range [1/rOff, 1/rOn] (counted in the
 * report) and written through the devices. Tile padding devices draw too and stay at their new 1/rOff. Stuck
 * devices keep everything. Mutates `xbar`.
 *
 * @param xbar - the crossbar (mutated).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `rOn`/`rOff` is neither a positive number nor a
 * StochasticParameter, `resampleThreshold` is not a positive integer, neither `seed` nor `rng` is given, an option
 * is unknown, or a device still has no valid pair after `resampleThreshold` redraws.
 * @example
 * import { normal } from '@memsim/devices';
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * cycleVariability(xbar, { rOn: normal({ mean: 50, std: 5 }), rOff: normal({ mean: 1000, std: 50 }), seed: 1 });
 */
export function cycleVariability(xbar: CrossbarLike, options: CycleVariabilityOptions): CycleVariabilityReport {
  const where = 'cycleVariability';
  checkCrossbar(where, 'xbar', xbar);
  const { onSource, offSource, threshold, rng } = resolveCycleVariabilityOptions(where, options);
  const pop = xbar.population;
  const size = pop.size;
  const onP = pop.params.rOn;
  const offP = pop.params.rOff;
  if (onP === undefined || offP === undefined) parameterArray(xbar, onP === undefined ? 'rOn' : 'rOff'); // throws naming it
  // Old values as (shared number, per-device array or null): one monomorphic read per loop below.
  const oldOnA = typeof onP === 'number' ? null : (onP as Float64Array);
  const oldOnS = typeof onP === 'number' ? onP : 0;
  const oldOffA = typeof offP === 'number' ? null : (offP as Float64Array);
  const oldOffS = typeof offP === 'number' ? offP : 0;
  const rOn = new Float64Array(size);
  const rOff = new Float64Array(size);
  if (typeof onSource === 'number') rOn.fill(onSource);
  else onSource.fill(rOn, rng);
  if (typeof offSource === 'number') rOff.fill(offSource);
  else offSource.fill(rOff, rng);
  let resampled = 0;
  for (let d = 0; d < size; d++) {
    let on = rOn[d]!;
    let off = rOff[d]!;
    if (on > 0 && on < off && off < Number.POSITIVE_INFINITY) continue;
    resampled++;
    let tries = 0;
    while (!(on > 0 && on < off && Number.isFinite(off))) {
      if (tries++ >= threshold)
        throw new InvalidParameterError({
          where,
          parameter: 'rOn, rOff',
          value: [on, off],
          expected: `distributions that give 0 < rOn < rOff (device ${d} failed ${threshold} redraws)`,
        });
      on = draw(onSource, rng);
      off = draw(offSource, rng);
    }
    rOn[d] = on;
    rOff[d] = off;
  }
  const n = xbar.rows * xbar.cols;
  const slots = xbar.cellSlots();
  const g = deviceConductance(xbar);
  const stuck = xbar.stuck;
  // Device roles: 0 tile padding, 1 cell, 2 stuck cell. Null when every device is a free cell (untiled, no stuck
  // mask), the common case, so no role array is built or read.
  let role: Uint8Array | null = null;
  let stuckSkipped = 0;
  if (slots !== null || size !== n || stuck !== null) {
    role = new Uint8Array(size);
    for (let cell = 0; cell < n; cell++) {
      const d = slotOf(slots, cell);
      role[d] = 1;
      if (stuck !== null && stuck[cell] === 1) {
        rOn[d] = oldOnA === null ? oldOnS : oldOnA[d]!;
        rOff[d] = oldOffA === null ? oldOffS : oldOffA[d]!;
        role[d] = 2;
        stuckSkipped++;
      }
    }
  }
  // Padding devices follow their new 1/rOff; cells are clamped into the new range.
  let below = 0;
  let above = 0;
  for (let d = 0; d < size; d++) {
    const r = role === null ? 1 : role[d]!;
    if (r === 2) continue;
    const lo = 1 / rOff[d]!;
    const hi = 1 / rOn[d]!;
    const v = g[d]!;
    if (r === 0) g[d] = lo;
    else if (v < lo) {
      g[d] = lo;
      below++;
    } else if (v > hi) {
      g[d] = hi;
      above++;
    }
  }
  // Keep rOn < rOff for every intermediate parameter set: rOn first when every new rOn is below the old rOff,
  // otherwise widen rOff first.
  let onFirst = true;
  for (let d = 0; d < size; d++)
    if (!(rOn[d]! < (oldOffA === null ? oldOffS : oldOffA[d]!))) {
      onFirst = false;
      break;
    }
  if (!onFirst) {
    const wide = new Float64Array(size);
    for (let d = 0; d < size; d++) wide[d] = Math.max(oldOffA === null ? oldOffS : oldOffA[d]!, rOff[d]!);
    setPopulationParameter(pop, 'rOff', wide);
  }
  setPopulationParameter(pop, 'rOn', rOn);
  setPopulationParameter(pop, 'rOff', rOff);
  let touched: Uint8Array | null = null;
  if (stuckSkipped > 0) {
    touched = new Uint8Array(size);
    for (let d = 0; d < size; d++) touched[d] = role![d] === 2 ? 0 : 1;
  }
  commitDevices(xbar, g, touched);
  return {
    kind: 'cycleVariability',
    clamped: below + above,
    clampedBelow: below,
    clampedAbove: above,
    resampled,
    stuckSkipped,
  };
}
