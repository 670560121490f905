import { checkPopulation } from '../internal/check-population';
import type { DevicePopulation } from './device-population';

/**
 * Each device's conductance range [S]: `gMin = 1/rOff`, `gMax = 1/rOn` (read at the model's read voltage).
 *
 * @throws {InvalidParameterError} when `pop` is not a population.
 * @example
 * const { gMin, gMax } = conductanceRange(createPopulation(VTEAM, 2)); // gMin[0] → 1e-3, gMax[0] → 0.02
 */
export function conductanceRange(pop: DevicePopulation): { gMin: Float64Array; gMax: Float64Array } {
  checkPopulation('conductanceRange', pop);
  const n = pop.size;
  const gMin = new Float64Array(n);
  const gMax = new Float64Array(n);
  const rOn = pop.params.rOn!;
  const rOff = pop.params.rOff!;
  if (typeof rOff === 'number') gMin.fill(1 / rOff);
  else for (let i = 0; i < n; i++) gMin[i] = 1 / rOff[i]!;
  if (typeof rOn === 'number') gMax.fill(1 / rOn);
  else for (let i = 0; i < n; i++) gMax[i] = 1 / rOn[i]!;
  return { gMin, gMax };
}
