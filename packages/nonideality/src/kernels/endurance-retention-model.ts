import {
  checkInRange,
  InvalidParameterError,
  NumericalError,
  checkPositiveNumber,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionsSchema, ResolvedOptions } from '@memsim/core';

/**
 * How a device degrades once the threshold is passed: jump to a stable resistance, or drift as a power law.
 *
 * @example
 * const mode: OperationMode = 'gradual'; // past θ, R ← R·(x/θ)^(p3·(p1·cellSize + p2·Tc)); 'sudden': R jumps to a stable value
 * // θ_LRS = e⁻¹·exp(0.1·10) = 1 and exponent 1: an LRS device doubles its resistance at x = 2; θ_HRS = 1e5 is not reached.
 * enduranceRetentionResistance(Float64Array.of(60, 900), { x: 2, boundaryResistance: 525, mode, pLrs: [Math.exp(-1), 0.1, 0, 1], pHrs: [1e5, 0, 0, 0] }).resistance;
 * // → Float64Array [≈120, 900]
 */
export type OperationMode = 'sudden' | 'gradual';

/**
 * Runtime list of {@link OperationMode} values.
 *
 * @example
 * OPERATION_MODES; // → ['sudden', 'gradual']
 */
export const OPERATION_MODES: readonly OperationMode[] = Object.freeze(['sudden', 'gradual']);

/**
 * The four fitted parameters [p0, p1, p2, p3] of one state of the empirical model.
 *
 * @example
 * const pLrs: EmpiricalParameters = [1, 0, 0, 0]; // [p0, p1, p2, p3]
 * empiricalThreshold(pLrs, 10, 0); // → 1: θ = p0·exp(p1·cellSize + p2·Tc)
 */
export type EmpiricalParameters = readonly [number, number, number, number];

/**
 * Parameters of the empirical metal-oxide RRAM endurance/retention model (Lammie, Rahimi Azghadi, Ielmini 2021):
 * threshold θ = p0·exp(p1·cellSize + p2·Tc), Tc = min(temperatureThreshold/temperature, 1) (0 without temperature);
 * past θ, gradual: R ← R·(x/θ)^(p3·(p1·cellSize + p2·Tc)); sudden: R ← the stable resistance.
 *
 * @example
 * const options: EmpiricalModelOptions = {
 *   mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1e5, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000,
 *   cellSize: 10, temperatureThreshold: 298, // the defaults; no temperature: no temperature term
 * };
 * enduranceRetentionResistance(Float64Array.of(60, 900), { ...options, x: 1e4, boundaryResistance: 525 }).resistance; // → Float64Array [100, 900]
 */
export interface EmpiricalModelOptions {
  /** `'sudden'` or `'gradual'` (MemTorch `operation_mode`). */
  mode: OperationMode;
  /** [p0 (> 0, same unit as x), p1, p2, p3] of the low-resistance state. */
  pLrs: EmpiricalParameters;
  /** [p0 (> 0, same unit as x), p1, p2, p3] of the high-resistance state. */
  pHrs: EmpiricalParameters;
  /** Resistance an LRS device takes in sudden mode [Ω]. Required for `'sudden'`. */
  stableResistanceLrs?: number;
  /** Resistance an HRS device takes in sudden mode [Ω]. Required for `'sudden'`. */
  stableResistanceHrs?: number;
  /** Cell size, in the unit the p parameters were fitted with (nm in the source paper), > 0. @default 10 */
  cellSize?: number;
  /** Operating temperature [K], > 0. Omitted: Tc = 0 (no temperature term). */
  temperature?: number;
  /** Temperature threshold [K], > 0. @default 298 */
  temperatureThreshold?: number;
}

/**
 * Defaults of {@link EmpiricalModelOptions}.
 *
 * @example
 * DEFAULT_EMPIRICAL_MODEL_OPTIONS; // → { cellSize: 10, temperatureThreshold: 298 }
 */
export const DEFAULT_EMPIRICAL_MODEL_OPTIONS: Readonly<{ cellSize: number; temperatureThreshold: number }> =
  Object.freeze({
    cellSize: 10,
    temperatureThreshold: 298,
  });

/** Validated, defaulted empirical-model options. */
export interface ResolvedEmpiricalModel {
  mode: OperationMode;
  pLrs: EmpiricalParameters;
  pHrs: EmpiricalParameters;
  stableResistanceLrs: number;
  stableResistanceHrs: number;
  cellSize: number;
  /** Temperature constant Tc [1]. */
  temperatureConstant: number;
}

