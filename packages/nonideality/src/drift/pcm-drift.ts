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
  let nuSum = 0;
  let drifting = 0;
  if (state === null) {
    if (r.rng === null)
      throw new InvalidParameterError({
        where,
        parameter: 'seed',
        value: undefined,
        expected: 'a seed or rng: the drift clock starts here (ν is drawn once per device after programming)',
      });
    const t0 = r.t0 ?? DEFAULT_PCM_T0;
    // A clock restarted after reprogramming reuses the old clock's arrays (never handed out: driftState copies):
    // fresh 32 MB arrays cost more in page faults than the pass that fills them (docs/benchmarks.md, issue 17).
    const old = staleDriftState(xbar);
    const programmed = old !== null && old.programmed.length === n ? old.programmed : new Float64Array(n);
    const nu = old !== null && old.nu.length === n ? old.nu : new Float64Array(n);
    const sums = startDrift(xbar, r, Math.log((r.time + t0) / t0), programmed, nu, g);
    nuSum = sums.nuSum;
    drifting = sums.drifting;
    state = { t0, time: 0, nu, programmed, version: xbar.version };
  } else {
    if (r.t0 !== null && r.t0 !== state.t0)
      throw new InvalidParameterError({
        where,
        parameter: 't0',
        value: r.t0,
        expected: `omitted or ${state.t0} s, the t0 of the running drift clock (write the crossbar again to restart it)`,
      });
    const { nu, programmed, t0 } = state;
    const logRatio = Math.log((r.time + t0) / t0);
    const stuck = xbar.stuck;
    const present = xbar.conductance;
    for (let cell = 0; cell < n; cell++) {
      if (stuck !== null && stuck[cell] === 1) {
        g[cell] = present[cell]!;
        continue;
      }
      g[cell] = programmed[cell]! * Math.exp(-nu[cell]! * logRatio);
      nuSum += nu[cell]!;
      drifting++;
    }
  }
  const counts = writeCells(xbar, g, r.outOfRange);
  storeDriftState(xbar, { t0: state.t0, time: r.time, nu: state.nu, programmed: state.programmed });
  return {
    kind: 'pcmDrift',
    time: r.time,
    started,
    meanNu: drifting === 0 ? 0 : nuSum / drifting,
    clamped: counts.clamped,
    extended: counts.extended,
    stuckSkipped: counts.stuckSkipped,
  };
}

/**
 * Starts the clock in one pass over the cells: copies the programmed conductance, draws ν (0 for stuck cells;
 * aihwkit's PCM fit or |N(mean, std)|, times driftScale) and writes the drifted value into `g` — the values the
 * separate copy, draw and evaluate passes gave, bit for bit, without sweeping three 32 MB arrays three times.
 */
function startDrift(
  xbar: CrossbarLike,
  r: ResolvedPcmDrift,
  logRatio: number,
  programmed: Float64Array,
  nu: Float64Array,
  g: Float64Array,
): { nuSum: number; drifting: number } {
  const n = programmed.length;
  const present = xbar.conductance;
  const stuck = xbar.stuck;
  const fixed = r.nu;
  const gMax = fixed === null ? (r.gMax ?? inverseParameterPerCell(xbar, 'rOn')) : 1;
  const sharedMax = typeof gMax === 'number' ? gMax : 0;
  const perCellMax = typeof gMax === 'number' ? null : gMax;
  const scale = r.driftScale;
  let nuSum = 0;
  let drifting = 0;
  // Normals chunk by chunk (the values one fillNormal over all cells gives; stuck cells consume theirs too).
  for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) {
    const z = normalChunk(r.rng!, Math.min(NORMAL_CHUNK, n - c0));
    for (let k = 0; k < z.length; k++) {
      const cell = c0 + k;
      const p = present[cell]!;
      programmed[cell] = p;
      if (stuck !== null && stuck[cell] === 1) {
        nu[cell] = 0;
        g[cell] = p;
        continue;
      }
      let mean: number;
      let std: number;
      if (fixed !== null) {
        mean = fixed.mean;
        std = fixed.std;
      } else {
        const m = perCellMax === null ? sharedMax : perCellMax[cell]!;
        const lx = Math.log(Math.max(Math.abs(p / m), 1e-7));
        mean = Math.min(Math.max(-0.0155 * lx + 0.0244, 0.049), 0.1);
        std = Math.min(Math.max(-0.0125 * lx - 0.0059, 0.008), 0.045);
      }
      const v = scale * Math.abs(mean + std * z[k]!);
      nu[cell] = v;
      g[cell] = p * Math.exp(-v * logRatio);
      nuSum += v;
      drifting++;
    }
  }
  return { nuSum, drifting };
}
