// MODULES //

import { InvalidParameterError, NumericalError, option, resolveOptions, resolveRng, rule } from '@memsim/core';
import type { OptionsSchema, Rng } from '@memsim/core';
import { compileExpression } from '@memsim/devices';
import { checkCrossbar } from '../crossbar/crossbar-like';
import type { CrossbarLike } from '../crossbar/crossbar-like';
import { OUT_OF_RANGE } from '../internal/cells';
import type { OutOfRange } from '../internal/cells';
import { normalChunk, NORMAL_CHUNK } from '../internal/normal-chunk';
import { scratchFloat64 } from '@memsim/core/internal';
import { inverseParameterPerCell, writeCells } from '../internal/write-cells';
import {
  PCM_PROGRAMMING_POLYNOMIAL,
  RERAM_WAN2022_POLYNOMIALS,
  RERAM_WAN2022_TIMES,
  checkCoefficients,
} from './noise-polynomials';

// TYPES //

/**
 * Programming-noise models: aihwkit's PCM and ReRAM fits, or a user polynomial.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const model: ProgrammingNoiseModel = 'reram'; // aihwkit ReRamWan2022NoiseModel ('pcm': PCMLikeNoiseModel; 'polynomial': yours)
 * programmingNoise(new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), { model, time: 86400, seed: 1 }); // the fit 1 day after programming
 */
export type ProgrammingNoiseModel = 'pcm' | 'reram' | 'polynomial';

/**
 * Runtime list of {@link ProgrammingNoiseModel} values.
 *
 * @example
 * PROGRAMMING_NOISE_MODELS; // → ['pcm', 'reram', 'polynomial']
 */
export const PROGRAMMING_NOISE_MODELS: readonly ProgrammingNoiseModel[] = Object.freeze(['pcm', 'reram', 'polynomial']);

/**
 * Options of {@link programmingNoise}.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: ProgrammingNoiseOptions = { model: 'polynomial', coefficients: [0.01], scale: 1, outOfRange: 'clamp', seed: 1 }; // scale, outOfRange: defaults
 * programmingNoise(xbar, options).meanStd; // → 0.0002 S: σ = 0.01·g_max, g_max = VTEAM's 1/rOn = 0.02 S
 */
export interface ProgrammingNoiseOptions {
  /**
   * `'pcm'`: aihwkit `PCMLikeNoiseModel` σ_prog; `'reram'`: aihwkit `ReRamWan2022NoiseModel` (fit at `time`);
   * `'polynomial'`: σ/g_max = Σ `coefficients[i]`·(g/g_max)^i, or σ/g_max = |`expression`|.
   */
  model: ProgrammingNoiseModel;
  /** Polynomial coefficients (ascending powers, relative to g_max) of the `'polynomial'` model. */
  coefficients?: readonly number[];
  /**
   * `'polynomial'` only, instead of `coefficients`: σ/g_max as an expression in `x` = g/g_max, e.g.
   * `'0.0105 + 0.2 x - 0.063 x^2'` (parsed by mathjs once and compiled to a closure; `@memsim/devices`
   * `compileExpression` lists what it may hold). Caution: a NaN or ±Infinity value throws a NumericalError naming x.
   */
  expression?: string;
  /** `'reram'` only: which Wan 2022 fit [s], 1 (programming), 86400 (1 day) or 172800 (2 days). @default 1 */
  time?: number;
  /** Multiplies σ (aihwkit `prog_noise_scale` / `noise_scale`) [1], ≥ 0. @default 1 */
  scale?: number;
  /**
   * g_max [S] of x = g/g_max and σ = g_max·poly(x). @default each device's own 1/rOn (aihwkit: the conductance the
   * largest |weight| maps to, which is 1/rOn under memsim's mappings)
   */
  gMax?: number;
  /**
   * A programmed value outside the device's [1/rOff, 1/rOn]: `'clamp'` onto the bound (aihwkit clamps at 0),
   * `'extend'` widens that device's rOn/rOff. @default 'clamp'
   */
  outOfRange?: OutOfRange;
  /** Seed of a fresh generator (give `seed` or `rng`). */
  seed?: number;
  /** Generator to draw from (wins over `seed`). */
  rng?: Rng;
}

