import { createRng } from '@memsim/core';

/** Crossbars and wirings shared by the port-Schur tests and their no-WebAssembly child process. */
export function portSchurProblem(): {
  crossbar: { rows: number; cols: number; conductance: Float64Array; version: number; tileShape?: [number, number] };
  options: { sourceResistance: number; lineResistance: number; paddingConductance?: number };
}[] {
  const rng = createRng(404);
  const g = Float64Array.from({ length: 30 * 20 }, () => 1e-6 + rng.uniform() * 1e-4);
  return [
    {
      crossbar: { rows: 30, cols: 20, conductance: g, version: 0 },
      options: { sourceResistance: 1, lineResistance: 1 },
    },
    {
      crossbar: { rows: 30, cols: 20, conductance: g, version: 0, tileShape: [16, 16] },
      options: { sourceResistance: 0, lineResistance: 2, paddingConductance: 1e-6 },
    },
  ];
}
