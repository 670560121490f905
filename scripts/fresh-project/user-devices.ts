// Type-checked with `tsc --strict` and no skipLibCheck: @memsim/devices alone, its declarations included.
import { createPopulation, populationToJSON, VTEAM, type DevicePopulationJSON } from '@memsim/devices';

export function snapshot(seed: number): DevicePopulationJSON {
  const pop = createPopulation(VTEAM, 4, {}, { seed });
  VTEAM.step(pop, -0.5, 1e-10);
  return populationToJSON(pop);
}