/**
 * What {@link programmingNoise} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const report: ProgrammingNoiseReport = programmingNoise(new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), { model: 'pcm', seed: 1 });
 * [report.changed, report.stuckSkipped]; // → [16, 0]
 */
export interface ProgrammingNoiseReport {
  kind: 'programmingNoise';
  /** Cells that received noise (all non-stuck cells). */
  changed: number;
  /** Mean σ over those cells [S]. */
  meanStd: number;
  /** Devices clamped onto a bound. */
  clamped: number;
  /** Devices whose rOn/rOff was widened. */
  extended: number;
  /** Stuck cells left as they are. */
  stuckSkipped: number;
}

/** Validated {@link ProgrammingNoiseOptions}. @internal */
export interface ResolvedProgrammingNoise {
  coefficients: readonly number[];
  /** σ/g_max of a user expression in x = g/g_max (wins over `coefficients`), else null. */
  sigma: ((x: number) => number) | null;
  /** Its text, for error messages. */
  expression: string | null;
  scale: number;
  gMax: number | null;
  outOfRange: OutOfRange;
  rng: Rng;
}

// `coefficients` and `time` belong to one model each, so they are checked after the model.
const SCHEMA = {
  model: option.requiredByRule(rule.oneOf(PROGRAMMING_NOISE_MODELS)),
  coefficients: option.optional(rule.any<readonly number[]>()),
  expression: option.optional(rule.any<string>()),
  time: option.optional(rule.any<number>()),
  scale: option.withDefault(rule.nonNegative, 1),
  gMax: option.optional(rule.positive),
  outOfRange: option.withDefault(rule.oneOf(OUT_OF_RANGE), 'clamp' as OutOfRange),
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
} satisfies OptionsSchema<ProgrammingNoiseOptions>;

// MAIN //

/** @internal Validates {@link ProgrammingNoiseOptions} (crossbar-independent) and resolves the generator. */
export function resolveProgrammingNoiseOptions(
  where: string,
  options: ProgrammingNoiseOptions,
): ResolvedProgrammingNoise {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `model`',
    });
  const o = resolveOptions(where, options, SCHEMA);
  const { model } = o;
  let coefficients: readonly number[] = [];
  let sigma: ((x: number) => number) | null = null;
  const expression = o.expression ?? null;
  if (model === 'polynomial' && expression !== null) {
    if (o.coefficients !== undefined)
      throw new InvalidParameterError({
        where,
        parameter: 'coefficients',
        value: o.coefficients,
        expected: 'omitted when `expression` gives σ/g_max (one or the other)',
      });
    sigma = compileExpression(expression, { variables: ['x'], where, parameter: 'expression' });
  } else if (model === 'polynomial') coefficients = checkCoefficients(where, o.coefficients);
  else if (expression !== null)
    throw new InvalidParameterError({
      where,
      parameter: 'expression',
      value: expression,
      expected: "omitted unless model is 'polynomial' (the 'pcm' and 'reram' fits are fixed)",
    });
  else if (o.coefficients !== undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'coefficients',
      value: o.coefficients,
      expected: "omitted unless model is 'polynomial' (the 'pcm' and 'reram' fits are fixed)",
    });
  if (model === 'pcm') coefficients = PCM_PROGRAMMING_POLYNOMIAL;
  if (model === 'reram') {
    const time = o.time ?? 1;
    if (!RERAM_WAN2022_TIMES.includes(time))
      throw new InvalidParameterError({
        where,
        parameter: 'time',
        value: time,
        expected: `one of ${RERAM_WAN2022_TIMES.join(', ')} s (the times of the Wan 2022 fits)`,
      });
    coefficients = RERAM_WAN2022_POLYNOMIALS[String(time) as '1'];
  } else if (o.time !== undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'time',
      value: o.time,
      expected: "omitted unless model is 'reram'",
    });
  const { scale, outOfRange } = o;
  return { coefficients, sigma, expression, scale, gMax: o.gMax ?? null, outOfRange, rng: resolveRng(where, o) };
}

