import { InvalidParameterError, createRng } from '@memsim/core';
import { initCrossbars } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { applyNonidealities, deviceFaults, finiteConductanceStates, retention } from '../../src/index';
import type { DeviceFaultsReport, NonidealitySpec } from '../../src/index';
import { makeCrossbar } from './make-crossbar';

const list: NonidealitySpec[] = [
  { kind: 'deviceFaults', lrsProportion: 0.1, hrsProportion: 0.05, seed: 11 },
  { kind: 'finiteConductanceStates', states: 4 },
  { kind: 'retention', time: 1e3, initialTime: 1 },
];

describe('applyNonidealities', () => {
  it('applies the list in order to each crossbar, like calling the functions one by one with a shared generator', () => {
    const a = [makeCrossbar({ seed: 1 }), makeCrossbar({ seed: 2 })];
    const b = [makeCrossbar({ seed: 1 }), makeCrossbar({ seed: 2 })];
    const report = applyNonidealities(a, list);
    expect(report.crossbars).toBe(2);
    expect(report.steps.map((s) => [s.spec, s.crossbar, s.report.kind])).toEqual([
      [0, 0, 'deviceFaults'],
      [0, 1, 'deviceFaults'],
      [1, 0, 'finiteConductanceStates'],
      [1, 1, 'finiteConductanceStates'],
      [2, 0, 'retention'],
      [2, 1, 'retention'],
    ]);
    const rng = createRng(11);
    for (const x of b) deviceFaults(x, { lrsProportion: 0.1, hrsProportion: 0.05, rng });
    for (const x of b) finiteConductanceStates(x, { states: 4 });
    for (const x of b) retention(x, { time: 1e3, initialTime: 1 });
    expect(Array.from(a[0]!.conductance)).toEqual(Array.from(b[0]!.conductance));
    expect(Array.from(a[1]!.conductance)).toEqual(Array.from(b[1]!.conductance));
    // the two crossbars drew different faults from the one seeded stream
    const f0 = report.steps[0]!.report as DeviceFaultsReport;
    const f1 = report.steps[1]!.report as DeviceFaultsReport;
    expect(Array.from(f0.lrs)).not.toEqual(Array.from(f1.lrs));
  });

  it('accepts a crossbar, { crossbars: [...] } and { crossbars() }', () => {
    const weights = { rows: 6, cols: 3, data: Float64Array.from({ length: 18 }, (_, i) => Math.sin(i)) };
    const mapped = initCrossbars(weights, { model: VTEAM, scheme: 'double-column' });
    expect(applyNonidealities(mapped, [{ kind: 'finiteConductanceStates', states: 2 }]).crossbars).toBe(2);
    const layer = { crossbars: () => mapped.crossbars };
    expect(applyNonidealities(layer, [{ kind: 'retention', time: 10, initialTime: 1 }]).steps.length).toBe(2);
    expect(applyNonidealities(mapped.crossbars[0]!, [{ kind: 'nonLinear', mode: 'simulate' }]).crossbars).toBe(1);
  });

  it("checks every kind and every spec's options before applying anything", () => {
    const xbar = makeCrossbar();
    const before = xbar.conductance.slice();
    const first: NonidealitySpec = { kind: 'finiteConductanceStates', states: 2 };
    expect(() => applyNonidealities(xbar, [first, { kind: 'drift' } as never])).toThrow(/list\[1\]\.kind/);
    expect(() => applyNonidealities(xbar, [first, { kind: 'retention', time: -1 }])).toThrow(
      /applyNonidealities\(list\[1\]\): `time`/,
    );
    expect(() =>
      applyNonidealities(xbar, [first, { kind: 'deviceFaults', lrsProportion: 0.7, hrsProportion: 0.7, seed: 1 }]),
    ).toThrow(/at most 1/);
    expect(() =>
      applyNonidealities(xbar, [
        first,
        { kind: 'endurance', cycles: 1, mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0] } as never,
      ]),
    ).toThrow(/pHrs/);
    expect(() => applyNonidealities(xbar, [first, { kind: 'nonLinear', sweepDuration: 1 }])).toThrow(/sweepAmplitude/);
    expect(() => applyNonidealities(xbar, [first, { kind: 'cycleVariability', rOn: 50, rOff: 1000 } as never])).toThrow(
      /seed/,
    );
    expect(Array.from(xbar.conductance)).toEqual(Array.from(before));
  });

  it.each([
    [[{}], /target crossbar 0/],
    [{ crossbars: 5 }, /target/],
    [null, /target/],
  ])('rejects target %o', (target, pattern) => {
    expect(() => applyNonidealities(target as never, [])).toThrow(InvalidParameterError);
    expect(() => applyNonidealities(target as never, [])).toThrow(pattern);
  });

  it('rejects a list that is not an array and bad options inside a spec', () => {
    expect(() => applyNonidealities(makeCrossbar(), {} as never)).toThrow(/list/);
    expect(() => applyNonidealities(makeCrossbar(), [{ kind: 'finiteConductanceStates', states: 0 }])).toThrow(
      /states/,
    );
  });
});
