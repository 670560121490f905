import { InvalidParameterError } from '@memsim/core';
import type { DevicePopulation } from '../population/device-population';

/** Checks that `pop` looks like a DevicePopulation (boundary check of the population functions). */
export function checkPopulation(where: string, pop: unknown): asserts pop is DevicePopulation {
  const p = pop as DevicePopulation;
  if (
    typeof p !== 'object' ||
    p === null ||
    !(p.state instanceof Float64Array) ||
    typeof p.size !== 'number' ||
    typeof p.params !== 'object' ||
    typeof p.model !== 'object'
  )
    throw new InvalidParameterError({
      where,
      parameter: 'pop',
      value: pop,
      expected: 'a DevicePopulation from createPopulation()',
    });
}
