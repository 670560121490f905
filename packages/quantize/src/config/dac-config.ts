import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionCheck, OptionsSchema } from '@memsim/core';

/**
 * A durable, serialisable description of a digital-to-analogue converter driving the word lines: a uniform,
 * symmetric, saturating quantiser of the input (MemTorch has none).
 *
 * @example
 * const voltages = new Float64Array([0.12, -0.31, 0.05]); // [V]
 * const dac: DacConfig = { bits: 6, range: 0.3 };
 * quantizeInput(voltages, dac); // 63 levels from −0.3 V to 0.3 V, 0 V included
 */
export interface DacConfig {
  /** Resolution [bit]: an integer in [2, 53] (codes −(2^(bits−1) − 1) … 2^(bits−1) − 1, zero included). */
  bits: number;
  /**
   * Symmetric full scale [V] (or the unit of the input): inputs are clamped to [−range, range]. A number in (0, 2^960].
   * Caution: values beyond ±range saturate silently; that is the point of a DAC, not an error.
   */
  range: number;
}

/** The rules of {@link DacConfig}, each written once (a symmetric DAC with a zero level needs at least 2 bits). @internal */
const dacBits: OptionCheck<number> = (where, parameter, value) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > 53)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an integer >= 2 and <= 53 (a symmetric DAC with a zero level needs 2 bits)',
    });
  return value;
};

export const DAC_CONFIG_SCHEMA = {
  bits: option.required(dacBits),
  range: option.required(rule.positive),
} satisfies OptionsSchema<DacConfig>;

/**
 * Checks a DAC configuration given as option `parameter` of `where` and returns a frozen copy. The one DAC rule set,
 * shared by `@memsim/crossbar`'s `mvm` and `@memsim/layers`' read-out configs (`quantizeInput` keeps its own check of
 * `range` against the input's float type).
 *
 * @throws {InvalidParameterError} when it is not an object, has an unknown key, `bits` is not an integer in [2, 53]
 *   or `range` is not a finite number > 0 (messages name `dac.bits`, `dac.range`).
 * @example
 * checkDacConfig('mvm', { bits: 6, range: 0.3 }); // → { bits: 6, range: 0.3 }
 */
export function checkDacConfig(where: string, value: unknown, parameter = 'dac'): Readonly<DacConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidParameterError({ where, parameter, value, expected: 'a DAC config { bits, range }' });
  return resolveOptions(where, value as DacConfig, DAC_CONFIG_SCHEMA, parameter);
}