function checkP(where: string, parameter: string, value: unknown): EmpiricalParameters {
  if (!(Array.isArray(value) || value instanceof Float64Array) || value.length !== 4)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an array of four finite numbers [p0, p1, p2, p3]',
    });
  for (let i = 0; i < 4; i++)
    if (!Number.isFinite(value[i]))
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}[${i}]`,
        value: value[i],
        expected: 'a finite number',
      });
  if (!((value[0] as number) > 0))
    throw new InvalidParameterError({
      where,
      parameter: `${parameter}[0]`,
      value: value[0],
      expected: 'a number > 0 (p0 scales the threshold)',
    });
  return [value[0], value[1], value[2], value[3]] as EmpiricalParameters;
}

/**
 * @internal The rules of {@link EmpiricalModelOptions}, each written once; callers spread them into the schema of their
 * own options and finish with {@link empiricalModelOf} (the stable resistances are required in sudden mode there).
 */
export const EMPIRICAL_MODEL_RULES = {
  mode: option.requiredByRule(rule.oneOf(OPERATION_MODES)),
  pLrs: option.requiredByRule(checkP),
  pHrs: option.requiredByRule(checkP),
  stableResistanceLrs: option.optional(rule.positive),
  stableResistanceHrs: option.optional(rule.positive),
  cellSize: option.withDefault(rule.positive, DEFAULT_EMPIRICAL_MODEL_OPTIONS.cellSize),
  temperatureThreshold: option.withDefault(rule.positive, DEFAULT_EMPIRICAL_MODEL_OPTIONS.temperatureThreshold),
  temperature: option.optional(rule.positive),
} satisfies OptionsSchema<EmpiricalModelOptions>;

/**
 * @internal The model of options resolved by {@link EMPIRICAL_MODEL_RULES} (alone or spread into a larger schema):
 * checks the one rule across keys (sudden mode needs both stable resistances) and computes Tc.
 *
 * @throws {InvalidParameterError} when a stable resistance is missing in sudden mode.
 */
export function empiricalModelOf(
  where: string,
  o: ResolvedOptions<EmpiricalModelOptions, typeof EMPIRICAL_MODEL_RULES>,
): ResolvedEmpiricalModel {
  const { mode, pLrs, pHrs, cellSize } = o;
  // Absent in sudden mode: the rule itself reports it ("must be a finite number > 0; received undefined"); gradual
  // mode never reads them (NaN).
  const stable = (key: 'stableResistanceLrs' | 'stableResistanceHrs'): number =>
    o[key] ?? (mode === 'sudden' ? rule.positive(where, key, undefined) : Number.NaN);
  const temperatureConstant = o.temperature === undefined ? 0 : Math.min(o.temperatureThreshold / o.temperature, 1);
  return {
    mode,
    pLrs,
    pHrs,
    stableResistanceLrs: stable('stableResistanceLrs'),
    stableResistanceHrs: stable('stableResistanceHrs'),
    cellSize,
    temperatureConstant,
  };
}

/**
 * Threshold θ = p0·exp(p1·cellSize + p2·Tc) of one state, in the unit of x (cycles or seconds).
 *
 * @example
 * empiricalThreshold([1, 0, 0, 0], 10, 0.85); // → 1
 */
export function empiricalThreshold(p: EmpiricalParameters, cellSize: number, temperatureConstant: number): number {
  const where = 'empiricalThreshold';
  const q = checkP(where, 'p', p);
  checkPositiveNumber(where, 'cellSize', cellSize);
  checkInRange(where, 'temperatureConstant', temperatureConstant, 0, 1);
  return thresholdOf(q, cellSize, temperatureConstant);
}

/** Unchecked θ for the model functions (their options were checked once); finite or a NumericalError. */
function thresholdOf(p: EmpiricalParameters, cellSize: number, temperatureConstant: number): number {
  const theta = p[0] * Math.exp(p[1] * cellSize + p[2] * temperatureConstant);
  if (!(theta - theta === 0))
    throw new NumericalError({
      where: 'empiricalThreshold',
      step: -1,
      detail: `the threshold p0·exp(p1·cellSize + p2·Tc) overflowed to ${theta} (p = [${p.join(', ')}], cellSize = ${cellSize})`,
    });
  return theta;
}

/**
 * Options of {@link enduranceRetentionResistance}.
 *
 * @example
 * const options: EnduranceRetentionResistanceOptions = {
 *   x: 1e4, boundaryResistance: 525, // 1e4 cycles; R < 525 Ω is LRS
 *   mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000,
 * };
 * enduranceRetentionResistance(Float64Array.of(60, 900), options).resistance; // → Float64Array [100, 1000]
 */
export interface EnduranceRetentionResistanceOptions extends EmpiricalModelOptions {
  /** Cycles (endurance) or time [s] (retention), ≥ 0. */
  x: number;
  /** Devices with R < boundary are LRS, R > boundary HRS [Ω]; the crossbar functions use (mean rOn + mean rOff)/2. */
  boundaryResistance: number;
}

/** The rules of {@link EnduranceRetentionResistanceOptions}. */
const RESISTANCE_SCHEMA = {
  ...EMPIRICAL_MODEL_RULES,
  x: option.requiredByRule(rule.nonNegative),
  boundaryResistance: option.requiredByRule(rule.positive),
} satisfies OptionsSchema<EnduranceRetentionResistanceOptions>;

/**
 * Result of {@link enduranceRetentionResistance}.
 *
 * @example
 * const result: EnduranceRetentionResult = enduranceRetentionResistance(Float64Array.of(60, 900), {
 *   x: 1e4, boundaryResistance: 525, mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1e5, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000,
 * });
 * [result.lrsChanged, result.hrsChanged, result.thresholdLrs, result.thresholdHrs]; // → [1, 0, 1, 100000]: only θ_LRS is passed
 */
export interface EnduranceRetentionResult {
  /** New resistances [Ω] (a new array). */
  resistance: Float64Array;
  /** Number of LRS devices changed (0 when x ≤ θ_LRS). */
  lrsChanged: number;
  /** Number of HRS devices changed (0 when x ≤ θ_HRS). */
  hrsChanged: number;
  /** θ_LRS in the unit of x. */
  thresholdLrs: number;
  /** θ_HRS in the unit of x. */
  thresholdHrs: number;
}

/**
 * Applies the empirical endurance/retention model to an array of resistances. Each device is classified once, on
 * its resistance before the update: R < boundary → LRS law, R > boundary → HRS law (MemTorch re-classified HRS
 * on the already-updated resistances, so an LRS device pushed past the boundary was degraded twice).
 *
 * @param resistance - device resistances [Ω], > 0 (Infinity allowed: classified HRS).
 * @throws {InvalidParameterError} when a resistance is not > 0, `x` is negative or not finite,
 * `boundaryResistance` is not a finite number > 0, or a model option is invalid (see {@link EmpiricalModelOptions}).
 * @example
 * enduranceRetentionResistance(Float64Array.of(60, 900), { x: 1e4, boundaryResistance: 525, mode: 'sudden',
 *   pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000 }).resistance;
 * // → Float64Array [100, 1000]
 */
export function enduranceRetentionResistance(
  resistance: Float64Array | ArrayLike<number>,
  options: EnduranceRetentionResistanceOptions,
): EnduranceRetentionResult {
  const where = 'enduranceRetentionResistance';
  const o = resolveOptions(where, options, RESISTANCE_SCHEMA);
  const model = empiricalModelOf(where, o);
  const { x, boundaryResistance: boundary } = o;
  // Float64Array.from(true) or from a number is an empty array: a non-array must be an error, not zero devices.
  if (!(Array.isArray(resistance) || ArrayBuffer.isView(resistance)))
    throw new InvalidParameterError({
      where,
      parameter: 'resistance',
      value: resistance,
      expected: 'an array of resistances [Ω]',
    });
  const r = Float64Array.from(resistance as ArrayLike<number>);
  for (let i = 0; i < r.length; i++)
    if (!(r[i]! > 0))
      throw new InvalidParameterError({
        where,
        parameter: `resistance[${i}]`,
        value: r[i],
        expected: 'a number > 0 (Infinity allowed)',
      });
  return enduranceRetentionKernel(r, x, boundary, model);
}

/** Unchecked kernel: updates `r` in place and returns the counts. */
export function enduranceRetentionKernel(
  r: Float64Array,
  x: number,
  boundary: number,
  m: ResolvedEmpiricalModel,
): EnduranceRetentionResult {
  const thresholdLrs = thresholdOf(m.pLrs, m.cellSize, m.temperatureConstant);
  const thresholdHrs = thresholdOf(m.pHrs, m.cellSize, m.temperatureConstant);
  const doLrs = x > thresholdLrs;
  const doHrs = x > thresholdHrs;
  const gradual = m.mode === 'gradual';
  const factorLrs = (x / thresholdLrs) ** (m.pLrs[3] * (m.pLrs[1] * m.cellSize + m.pLrs[2] * m.temperatureConstant));
  const factorHrs = (x / thresholdHrs) ** (m.pHrs[3] * (m.pHrs[1] * m.cellSize + m.pHrs[2] * m.temperatureConstant));
  let lrsChanged = 0;
  let hrsChanged = 0;
  if (doLrs || doHrs) {
    for (let i = 0; i < r.length; i++) {
      const ri = r[i]!;
      if (ri < boundary) {
        if (doLrs) {
          r[i] = gradual ? ri * factorLrs : m.stableResistanceLrs;
          lrsChanged++;
        }
      } else if (ri > boundary && doHrs) {
        r[i] = gradual ? ri * factorHrs : m.stableResistanceHrs;
        hrsChanged++;
      }
    }
  }
  return { resistance: r, lrsChanged, hrsChanged, thresholdLrs, thresholdHrs };
}
