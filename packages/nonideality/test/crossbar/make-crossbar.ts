// Test helper: a VTEAM crossbar (real @memsim/crossbar) written with random in-range conductances.
import { createRng } from '@memsim/core';
import { Crossbar } from '@memsim/crossbar';
import type { CrossbarOptions } from '@memsim/crossbar';
import { VTEAM, conductanceRange } from '@memsim/devices';

export interface MakeOptions {
  rows?: number;
  cols?: number;
  tileShape?: [number, number];
  params?: Record<string, unknown>;
  model?: CrossbarOptions['model'];
  seed?: number;
}

/** A crossbar whose cells hold conductances uniform in each device's own range. */
export function makeCrossbar(options: MakeOptions = {}): Crossbar {
  const { rows = 12, cols = 7, tileShape, params, model = VTEAM, seed = 1 } = options;
  const xbar = new Crossbar({
    model,
    rows,
    cols,
    ...(tileShape ? { tileShape } : {}),
    ...(params ? { params } : {}),
    seed,
  });
  const { gMin, gMax } = conductanceRange(xbar.population);
  const rng = createRng(seed + 1000);
  const G = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const d = xbar.deviceIndex(r, c);
      G[r * cols + c] = gMin[d]! + rng.uniform() * (gMax[d]! - gMin[d]!);
    }
  xbar.write(G);
  return xbar;
}

/** Population slots that no cell maps to (tile padding). */
export function paddingSlots(xbar: Crossbar): number[] {
  const used = new Uint8Array(xbar.population.size);
  for (let r = 0; r < xbar.rows; r++) for (let c = 0; c < xbar.cols; c++) used[xbar.deviceIndex(r, c)] = 1;
  const out: number[] = [];
  used.forEach((u, d) => {
    if (u === 0) out.push(d);
  });
  return out;
}

/** Each device's conductance read straight from the model. */
export function readDevices(xbar: Crossbar): Float64Array {
  const g = new Float64Array(xbar.population.size);
  xbar.population.model.conductance(xbar.population, g);
  return g;
}
