import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';
import { EMPIRICAL_DEGRADATION_RULES, applyEmpirical, empiricalDegradationOf } from './retention';
import type { DegradationReport, EmpiricalDegradationOptions, ResolvedEmpirical } from './retention';

/**
 * Options of {@link endurance}.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * xbar.write(Float64Array.of(0.02, 0.02, 1e-3, 1e-3)); // two LRS, two HRS cells
 * const options: EnduranceOptions = { cycles: 1e4, model: 'enduranceRetention', mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1e5, 0, 0, 0], stableResistanceLrs: 100, stableResistanceHrs: 1000, outOfRange: 'extend' }; // model, outOfRange: defaults
 * endurance(xbar, options).lrsChanged; // → 2
 * xbar.conductance; // → Float64Array [0.01, 0.01, 0.001, 0.001]
 */
export interface EnduranceOptions extends EmpiricalDegradationOptions {
  /** Number of write cycles the devices went through, ≥ 0 (MemTorch `x`). */
  cycles: number;
  /** `'enduranceRetention'`, the only endurance model (MemTorch `model_endurance_retention`). @default 'enduranceRetention' */
  model?: 'enduranceRetention';
}

/** The rules of {@link EnduranceOptions}. */
const SCHEMA = {
  ...EMPIRICAL_DEGRADATION_RULES,
  cycles: option.requiredByRule(rule.nonNegative),
  model: option.optional(rule.oneOf(['enduranceRetention'] as const)),
} satisfies OptionsSchema<EnduranceOptions>;

/**
 * Endurance degradation after `cycles` write cycles with the empirical metal-oxide RRAM model (Lammie, Rahimi
 * Azghadi, Ielmini 2021): past θ = p0·exp(p1·cellSize + p2·Tc), LRS (R < boundary) and HRS devices jump to their
 * stable resistances (`mode: 'sudden'`) or drift as R·(x/θ)^(p3·(p1·cellSize + p2·Tc)) (`'gradual'`). The boundary
 * defaults to (mean rOn + mean rOff)/2 of the crossbar's devices. Device states and matrix change together; stuck
 * devices are left alone. Mutates `xbar`.
 *
 * @param xbar - the crossbar (mutated).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `cycles` is negative or not finite, `model` is
 * unknown, or a model option is invalid (see `enduranceRetentionResistance`).
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * endurance(xbar, { cycles: 1e4, mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0],
 *   stableResistanceLrs: 100, stableResistanceHrs: 1000 }).lrsChanged;
 */
export function endurance(xbar: CrossbarLike, options: EnduranceOptions): DegradationReport {
  const where = 'endurance';
  checkCrossbar(where, 'xbar', xbar);
  return applyEmpirical('endurance', xbar, resolveEnduranceOptions(where, options));
}

/** @internal Validates {@link EnduranceOptions} (crossbar-independent). */
export function resolveEnduranceOptions(where: string, options: EnduranceOptions): ResolvedEmpirical {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `cycles`',
    });
  const o = resolveOptions(where, options, SCHEMA);
  return empiricalDegradationOf(where, o, o.cycles);
}
