import {
  InvalidParameterError,
  type OptionsSchema,
  type ResolvedOptions,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { OUT_OF_RANGE, meanOverCells } from '../internal/cells';
import type { OutOfRange } from '../internal/cells';
import { transformCells } from '../internal/transform-cells';
import { DRIFT_RULES, checkDriftTimes, driftFactorKernel } from '../kernels/conductance-drift';
import type { DriftOptions, ResolvedDriftOptions } from '../kernels/conductance-drift';
import {
  EMPIRICAL_MODEL_RULES,
  empiricalModelOf,
  enduranceRetentionKernel,
} from '../kernels/endurance-retention-model';
import type {
  EmpiricalModelOptions,
  EnduranceRetentionResult,
  ResolvedEmpiricalModel,
} from '../kernels/endurance-retention-model';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';

/**
 * Options shared by {@link endurance} and {@link retention}.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const common: DegradationCommonOptions = { outOfRange: 'clamp' }; // default 'extend'
 * retention(xbar, { ...common, time: 1e3 }).clamped; // → 16: drifted HRS cells stop at 1/rOff
 */
export interface DegradationCommonOptions {
  /**
   * What happens to a conductance the model pushes outside its device's [1/rOff, 1/rOn]:
   * `'extend'` widens that device's rOff (or rOn) so it holds the value exactly (MemTorch's numbers);
   * `'clamp'` clamps onto the bound. Both are counted in the report. @default 'extend'
   */
  outOfRange?: OutOfRange;
}

/**
 * Empirical-model options at the crossbar level.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * // 525 Ω is the default boundary here: (mean rOn + mean rOff) / 2 of VTEAM's 50 Ω and 1000 Ω.
 * const options: EmpiricalDegradationOptions = { mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000, boundaryResistance: 525 };
 * endurance(xbar, { ...options, cycles: 1e4 }).hrsChanged; // → 16
 */
export interface EmpiricalDegradationOptions extends EmpiricalModelOptions, DegradationCommonOptions {
  /**
   * LRS/HRS classification boundary [Ω]: R < boundary is LRS. @default (mean rOn + mean rOff)/2 over the crossbar's
   * devices (MemTorch used rOn + rOff/2 of the model defaults).
   */
  boundaryResistance?: number;
}

/**
 * {@link retention} with the power-law drift of Boybat et al. (2018).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: DriftRetentionOptions = { model: 'conductanceDrift', time: 1e3, initialTime: 1e-12, driftCoefficient: 0.1, outOfRange: 'extend' }; // all but time: defaults
 * retention(xbar, options).extended; // → 16: every HRS cell drifts below 1/rOff, so its rOff is widened
 */
export interface DriftRetentionOptions extends DriftOptions, DegradationCommonOptions {
  /** `'conductanceDrift'` (MemTorch `model_conductance_drift`). @default 'conductanceDrift' */
  model?: 'conductanceDrift';
}

/**
 * {@link retention} with the empirical model of Lammie, Rahimi Azghadi and Ielmini (2021).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: EmpiricalRetentionOptions = { model: 'enduranceRetention', time: 1e5, mode: 'sudden', pLrs: [1e4, 0, 0, 0], pHrs: [1e6, 0, 0, 0], stableResistanceLrs: 200, stableResistanceHrs: 1000 };
 * retention(xbar, options).thresholds; // → { lrs: 10000, hrs: 1000000 } [s]: the HRS cells are not reached yet
 */
export interface EmpiricalRetentionOptions extends EmpiricalDegradationOptions {
  /** `'enduranceRetention'` (MemTorch `model_endurance_retention`). */
  model: 'enduranceRetention';
  /** Time since programming [s], ≥ 0. */
  time: number;
}

/**
 * Options of {@link retention}: discriminated by `model`.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const options: RetentionOptions = { model: 'conductanceDrift', time: 1e3, initialTime: 1, driftCoefficient: 0.1 }; // or model: 'enduranceRetention'
 * retention(xbar, options).factor; // → 0.501187 = (1e3 / 1)^−0.1
 */
export type RetentionOptions = DriftRetentionOptions | EmpiricalRetentionOptions;

/**
 * What {@link retention} or {@link endurance} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * const report: DegradationReport = retention(xbar, { time: 1e3, initialTime: 1 });
 * [report.kind, report.model, report.factor]; // → ['retention', 'conductanceDrift', 0.501187]
 */
export interface DegradationReport {
  kind: 'retention' | 'endurance';
  model: 'conductanceDrift' | 'enduranceRetention';
  /** Drift: the factor (t/t₀)^(−ν) applied to every conductance; empirical: null. */
  factor: number | null;
  /** Empirical: LRS devices changed; drift: every non-stuck cell. */
  lrsChanged: number;
  /** Empirical: HRS devices changed; drift: 0. */
  hrsChanged: number;
  /** Empirical: the classification boundary used [Ω]; drift: null. */
  boundaryResistance: number | null;
  /** Empirical: θ_LRS, θ_HRS (unit of x); drift: null. */
  thresholds: { lrs: number; hrs: number } | null;
  /** Devices whose rOn/rOff was widened (`outOfRange: 'extend'`). */
  extended: number;
  /** Devices clamped onto a bound (`outOfRange: 'clamp'`). */
  clamped: number;
  /** Stuck cells left as they are. */
  stuckSkipped: number;
}

/** The out-of-range policy of every degradation, written once. */
const OUT_OF_RANGE_RULE = option.withDefault(rule.oneOf(OUT_OF_RANGE), 'extend' as OutOfRange);

/** @internal The rules of {@link EmpiricalDegradationOptions} (endurance and retention add their `model` and x). */
export const EMPIRICAL_DEGRADATION_RULES = {
  ...EMPIRICAL_MODEL_RULES,
  outOfRange: OUT_OF_RANGE_RULE,
  boundaryResistance: option.optional(rule.positive),
} satisfies OptionsSchema<EmpiricalDegradationOptions>;

/** The rules of {@link EmpiricalRetentionOptions} (the model was read first). */
const EMPIRICAL_RETENTION_SCHEMA = {
  ...EMPIRICAL_DEGRADATION_RULES,
  model: option.requiredByRule(rule.oneOf(['enduranceRetention'] as const)),
  time: option.requiredByRule(rule.nonNegative),
} satisfies OptionsSchema<EmpiricalRetentionOptions>;

// Drift retention: the drift rules plus the degradation options (the model was read above).
const DRIFT_RETENTION_SCHEMA = {
  ...DRIFT_RULES,
  model: option.optional(rule.oneOf(['conductanceDrift'] as const)),
  outOfRange: OUT_OF_RANGE_RULE,
} satisfies OptionsSchema<DriftRetentionOptions>;

const MODEL_RULE = rule.oneOf(['conductanceDrift', 'enduranceRetention'] as const);

/** @internal Validated empirical-model degradation. */
export interface ResolvedEmpirical {
  model: 'enduranceRetention';
  x: number;
  empirical: ResolvedEmpiricalModel;
  outOfRange: OutOfRange;
  boundaryResistance: number | undefined;
}

/** @internal Validated drift. */
export interface ResolvedDrift {
  model: 'conductanceDrift';
  drift: ResolvedDriftOptions;
  outOfRange: OutOfRange;
}

/** @internal The validated empirical degradation of options resolved by {@link EMPIRICAL_DEGRADATION_RULES}. */
export function empiricalDegradationOf(
  where: string,
  o: ResolvedOptions<EmpiricalDegradationOptions, typeof EMPIRICAL_DEGRADATION_RULES>,
  x: number,
): ResolvedEmpirical {
  const { outOfRange, boundaryResistance } = o;
  return { model: 'enduranceRetention', x, empirical: empiricalModelOf(where, o), outOfRange, boundaryResistance };
}

/** @internal Validates {@link RetentionOptions} (crossbar-independent). */
export function resolveRetentionOptions(where: string, options: RetentionOptions): ResolvedEmpirical | ResolvedDrift {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `time`',
    });
  // The model picks the schema, so it is read first.
  const model = options.model === undefined ? 'conductanceDrift' : MODEL_RULE(where, 'model', options.model);
  if (model === 'enduranceRetention') {
    const o = resolveOptions(where, options as EmpiricalRetentionOptions, EMPIRICAL_RETENTION_SCHEMA);
    return empiricalDegradationOf(where, o, o.time);
  }
  const { time, initialTime, driftCoefficient, outOfRange } = checkDriftTimes(
    where,
    resolveOptions(where, options as DriftRetentionOptions, DRIFT_RETENTION_SCHEMA),
  );
  return { model: 'conductanceDrift', drift: { time, initialTime, driftCoefficient }, outOfRange };
}

