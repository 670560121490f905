import { InvalidParameterError, isNumericArray, ShapeMismatchError } from '@memsim/core';
import type { DevicePopulation } from '../population/device-population';

/**
 * O(1) boundary check of `model.step/current/conductance/setConductance(pop, …)`: `pop` is a population built for
 * this model (a null or foreign object used to surface as a TypeError inside the kernel; a population of another
 * model would read missing parameters as NaN).
 */
export function checkKernelPopulation(where: string, modelName: string, pop: unknown): asserts pop is DevicePopulation {
  const p = pop as DevicePopulation | null;
  if (
    typeof p !== 'object' ||
    p === null ||
    !(p.state instanceof Float64Array) ||
    typeof p.size !== 'number' ||
    typeof p.params !== 'object' ||
    p.params === null ||
    typeof p.model !== 'object' ||
    p.model === null
  )
    throw new InvalidParameterError({
      where,
      parameter: 'pop',
      value: pop,
      expected: 'a DevicePopulation from createPopulation()',
    });
  if (p.model.name !== modelName)
    throw new InvalidParameterError({
      where,
      parameter: 'pop',
      value: `a ${p.model.name} population`,
      expected: `a ${modelName} population (call pop.model.${where.slice(where.lastIndexOf('.') + 1)} instead)`,
    });
}

/**
 * Checks target conductances [S] before `setConductance` turns them into states: a finite number > 0 or an array of
 * `pop.size` of them. NaN would otherwise enter the state, and a negative value would silently become 1/rOn
 * (values inside (0, ∞) but outside a device's range are still clamped into it by the model, as documented).
 * O(n), like the kernel it guards.
 */
export function checkTargetConductance(where: string, pop: DevicePopulation, g: unknown): void {
  if (typeof g === 'number') {
    if (!(g > 0 && g < Number.POSITIVE_INFINITY))
      throw new InvalidParameterError({ where, parameter: 'g', value: g, expected: 'a finite conductance > 0 [S]' });
    return;
  }
  if (!isNumericArray(g))
    throw new InvalidParameterError({
      where,
      parameter: 'g',
      value: g,
      expected: 'a finite conductance > 0 [S] or a Float64Array of one per device',
    });
  if (g.length !== pop.size)
    throw new ShapeMismatchError({
      where,
      parameter: 'g',
      expectedShape: [pop.size],
      actualShape: [g.length],
      detail: '(one conductance per device)',
    });
  const n = g.length;
  for (let i = 0; i < n; i++) {
    const v = g[i] as number;
    if (!(v > 0 && v < Number.POSITIVE_INFINITY))
      throw new InvalidParameterError({
        where,
        parameter: `g[${i}]`,
        value: v,
        expected: 'a finite conductance > 0 [S]',
      });
  }
}
