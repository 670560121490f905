// MODULES //

import { InvalidParameterError, resolveRng, option, resolveOptions, rule } from '@memsim/core';
import type { Rng, OptionsSchema } from '@memsim/core';
import { checkCrossbar } from '../crossbar/crossbar-like';
import type { CrossbarLike } from '../crossbar/crossbar-like';
import { OUT_OF_RANGE } from '../internal/cells';
import type { OutOfRange } from '../internal/cells';
import { NORMAL_CHUNK, normalChunk } from '../internal/normal-chunk';
import { scratchFloat64 } from '@memsim/core/internal';
import { inverseParameterPerCell, writeCells } from '../internal/write-cells';
import { currentDriftState, staleDriftState, storeDriftState } from './drift-state';
import type { StoredState } from './drift-state';
import { canRedraw, forEachNu, nuChunk } from './drift-exponents';
import type { NuRecipe } from './drift-exponents';

// TYPES //

/**
 * Options of {@link pcmDrift}.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: PcmDriftOptions = { time: 3600, t0: 20, driftScale: 1, outOfRange: 'extend', seed: 1 }; // t0, driftScale, outOfRange: defaults
 * pcmDrift(xbar, options).started; // → true: the clock starts, ν drawn from the PCM fit
 */
export interface PcmDriftOptions {
  /** Inference time, counted from the end of programming [s], ≥ 0 (aihwkit `t_inference`). */
  time: number;
  /** First-read time t₀ [s], > 0: g(t) = g_prog·((t + t₀)/t₀)^(−ν) (aihwkit `t_0`). @default 20 */
  t0?: number;
  /** Multiplies every ν (aihwkit `drift_scale`) [1], ≥ 0. @default 1 */
  driftScale?: number;
  /**
   * ν ~ |N(mean, std)| for every device instead of aihwkit's conductance-dependent PCM fit. @default the PCM fit:
   * μ_ν = clamp(−0.0155·ln(g/g_max) + 0.0244, 0.049, 0.1), σ_ν = clamp(−0.0125·ln(g/g_max) − 0.0059, 0.008, 0.045)
   */
  nu?: { mean: number; std: number };
  /** g_max [S] of the PCM fit. @default each device's own 1/rOn */
  gMax?: number;
  /** A drifted value below 1/rOff: `'extend'` widens rOff (the power law holds exactly), `'clamp'` stops at 1/rOff. @default 'extend' */
  outOfRange?: OutOfRange;
  /** Seed of ν (needed when the clock starts: the first call after programming). */
  seed?: number;
  /** Generator of ν instead of `seed`. */
  rng?: Rng;
}

/**
 * What {@link pcmDrift} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const report: PcmDriftReport = pcmDrift(xbar, { time: 3600, nu: { mean: 0.05, std: 0 }, seed: 1 });
 * report.meanNu; // → 0.05
 */
export interface PcmDriftReport {
  kind: 'pcmDrift';
  /** The inference time now held [s]. */
  time: number;
  /** True when this call started the clock (drew ν from the programmed conductances). */
  started: boolean;
  /** Mean ν over the drifting cells. */
  meanNu: number;
  /** Devices clamped onto 1/rOff. */
  clamped: number;
  /** Devices whose rOff was widened. */
  extended: number;
  /** Stuck cells left as they are (ν = 0). */
  stuckSkipped: number;
}

/** Validated {@link PcmDriftOptions}. @internal */
export interface ResolvedPcmDrift {
  time: number;
  t0: number | null;
  driftScale: number;
  nu: { mean: number; std: number } | null;
  gMax: number | null;
  outOfRange: OutOfRange;
  rng: Rng | null;
}

const NU_SCHEMA = {
  mean: option.requiredByRule(rule.nonNegative),
  std: option.requiredByRule(rule.nonNegative),
} satisfies OptionsSchema<{ mean: number; std: number }>;

/** The rules of {@link PcmDriftOptions} (the generator is resolveRng's, and only needed on the first call). */
const SCHEMA = {
  time: option.requiredByRule(rule.nonNegative),
  t0: option.optional(rule.positive),
  driftScale: option.withDefault(rule.nonNegative, 1),
  nu: option.optional((where, parameter, value): { mean: number; std: number } => {
    if (typeof value !== 'object' || value === null)
      throw new InvalidParameterError({ where, parameter, value, expected: 'an object { mean, std }' });
    return { ...resolveOptions(where, value as { mean: number; std: number }, NU_SCHEMA, parameter) };
  }),
  gMax: option.optional(rule.positive),
  outOfRange: option.withDefault(rule.oneOf(OUT_OF_RANGE), 'extend' as OutOfRange),
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
} satisfies OptionsSchema<PcmDriftOptions>;