/**
 * Programming noise: every non-stuck device lands off its target g by a Gaussian draw,
 * g ← g + scale·σ(g)·z, σ(g) = g_max·|Σ c_i·(g/g_max)^i|, with the published fits of aihwkit's `PCMLikeNoiseModel`
 * and `ReRamWan2022NoiseModel` or a user polynomial. Persistent (the devices hold the noisy value), seeded, one draw
 * per cell in row-major cell order (drawn for stuck cells too, which keep their value). Mutates `xbar`.
 *
 * aihwkit: `PCMLikeNoiseModel.apply_programming_noise_to_conductance`; CrossSim: `programming_error` with
 * `'normal_proportional'` / a custom error model.
 *
 * @param xbar - the crossbar (mutated; call it right after programming).
 * @param options - see {@link ProgrammingNoiseOptions}.
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `model` is unknown, `coefficients` are missing or not
 * finite, `expression` holds anything but an expression in x (or comes with `coefficients`), `time` has no fit, `scale` < 0, `gMax` ≤ 0, neither `seed` nor `rng` is given, or a key is unknown.
 * @throws {NumericalError} when `expression` is NaN or ±Infinity at some cell's x = g/g_max (before any device changes).
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * programmingNoise(xbar, { model: 'pcm', seed: 1 });
 * programmingNoise(xbar, { model: 'polynomial', expression: '0.01 + 0.05 x^2', seed: 2 }); // σ/g_max in x = g/g_max
 */
export function programmingNoise(xbar: CrossbarLike, options: ProgrammingNoiseOptions): ProgrammingNoiseReport {
  const where = 'programmingNoise';
  checkCrossbar(where, 'xbar', xbar);
  const r = resolveProgrammingNoiseOptions(where, options);
  return applyProgrammingNoise(xbar, r);
}

/** @internal Applies resolved programming noise. */
export function applyProgrammingNoise(xbar: CrossbarLike, r: ResolvedProgrammingNoise): ProgrammingNoiseReport {
  const n = xbar.rows * xbar.cols;
  const gMax = r.gMax ?? inverseParameterPerCell(xbar, 'rOn');
  // New values in scratch memory (writeCells copies them into the devices); normals drawn chunk by chunk.
  const g = scratchFloat64('nonideality.cells', n);
  const present = xbar.conductance;
  const stuck = xbar.stuck;
  const c = r.coefficients;
  const sigma = r.sigma;
  let changed = 0;
  let stdSum = 0;
  for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) {
    const z = normalChunk(r.rng, Math.min(NORMAL_CHUNK, n - c0));
    for (let k = 0; k < z.length; k++) {
      const cell = c0 + k;
      if (stuck !== null && stuck[cell] === 1) {
        g[cell] = present[cell]!;
        continue;
      }
      const m = typeof gMax === 'number' ? gMax : gMax[cell]!;
      const x = present[cell]! / m;
      // σ/g_max = |Σ c_i x^i| (Horner), or |user expression|.
      let p = 0;
      if (sigma !== null) {
        p = sigma(x);
        if (!(p - p === 0))
          throw new NumericalError({
            where: 'programmingNoise',
            step: cell,
            detail: `σ/g_max = \`${r.expression}\` is ${p} at x = ${x} (g/g_max of cell ${cell}); no device was changed`,
          });
      } else for (let i = c.length - 1; i >= 0; i--) p = p * x + c[i]!;
      const std = r.scale * m * Math.abs(p);
      stdSum += std;
      g[cell] = present[cell]! + std * z[k]!;
      changed++;
    }
  }
  const counts = writeCells(xbar, g, r.outOfRange);
  return {
    kind: 'programmingNoise',
    changed,
    meanStd: changed === 0 ? 0 : stdSum / changed,
    clamped: counts.clamped,
    extended: counts.extended,
    stuckSkipped: counts.stuckSkipped,
  };
}
