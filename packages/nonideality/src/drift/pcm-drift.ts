// MODULES //

import {
  InvalidParameterError,
  checkKnownKeys,
  checkNonNegativeNumber,
  checkOneOf,
  checkPositiveNumber,
  resolveRng,
} from '@memsim/core';
import type { Rng } from '@memsim/core';
import { checkCrossbar } from '../crossbar/crossbar-like';
import type { CrossbarLike } from '../crossbar/crossbar-like';
import { OUT_OF_RANGE } from '../internal/cells';
import type { OutOfRange } from '../internal/cells';
import { NORMAL_CHUNK, normalChunk } from '../internal/normal-chunk';
import { scratchFloat64 } from '../internal/scratch';
import { inverseParameterPerCell, writeCells } from '../internal/write-cells';
import { currentDriftState, storeDriftState } from './drift-state';

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

const KEYS = ['time', 't0', 'driftScale', 'nu', 'gMax', 'outOfRange', 'seed', 'rng'] as const;

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
  checkKnownKeys(where, options, KEYS);
  const time = checkNonNegativeNumber(where, 'time', options.time);
  const t0 = options.t0 === undefined ? null : checkPositiveNumber(where, 't0', options.t0);
  const driftScale = checkNonNegativeNumber(where, 'driftScale', options.driftScale ?? 1);
  let nu: { mean: number; std: number } | null = null;
  if (options.nu !== undefined) {
    if (typeof options.nu !== 'object' || options.nu === null)
      throw new InvalidParameterError({
        where,
        parameter: 'nu',
        value: options.nu,
        expected: 'an object { mean, std }',
      });
    checkKnownKeys(`${where} nu`, options.nu, ['mean', 'std']);
    nu = {
      mean: checkNonNegativeNumber(where, 'nu.mean', options.nu.mean),
      std: checkNonNegativeNumber(where, 'nu.std', options.nu.std),
    };
  }
  const gMax = options.gMax === undefined ? null : checkPositiveNumber(where, 'gMax', options.gMax);
  const outOfRange = checkOneOf(where, 'outOfRange', options.outOfRange ?? 'extend', OUT_OF_RANGE);
  const rng = options.seed === undefined && options.rng === undefined ? null : resolveRng(where, options);
  return { time, t0, driftScale, nu, gMax, outOfRange, rng };
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
  if (state === null) {
    if (r.rng === null)
      throw new InvalidParameterError({
        where,
        parameter: 'seed',
        value: undefined,
        expected: 'a seed or rng: the drift clock starts here (ν is drawn once per device after programming)',
      });
    const programmed = xbar.conductance.slice();
    const nu = drawNu(xbar, programmed, r);
    state = { t0: r.t0 ?? DEFAULT_PCM_T0, time: 0, nu, programmed, version: xbar.version };
  } else if (r.t0 !== null && r.t0 !== state.t0)
    throw new InvalidParameterError({
      where,
      parameter: 't0',
      value: r.t0,
      expected: `omitted or ${state.t0} s, the t0 of the running drift clock (write the crossbar again to restart it)`,
    });
  const { nu, programmed, t0 } = state;
  const logRatio = Math.log((r.time + t0) / t0);
  const n = programmed.length;
  const stuck = xbar.stuck;
  // New values in scratch memory (writeCells copies them into the devices); stuck cells keep theirs.
  const g = scratchFloat64('nonideality.cells', n);
  const present = xbar.conductance;
  let nuSum = 0;
  let drifting = 0;
  for (let cell = 0; cell < n; cell++) {
    if (stuck !== null && stuck[cell] === 1) {
      g[cell] = present[cell]!;
      continue;
    }
    g[cell] = programmed[cell]! * Math.exp(-nu[cell]! * logRatio);
    nuSum += nu[cell]!;
    drifting++;
  }
  const counts = writeCells(xbar, g, r.outOfRange);
  storeDriftState(xbar, { t0, time: r.time, nu, programmed });
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

/** ν per cell (0 for stuck cells), aihwkit's PCM fit or |N(mean, std)|, times driftScale. */
function drawNu(xbar: CrossbarLike, programmed: Float64Array, r: ResolvedPcmDrift): Float64Array {
  const n = programmed.length;
  const nu = new Float64Array(n);
  const gMax = r.nu === null ? (r.gMax ?? inverseParameterPerCell(xbar, 'rOn')) : 1;
  const stuck = xbar.stuck;
  // Normals chunk by chunk (the values one fillNormal over all cells gives), ν written once.
  for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) {
    const z = normalChunk(r.rng!, Math.min(NORMAL_CHUNK, n - c0));
    for (let k = 0; k < z.length; k++) {
      const cell = c0 + k;
      if (stuck !== null && stuck[cell] === 1) continue; // ν = 0
      let mean: number;
      let std: number;
      if (r.nu !== null) {
        mean = r.nu.mean;
        std = r.nu.std;
      } else {
        const m = typeof gMax === 'number' ? gMax : gMax[cell]!;
        const lx = Math.log(Math.max(Math.abs(programmed[cell]! / m), 1e-7));
        mean = Math.min(Math.max(-0.0155 * lx + 0.0244, 0.049), 0.1);
        std = Math.min(Math.max(-0.0125 * lx - 0.0059, 0.008), 0.045);
      }
      nu[cell] = r.driftScale * Math.abs(mean + std * z[k]!);
    }
  }
  return nu;
}
