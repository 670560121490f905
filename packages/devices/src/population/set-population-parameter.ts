import {
  InvalidParameterError,
  type OptionsSchema,
  ShapeMismatchError,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { asDefined } from './create-population';
import { checkPopulation } from '../internal/check-population';
import type { DevicePopulation } from './device-population';

/**
 * Options of {@link setPopulationParameter}.
 *
 * @example
 * const pop = createPopulation(VTEAM, 2);
 * const options: SetPopulationParameterOptions = { copy: false }; // default true
 * setPopulationParameter(pop, 'rOn', new Float64Array([45, 55]), options); // the population keeps this array
 */
export interface SetPopulationParameterOptions {
  /**
   * Copy a Float64Array of values. False hands the array itself to the population (no 8-byte-per-device copy of a
   * fresh array the caller built for it). Caution: the caller must not change it afterwards. @default true
   */
  copy?: boolean;
}

const SCHEMA = {
  copy: option.withDefault(rule.boolean, true),
} satisfies OptionsSchema<SetPopulationParameterOptions>;

/**
 * Replaces one numeric parameter of every device (mutates `pop`), e.g. cycle variability redrawing `rOn`/`rOff`.
 * A number makes the parameter shared; a Float64Array (length `pop.size`, copied) makes it per-device. The state is
 * left as it is: call `model.setConductance` afterwards if it must be re-expressed in the new range.
 *
 * @param options - `copy` (default true), see {@link SetPopulationParameterOptions}.
 *
 * @throws {InvalidParameterError} for an unknown option or a non-boolean `copy`.
 * @throws {InvalidParameterError} for an unknown name or a value outside the parameter's rule (naming the device).
 * @throws {ShapeMismatchError} when the array length is not `pop.size`.
 * @example
 * const pop = createPopulation(VTEAM, 3);
 * setPopulationParameter(pop, 'rOn', new Float64Array([45, 50, 55])); // per-device values [Ω]
 * pop.params.rOn; // → Float64Array [45, 50, 55]
 */
export function setPopulationParameter(
  pop: DevicePopulation,
  name: string,
  values: number | Float64Array,
  options: SetPopulationParameterOptions = {},
): void {
  const where = 'setPopulationParameter';
  checkPopulation(where, pop);
  const { copy } = resolveOptions(where, options, SCHEMA);
  const model = asDefined(pop.model, where);
  if (!model.parameterNames.includes(name))
    throw new InvalidParameterError({
      where,
      parameter: 'name',
      value: name,
      expected: `a parameter of ${model.name}: ${model.parameterNames.map((k) => `\`${k}\``).join(', ')}`,
    });
  let value: number | Float64Array;
  if (typeof values === 'number') value = values;
  else if (values instanceof Float64Array) {
    if (values.length !== pop.size)
      throw new ShapeMismatchError({
        where,
        parameter: 'values',
        expectedShape: [pop.size],
        actualShape: [values.length],
      });
    value = copy ? values.slice() : values;
  } else
    throw new InvalidParameterError({
      where,
      parameter: 'values',
      value: values,
      expected: 'a number or a Float64Array',
    });
  const next = { ...pop.params, [name]: value };
  // The other parameters were checked when they were set: check only what this value can break.
  model.checkChangedParam(next, name, `${where}(${model.name}.${name})`);
  if (model.needsRng(next) && pop.rng === null)
    throw new InvalidParameterError({
      where,
      parameter: name,
      value: values,
      expected: `a value that needs no noise generator: this population was built without \`seed\`/\`rng\``,
    });
  pop.params[name] = value;
}