/**
 * Default t₀ [s] of aihwkit's PCM model.
 *
 * @example
 * DEFAULT_PCM_T0; // → 20 [s] after programming, when the drift clock starts
 */
export const DEFAULT_PCM_T0 = 20;

// MAIN //

/** @internal Validates {@link PcmDriftOptions}. */
export function resolvePcmDriftOptions(where: string, options: PcmDriftOptions): ResolvedPcmDrift {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `time`',
    });
  const o = resolveOptions(where, options, SCHEMA);
  const rng = o.seed === undefined && o.rng === undefined ? null : resolveRng(where, o);
  const { time, driftScale, outOfRange } = o;
  return { time, t0: o.t0 ?? null, driftScale, nu: o.nu ?? null, gMax: o.gMax ?? null, outOfRange, rng };
}

/**
 * PCM conductance drift, g(t) = g_prog·((t + t₀)/t₀)^(−ν), with ν drawn once per device as in aihwkit's
 * `PCMLikeNoiseModel.generate_drift_coefficients` (src/aihwkit/inference/noise/pcm.py; measured PCM of Nandakumar et
 * al., ICECS 2019): ν = driftScale·|μ_ν(x) + σ_ν(x)·z|, x = g_prog/g_max. The first call after programming starts the
 * drift clock (stores g_prog and ν; needs `seed` or `rng`); later calls evaluate the same devices at any other time
 * (earlier or later), until the crossbar is written again. Stuck cells do not drift. Mutates `xbar`.
 *
 * aihwkit: `drift_analog_weights(t_inference)`; CrossSim: `drift_model` with a power law.
 *
 * @param xbar - the crossbar (mutated).
 * @param options - see {@link PcmDriftOptions}.
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `time` < 0, `t0` ≤ 0 or differs from the running
 * clock's, `driftScale` or ν < 0, a key is unknown, or the clock starts without `seed`/`rng`.
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * pcmDrift(xbar, { time: 3600, seed: 1 }); // one hour after programming
 * pcmDrift(xbar, { time: 86400 });          // the same devices a day after programming
 */
export function pcmDrift(xbar: CrossbarLike, options: PcmDriftOptions): PcmDriftReport {
  const where = 'pcmDrift';
  checkCrossbar(where, 'xbar', xbar);
  return applyPcmDrift(where, xbar, resolvePcmDriftOptions(where, options));
}

/** @internal Applies resolved drift. */
export function applyPcmDrift(where: string, xbar: CrossbarLike, r: ResolvedPcmDrift): PcmDriftReport {
  let state = currentDriftState(xbar);
  const started = state === null;
  const n = xbar.rows * xbar.cols;
  // New values in scratch memory (writeCells copies them into the devices); stuck cells keep theirs.
  const g = scratchFloat64('nonideality.cells', n);
  let sums: DriftSums;
  if (state === null) {
    if (r.rng === null)
      throw new InvalidParameterError({
        where,
        parameter: 'seed',
        value: undefined,
        expected: 'a seed or rng: the drift clock starts here (ν is drawn once per device after programming)',
      });
    const t0 = r.t0 ?? DEFAULT_PCM_T0;
    const fixed = r.nu;
    const gMax = fixed === null ? (r.gMax ?? inverseParameterPerCell(xbar, 'rOn')) : 1;
    // ν is kept as the recipe that draws it again (generator state, fit, g_max), not as an array, whenever it can be
    // drawn again: a generator of createRng and one g_max for every cell.
    const recipe: NuRecipe | null =
      canRedraw(r.rng) && typeof gMax === 'number'
        ? { rngState: r.rng.state, fixed, gMax, scale: r.driftScale, stuck: xbar.stuck?.slice() ?? null }
        : null;
    // A clock restarted after reprogramming reuses the old clock's arrays (never handed out: driftState copies):
    // fresh 32 MB arrays cost more in page faults than the pass that fills them (docs/benchmarks.md, issue 17).
    const old = staleDriftState(xbar);
    const programmed = old !== null && old.programmed.length === n ? old.programmed : new Float64Array(n);
    const nu = recipe !== null ? null : old?.nu != null && old.nu.length === n ? old.nu : new Float64Array(n);
    sums = startDrift(xbar, r, gMax, Math.log((r.time + t0) / t0), programmed, nu, g);
    state = { t0, time: 0, nu, recipe, programmed, version: xbar.version };
  } else {
    if (r.t0 !== null && r.t0 !== state.t0)
      throw new InvalidParameterError({
        where,
        parameter: 't0',
        value: r.t0,
        expected: `omitted or ${state.t0} s, the t0 of the running drift clock (write the crossbar again to restart it)`,
      });
    sums = evaluateDrift(xbar, state, Math.log((r.time + state.t0) / state.t0), g);
  }
  const counts = writeCells(xbar, g, r.outOfRange);
  const { t0, nu, recipe, programmed } = state;
  storeDriftState(xbar, { t0, time: r.time, nu, recipe, programmed });
  return {
    kind: 'pcmDrift',
    time: r.time,
    started,
    meanNu: sums.drifting === 0 ? 0 : sums.nuSum / sums.drifting,
    clamped: counts.clamped,
    extended: counts.extended,
    stuckSkipped: counts.stuckSkipped,
  };
}

