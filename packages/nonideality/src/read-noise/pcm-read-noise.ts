// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { checkCrossbar } from '../crossbar/crossbar-like';
import type { CrossbarLike } from '../crossbar/crossbar-like';
import { inverseParameterPerCell } from '../internal/write-cells';
import { currentDriftState } from '../drift/drift-state';
import { DEFAULT_PCM_T0 } from '../drift/pcm-drift';

// TYPES //

/**
 * Options of {@link pcmReadNoiseStd}.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: PcmReadNoiseOptions = { time: 0, tRead: 250e-9, t0: 20, scale: 1 }; // the defaults without a drift clock; gMax: each 1/rOn
 * pcmReadNoiseStd(xbar, options); // → Float64Array(16) of σ ≈ 2.58e-4 S, one per cell
 */
export interface PcmReadNoiseOptions {
  /** Time since the end of programming [s], ≥ 0. @default the crossbar's drift clock (`pcmDrift`), else 0 */
  time?: number;
  /** t_read of the 1/f fit [s], > 0 (aihwkit `t_read`). @default 250e-9 */
  tRead?: number;
  /** t₀ [s], > 0. @default the drift clock's, else 20 */
  t0?: number;
  /** Multiplies σ (aihwkit `read_noise_scale`) [1], ≥ 0. @default 1 */
  scale?: number;
  /** g_max [S] of Q_s. @default each device's own 1/rOn */
  gMax?: number;
}

/**
 * Default t_read [s] of aihwkit's PCM 1/f read noise.
 *
 * @example
 * DEFAULT_PCM_T_READ; // → 2.5e-7 [s] (one read)
 */
export const DEFAULT_PCM_T_READ = 250e-9;

// `time` and `t0` default to the drift clock's (when the chip drifted), so they are defaulted at the call.
/** @internal The rules of {@link PcmReadNoiseOptions} (the read-noise config reuses them). */
export const PCM_READ_NOISE_RULES = {
  time: option.optional(rule.nonNegative),
  tRead: option.withDefault(rule.positive, DEFAULT_PCM_T_READ),
  t0: option.optional(rule.positive),
  scale: option.withDefault(rule.nonNegative, 1),
  gMax: option.optional(rule.positive),
} satisfies OptionsSchema<PcmReadNoiseOptions>;

// MAIN //

/**
 * σ of every cell's read [S] under the PCM 1/f read-noise model of aihwkit's `PCMLikeNoiseModel`
 * (src/aihwkit/inference/noise/pcm.py, `apply_drift_noise_to_conductance`; Nandakumar et al., ICECS 2019):
 * σ = scale·|g(t)|·Q_s·√ln((t + t₀ + t_read)/(2·t_read)), Q_s = min(0.0088 / max((g_prog/g_max)^0.65, 1e-3), 0.2),
 * with g_prog the programmed conductance (the drift clock's, else the present one). σ grows with the time since
 * programming. aihwkit draws it once per drift evaluation; memsim passes it to `mvm`'s `readNoise.deviceStd`, which
 * draws it afresh on every read.
 *
 * @param xbar - the crossbar (not modified).
 * @returns rows × cols σ [S].
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `time` or `scale` < 0, `tRead`, `t0` or `gMax` ≤ 0, or
 * a key is unknown.
 * @example
 * import { createRng } from '@memsim/core';
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const rng = createRng(1);
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * const batch = 2;
 * const x = new Float32Array(batch * 64).fill(0.5); // two inputs of 64 values
 * mvm(x, batch, mapped, { mode: 'ideal', readNoise: { rng, deviceStd: mapped.crossbars.map((c) => pcmReadNoiseStd(c)) } });
 */
export function pcmReadNoiseStd(xbar: CrossbarLike, options: PcmReadNoiseOptions = {}): Float64Array {
  const where = 'pcmReadNoiseStd';
  checkCrossbar(where, 'xbar', xbar);
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
  const o = resolveOptions(where, options, PCM_READ_NOISE_RULES);
  const state = currentDriftState(xbar);
  const time = o.time ?? state?.time ?? 0;
  const t0 = o.t0 ?? state?.t0 ?? DEFAULT_PCM_T0;
  const { tRead, scale } = o;
  const gMaxShared = o.gMax ?? null;
  const gMaxOf = gMaxShared ?? inverseParameterPerCell(xbar, 'rOn');
  const g = xbar.conductance;
  const programmed = state?.programmed ?? g;
  const growth = scale * Math.sqrt(Math.log((time + t0 + tRead) / (2 * tRead)));
  const n = g.length;
  const out = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) {
    const gMax = typeof gMaxOf === 'number' ? gMaxOf : gMaxOf[cell]!;
    // x^0.65 as exp(0.65·ln x): the same value to a few ulp, several times faster than the general power.
    const x = Math.abs(programmed[cell]!) / gMax;
    const qs = Math.min(0.0088 / Math.max(Math.exp(0.65 * Math.log(x)), 1e-3), 0.2);
    out[cell] = Math.abs(g[cell]!) * qs * growth;
  }
  return out;
}
