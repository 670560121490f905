import { InvalidParameterError, bytesToBase64, createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { crossbarFromJSON, crossbarToJSON, initCrossbars, mvm } from '../../src/index';
import type { CrossbarJSON, MappedCrossbars } from '../../src/index';

const SWEEP = { kind: 'sweep', amplitude: 1, frequency: 50e6, timeStep: 1e-10, lastStep: 50 } as const;

function program(tileShape?: [number, number]): MappedCrossbars {
  const rng = createRng(2);
  const data = Float32Array.from({ length: 7 * 5 }, () => 2 * rng.uniform() - 1);
  const mapped = initCrossbars(
    { rows: 7, cols: 5, data },
    { model: VTEAM, seed: 4, ...(tileShape === undefined ? {} : { tileShape }) },
  );
  mapped.crossbars[0]!.markStuck([0, 6]);
  for (const xbar of mapped.crossbars) xbar.setLookup(SWEEP);
  return mapped;
}

function roundTrip(mapped: MappedCrossbars): MappedCrossbars {
  const crossbars = mapped.crossbars.map((x) => crossbarFromJSON(JSON.parse(JSON.stringify(crossbarToJSON(x)))));
  return { ...mapped, crossbars };
}

function read(mapped: MappedCrossbars, mode: 'ideal' | 'nonlinear'): number[] {
  const rng = createRng(9);
  const x = Float32Array.from({ length: 3 * 7 }, () => 0.9 * (2 * rng.uniform() - 1));
  return Array.from(mvm(x, 3, mapped, { mode }));
}

describe('crossbarToJSON / crossbarFromJSON', () => {
  it.each([[undefined], [[4, 3] as [number, number]]])(
    'round-trips devices, matrix, stuck mask and lookup bit for bit (tileShape %j)',
    (tileShape) => {
      const original = program(tileShape);
      const copy = roundTrip(original);
      copy.crossbars.forEach((c, i) => {
        const o = original.crossbars[i]!;
        expect(Array.from(c.conductance)).toEqual(Array.from(o.conductance));
        expect(c.stuck === null ? null : Array.from(c.stuck)).toEqual(o.stuck === null ? null : Array.from(o.stuck));
        expect(Array.from(c.population.state)).toEqual(Array.from(o.population.state));
        expect(c.lookupSpec).toEqual(o.lookupSpec);
        expect(Array.from(c.lookup!.currents)).toEqual(Array.from(o.lookup!.currents));
        expect(c.tileShape).toEqual(o.tileShape);
      });
      expect(read(copy, 'nonlinear')).toEqual(read(original, 'nonlinear'));
      expect(read(copy, 'ideal')).toEqual(read(original, 'ideal'));
    },
  );

  it('a loaded sweep table follows later device changes like the original (writes rebuild it)', () => {
    const original = program();
    const copy = roundTrip(original);
    const target = new Float64Array(35).fill(5e-4);
    for (const m of [original, copy]) for (const x of m.crossbars) x.write(target);
    expect(read(copy, 'nonlinear')).toEqual(read(original, 'nonlinear'));
    // and the table did change with the devices (the comparison can fail)
    expect(read(original, 'nonlinear')).not.toEqual(read(program(), 'nonlinear'));
  });

  type Tamper = [string, (j: CrossbarJSON) => void, RegExp];
  const cases: Tamper[] = [
    ['rows', (j) => Object.assign(j, { rows: 0 }), /json\.rows/],
    ['cols', (j) => Object.assign(j, { cols: 6 }), /json\.(population\.size|conductance)/],
    ['tileShape', (j) => Object.assign(j, { tileShape: [0, 2] }), /json\.tileShape/],
    ['population', (j) => Object.assign(j, { population: { format: 'x' } }), /json\.population/],
    ['conductance length', (j) => Object.assign(j, { conductance: j.conductance.slice(0, 16) }), /json\.conductance/],
    ['conductance base64', (j) => Object.assign(j, { conductance: `!${j.conductance.slice(1)}` }), /json\.conductance/],
    [
      'conductance NaN',
      (j) => Object.assign(j, { conductance: bytesToBase64(new Float64Array(35).fill(Number.NaN)) }),
      /json\.conductance\[0\]/,
    ],
    [
      'conductance out of range',
      (j) => Object.assign(j, { conductance: bytesToBase64(new Float64Array(35).fill(1)) }),
      /json\.conductance\[0\]` must be a conductance in device 0's range/,
    ],
    ['stuck length', (j) => Object.assign(j, { stuck: bytesToBase64(new Uint8Array(3)) }), /json\.stuck/],
    ['stuck value', (j) => Object.assign(j, { stuck: bytesToBase64(new Uint8Array(35).fill(2)) }), /json\.stuck\[0\]/],
    [
      'lookup voltages',
      (j) => Object.assign(j.lookup!, { voltages: bytesToBase64(new Float64Array([1, 0])) }),
      /json\.lookup\.voltages/,
    ],
    [
      'lookup currents',
      (j) => Object.assign(j.lookup!, { currents: bytesToBase64(new Float64Array(3)) }),
      /json\.lookup\.currents/,
    ],
    ['lookup sweep', (j) => Object.assign(j.lookup!.sweep!, { lastStep: 1.5 }), /json\.lookup\.sweep\.lastStep/],
  ];
  it.each(cases)('rejects a bad %s with InvalidParameterError naming the field', (_name, tamper, pattern) => {
    const json = JSON.parse(JSON.stringify(crossbarToJSON(program().crossbars[0]!))) as CrossbarJSON;
    tamper(json);
    let error: unknown;
    try {
      crossbarFromJSON(json);
    } catch (e) {
      error = e;
    }
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
  });
});