/** @internal Runs the empirical model on a crossbar. */
export function applyEmpirical(
  kind: 'retention' | 'endurance',
  xbar: CrossbarLike,
  r: ResolvedEmpirical,
): DegradationReport {
  const boundary = r.boundaryResistance ?? (meanOverCells(xbar, 'rOn') + meanOverCells(xbar, 'rOff')) / 2;
  let result: EnduranceRetentionResult | null = null;
  const counts = transformCells(xbar, r.outOfRange, (g) => {
    for (let i = 0; i < g.length; i++) g[i] = 1 / g[i]!;
    result = enduranceRetentionKernel(g, r.x, boundary, r.empirical);
    for (let i = 0; i < g.length; i++) g[i] = 1 / g[i]!;
  });
  const k = result as unknown as EnduranceRetentionResult;
  return {
    kind,
    model: 'enduranceRetention',
    factor: null,
    lrsChanged: k.lrsChanged,
    hrsChanged: k.hrsChanged,
    boundaryResistance: boundary,
    thresholds: { lrs: k.thresholdLrs, hrs: k.thresholdHrs },
    ...counts,
  };
}

/**
 * Retention loss over `time`: the power-law conductance drift G·(t/t₀)^(−ν) (Boybat et al. 2018, the default) or the
 * empirical metal-oxide RRAM model (`model: 'enduranceRetention'`, sudden or gradual). Device states and the
 * conductance matrix change together; stuck devices are left alone. Mutates `xbar`.
 *
 * @param xbar - the crossbar (mutated).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `time` is negative or not finite, `model` is
 * unknown, or a model option is invalid (see `driftFactor`, `enduranceRetentionResistance`).
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * retention(xbar, { time: 1e3, initialTime: 1, driftCoefficient: 0.1 }).factor; // → 0.501187
 */
export function retention(xbar: CrossbarLike, options: RetentionOptions): DegradationReport {
  const where = 'retention';
  checkCrossbar(where, 'xbar', xbar);
  const r = resolveRetentionOptions(where, options);
  if (r.model === 'enduranceRetention') return applyEmpirical('retention', xbar, r);
  const { time, initialTime, driftCoefficient } = r.drift;
  const factor = driftFactorKernel(time, initialTime, driftCoefficient);
  let changed = 0;
  const counts = transformCells(xbar, r.outOfRange, (g) => {
    for (let i = 0; i < g.length; i++) g[i] = g[i]! * factor;
    changed = g.length;
  });
  return {
    kind: 'retention',
    model: 'conductanceDrift',
    factor,
    lrsChanged: changed,
    hrsChanged: 0,
    boundaryResistance: null,
    thresholds: null,
    ...counts,
  };
}
