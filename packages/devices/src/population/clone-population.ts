import { createRng } from '@memsim/core';
import { checkPopulation } from '../internal/check-population';
import type { DevicePopulation } from './device-population';

/**
 * A deep copy of a population: state, per-device parameter arrays and auxiliary arrays are copied; the model,
 * settings and integration are shared (they are immutable). A noise generator is copied at its present state (the
 * original is not advanced), so the copy continues exactly as the original would.
 *
 * @throws {InvalidParameterError} when `pop` is not a population.
 * @example
 * const pop = createPopulation(VTEAM, 4);
 * const copy = clonePopulation(pop);
 * VTEAM.step(copy, -0.5, 1e-10); // moves the copy only
 * copy.state[0] !== pop.state[0]; // → true
 */
export function clonePopulation(pop: DevicePopulation): DevicePopulation {
  checkPopulation('clonePopulation', pop);
  const params: Record<string, number | Float64Array> = {};
  for (const [k, v] of Object.entries(pop.params)) params[k] = typeof v === 'number' ? v : v.slice();
  const aux: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(pop.aux)) aux[k] = v.slice();
  return {
    model: pop.model,
    size: pop.size,
    state: pop.state.slice(),
    params,
    settings: pop.settings,
    aux,
    integration: pop.integration,
    rng: pop.rng === null ? null : createRng({ state: pop.rng.state }),
  };
}