/** Sum of ν over the drifting (not stuck) cells, and their number. */
interface DriftSums {
  nuSum: number;
  drifting: number;
}

/**
 * Writes the drifted value g_prog·exp(−ν·logRatio) of cells [c0, c0 + length) into `g` (`nu` holds their ν from
 * index 0); stuck cells keep their present conductance. Adds to `sums`.
 */
function driftChunk(
  c0: number,
  length: number,
  nu: Float64Array,
  programmed: Float64Array,
  stuck: Readonly<Uint8Array> | null,
  present: Float64Array,
  logRatio: number,
  g: Float64Array,
  sums: DriftSums,
): void {
  // Continues the running sum (not a per-chunk one added later), so meanNu is the cell-order sum of before.
  let nuSum = sums.nuSum;
  let drifting = sums.drifting;
  for (let k = 0; k < length; k++) {
    const cell = c0 + k;
    if (stuck !== null && stuck[cell] === 1) {
      g[cell] = present[cell]!;
      continue;
    }
    const v = nu[k]!;
    g[cell] = programmed[cell]! * Math.exp(-v * logRatio);
    nuSum += v;
    drifting++;
  }
  sums.nuSum = nuSum;
  sums.drifting = drifting;
}

/** Evaluates a running clock at another time into `g` (ν from the kept array or drawn again from the recipe). */
function evaluateDrift(xbar: CrossbarLike, state: StoredState, logRatio: number, g: Float64Array): DriftSums {
  const { nu, programmed, recipe } = state;
  const stuck = xbar.stuck;
  const present = xbar.conductance;
  const sums = { nuSum: 0, drifting: 0 };
  if (nu !== null) driftChunk(0, nu.length, nu, programmed, stuck, present, logRatio, g, sums);
  else
    forEachNu(recipe!, programmed, (c0, chunk, length) =>
      driftChunk(c0, length, chunk, programmed, stuck, present, logRatio, g, sums),
    );
  return sums;
}

/**
 * Starts the clock: copies the programmed conductance, draws ν chunk by chunk (0 for stuck cells; aihwkit's PCM fit
 * or |N(mean, std)|, times driftScale; kept in `nu` unless the clock keeps a recipe) and writes the drifted value
 * into `g`. Normals chunk by chunk: the values one fillNormal over all cells gives; stuck cells consume theirs too.
 */
function startDrift(
  xbar: CrossbarLike,
  r: ResolvedPcmDrift,
  gMax: number | Float64Array,
  logRatio: number,
  programmed: Float64Array,
  nu: Float64Array | null,
  g: Float64Array,
): DriftSums {
  const n = programmed.length;
  const present = xbar.conductance;
  const stuck = xbar.stuck;
  const law = { fixed: r.nu, gMax, scale: r.driftScale };
  const sums = { nuSum: 0, drifting: 0 };
  programmed.set(present);
  for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) {
    const length = Math.min(NORMAL_CHUNK, n - c0);
    // The chunk of normals becomes the chunk of ν in place (a recipe's redraw computes the same values).
    const z = normalChunk(r.rng!, length);
    nuChunk(z, c0, length, present, law, stuck);
    if (nu !== null) nu.set(z.subarray(0, length), c0);
    driftChunk(c0, length, z, programmed, stuck, present, logRatio, g, sums);
  }
  return sums;
}
