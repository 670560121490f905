// Test data: VTEAM pulse trains with cycle-to-cycle spread (kOn, kOff drawn per cycle), as a measurement would give.
import { VTEAM, createPopulation, normal } from '../../src/index';

export const SET_PULSES = 100;
export const RESET_PULSES = 100;
export const PULSES = SET_PULSES + RESET_PULSES;

/** Conductance after pulse k (k = 0: initial) of every cycle: cycles × (PULSES + 1), row-major. */
export function vteamCurves(cycles: number, spread: number, seed: number): Float64Array {
  const pop = createPopulation(
    VTEAM,
    cycles,
    { kOn: normal({ mean: -10, std: 10 * spread }), kOff: normal({ mean: 5e-4, std: 5e-4 * spread }), xOn: 3e-9 },
    { seed },
  );
  const out = new Float64Array(cycles * (PULSES + 1));
  const g = new Float64Array(cycles);
  const record = (k: number) => {
    pop.model.conductance(pop, g);
    for (let c = 0; c < cycles; c++) out[c * (PULSES + 1) + k] = g[c]!;
  };
  record(0);
  // VTEAM raises conductance at negative voltage: SET −0.25 V × 0.2 ns, RESET +1 V × 1.2 ns (≈ 1 % of d per pulse).
  for (let k = 1; k <= PULSES; k++) {
    if (k <= SET_PULSES) pop.model.step(pop, -0.25, 2e-10);
    else pop.model.step(pop, 1, 1.2e-9);
    record(k);
  }
  return out;
}

/** The curves as the CSV a measurement would give. */
export function curvesToCsv(curves: Float64Array, cycles: number): string {
  const lines = ['cycle,pulse,polarity,conductance'];
  for (let c = 0; c < cycles; c++)
    for (let k = 0; k <= PULSES; k++)
      lines.push(`${c + 1},${k},${k === 0 ? 0 : k <= SET_PULSES ? 1 : -1},${curves[c * (PULSES + 1) + k]}`);
  return `${lines.join('\n')}\n`;
}

/** Mean and σ across cycles at every pulse. */
export function curveStats(curves: Float64Array, cycles: number): { mean: Float64Array; std: Float64Array } {
  const n = PULSES + 1;
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  for (let c = 0; c < cycles; c++) for (let k = 0; k < n; k++) mean[k] = mean[k]! + curves[c * n + k]! / cycles;
  for (let c = 0; c < cycles; c++) for (let k = 0; k < n; k++) std[k] = std[k]! + (curves[c * n + k]! - mean[k]!) ** 2;
  for (let k = 0; k < n; k++) std[k] = Math.sqrt(std[k]! / (cycles - 1));
  return { mean, std };
}
