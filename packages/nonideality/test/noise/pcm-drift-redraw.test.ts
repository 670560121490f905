// The drift clock keeps ν as the recipe that draws it again (generator state, fit, g_max) when it can, an array
// otherwise: both must give the same ν, bit for bit, as the PCM fit written out with a logarithm for every cell.
import { createRng } from '@memsim/core';
import type { Rng } from '@memsim/core';
import { Crossbar } from '@memsim/crossbar';
import { VTEAM, setPopulationParameter } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { deviceFaults, driftState, pcmDrift } from '../../src/index';

const rows = 96;
const cols = 70;
const n = rows * cols;

/**
 * A tiled crossbar (padding slots) whose cells span g/g_max from 1e-4 to 1 geometrically: both clamps of the PCM fit
 * and the logarithmic range between them. `perDeviceOn` gives every device its own rOn (a per-cell g_max).
 */
function spanCrossbar(perDeviceOn: boolean): Crossbar {
  const xbar = new Crossbar({ model: VTEAM, rows, cols, tileShape: [32, 32], params: { rOn: 50, rOff: 1e6 } });
  if (perDeviceOn) {
    const on = new Float64Array(xbar.size);
    for (let d = 0; d < on.length; d++) on[d] = 50 + (d % 7);
    setPopulationParameter(xbar.population, 'rOn', on);
    xbar.update();
  }
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = (1 / 50) * 10 ** (-4 * (i / (n - 1)));
  xbar.write(g);
  deviceFaults(xbar, { hrsProportion: 0.02, seed: 4 });
  return xbar;
}

/** A generator giving createRng(seed)'s stream that is not one of createRng's own (so the clock keeps an array). */
function foreignRng(seed: number): Rng {
  return Object.create(createRng(seed)) as Rng;
}

/** aihwkit's PCM fit written out (a logarithm for every cell), ν per cell from the normals of one fillNormal. */
function expectedNu(programmed: Float64Array, gMax: (cell: number) => number, stuck: Uint8Array | null, seed: number) {
  const z = createRng(seed).fillNormal(new Float64Array(n));
  return programmed.map((g, cell) => {
    if (stuck !== null && stuck[cell] === 1) return 0;
    const lx = Math.log(Math.max(Math.abs(g / gMax(cell)), 1e-7));
    const mean = Math.min(Math.max(-0.0155 * lx + 0.0244, 0.049), 0.1);
    const std = Math.min(Math.max(-0.0125 * lx - 0.0059, 0.008), 0.045);
    return Math.abs(mean + std * z[cell]!);
  });
}

describe('pcmDrift ν kept as a recipe', () => {
  it.each([false, true])(
    'per-device rOn = %s: ν equals the fit with a log for every cell, bit for bit',
    (perDevice) => {
      const xbar = spanCrossbar(perDevice);
      const programmed = xbar.conductance.slice();
      const stuck = xbar.stuck === null ? null : xbar.stuck.slice();
      pcmDrift(xbar, { time: 3600, seed: 9 });
      const state = driftState(xbar)!;
      const rOn = xbar.population.params.rOn!;
      const gMax = (cell: number) =>
        typeof rOn === 'number' ? 1 / rOn : 1 / rOn[xbar.deviceIndex(Math.floor(cell / cols), cell % cols)]!;
      expect(state.programmed).toEqual(programmed);
      expect(state.nu).toEqual(expectedNu(programmed, gMax, stuck, 9));
      // Both clamps and the logarithmic range are exercised.
      const x = Array.from(programmed, (g, cell) => g / gMax(cell));
      expect(x.some((v) => v < 0.0076) && x.some((v) => v > 0.33) && x.some((v) => v > 0.01 && v < 0.3)).toBe(true);
    },
  );

  it.each([
    ['PCM fit', {}],
    ['fixed ν, driftScale 1.5', { nu: { mean: 0.04, std: 0.02 }, driftScale: 1.5 }],
  ])('%s: a redrawn ν and a kept ν give the same drift at every time', (_, law) => {
    const a = spanCrossbar(false);
    const b = spanCrossbar(false);
    const ra = pcmDrift(a, { time: 60, seed: 3, ...law });
    const rb = pcmDrift(b, { time: 60, rng: foreignRng(3), ...law });
    expect(ra.meanNu).toBe(rb.meanNu);
    expect(a.conductance).toEqual(b.conductance);
    for (const time of [1e5, 0, 3.15e7]) {
      const ea = pcmDrift(a, { time });
      const eb = pcmDrift(b, { time });
      expect([ea.meanNu, ea.extended, ea.clamped]).toEqual([eb.meanNu, eb.extended, eb.clamped]);
      expect(a.conductance).toEqual(b.conductance);
    }
    expect(driftState(a)!.nu).toEqual(driftState(b)!.nu);
    expect(a.population.params.rOff).toEqual(b.population.params.rOff);
  });

  it('the start consumes the same normals from a given generator either way', () => {
    const own = createRng(5);
    const foreign = foreignRng(5);
    pcmDrift(spanCrossbar(false), { time: 1, rng: own });
    pcmDrift(spanCrossbar(false), { time: 1, rng: foreign });
    expect(own.uniform()).toBe(foreign.uniform());
  });
});
