import { createRng } from '@memsim/core';
import { crossbarFromJSON, crossbarToJSON, initCrossbars, mvm } from '@memsim/crossbar';
import type { MappedCrossbars } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { deviceFaults, nonLinear } from '../../src/index';

// Issue 20: the non-linear I-V table must follow the devices whichever way the crossbar was obtained. A clone used to
// keep the table but lose its rebuilder (held outside the crossbar), so faults applied after a clone left it stale.

const SWEEP = { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 };
const FAULTS = { lrsProportion: 0.2, hrsProportion: 0.2, electroformProportion: 0.1 };

function program(): MappedCrossbars {
  const rng = createRng(3);
  const data = Float32Array.from({ length: 8 * 3 }, () => 2 * rng.uniform() - 1);
  const mapped = initCrossbars({ rows: 8, cols: 3, data }, { model: VTEAM, seed: 1 });
  for (const xbar of mapped.crossbars) nonLinear(xbar, SWEEP);
  return mapped;
}

function withFaults(mapped: MappedCrossbars): MappedCrossbars {
  for (const [i, xbar] of mapped.crossbars.entries()) deviceFaults(xbar, { ...FAULTS, seed: 10 + i });
  return mapped;
}

function read(mapped: MappedCrossbars): Float32Array {
  const rng = createRng(5);
  const x = Float32Array.from({ length: 4 * 8 }, () => 0.8 * (2 * rng.uniform() - 1));
  return mvm(x, 4, mapped, { mode: 'nonlinear' });
}

describe('non-linear table after clone (issue 20)', () => {
  it('clone → faults reads the same as faults on the original, bit for bit', () => {
    const original = read(withFaults(program()));
    const source = program();
    const cloned: MappedCrossbars = { ...source, crossbars: source.crossbars.map((x) => x.clone()) };
    const viaClone = read(withFaults(cloned));
    expect(Array.from(viaClone)).toEqual(Array.from(original));
  });

  it('load → faults and load → read equal the original path bit for bit', () => {
    const load = (m: MappedCrossbars): MappedCrossbars => ({
      ...m,
      crossbars: m.crossbars.map((x) => crossbarFromJSON(JSON.parse(JSON.stringify(crossbarToJSON(x))))),
    });
    expect(Array.from(read(load(program())))).toEqual(Array.from(read(program())));
    expect(Array.from(read(withFaults(load(program()))))).toEqual(Array.from(read(withFaults(program()))));
  });

  it('the faults do change the non-linear read-out (the comparison above can fail)', () => {
    expect(Array.from(read(withFaults(program())))).not.toEqual(Array.from(read(program())));
  });
});
