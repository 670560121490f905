import { InvalidParameterError } from '@memsim/core';
import { expectClose, maxAbsDiff } from '@memsim/core/testing';
import { Crossbar } from '@memsim/crossbar';
import { VTEAM, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { deviceFaults, endurance, retention } from '../../src/index';
import type { EmpiricalParameters } from '../../src/index';
import { baseline, golden, resultMatrices } from '../golden/load';
import type { GoldenCase } from '../golden/load';
import { makeCrossbar, paddingSlots, readDevices } from './make-crossbar';

/** A 16×4 VTEAM crossbar holding a golden baseline matrix. */
function goldenCrossbar(G: Float64Array): Crossbar {
  const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 4 });
  expect(xbar.write(G).clamped).toBe(0);
  return xbar;
}

const deltas: Record<string, number> = {};

function empiricalOf(c: GoldenCase): Record<string, unknown> {
  const k = c.kwargs!;
  return {
    mode: k.operation_mode,
    pLrs: k.p_lrs,
    pHrs: k.p_hrs,
    stableResistanceLrs: k.stable_resistance_lrs,
    stableResistanceHrs: k.stable_resistance_hrs,
    ...(k.cell_size === null ? {} : { cellSize: k.cell_size }),
    ...(k.temperature === null ? {} : { temperature: k.temperature }),
  };
}

describe('retention / endurance on crossbars', () => {
  it('drift matches the MemTorch goldens and persists in the devices', () => {
    for (const c of golden.cases.filter((k) => k.model === 'model_conductance_drift')) {
      const base = baseline(c.scheme);
      const want = resultMatrices(c);
      base.forEach((G, m) => {
        const xbar = goldenCrossbar(G);
        const report = retention(xbar, {
          time: c.time!,
          initialTime: c.initial_time === 0 ? 1e-12 : c.initial_time!,
          driftCoefficient: c.drift_coefficient!,
        });
        expectClose(xbar.conductance, want[m]!, { rtol: 2e-7, label: `drift ${c.scheme} t=${c.time} crossbar ${m}` });
        expect(report.extended).toBeGreaterThan(0); // drifted below 1/rOff: rOff widened
        const key = `drift t=${c.time} t0=${c.initial_time} nu=${c.drift_coefficient}`;
        deltas[key] = Math.max(deltas[key] ?? 0, maxAbsDiff(xbar.conductance, want[m]!));
        xbar.update({ fromDevices: true });
        expectClose(xbar.conductance, want[m]!, { rtol: 2e-7 });
      });
    }
  });

  it('the empirical model matches the MemTorch goldens (tags where the boundary does not matter)', () => {
    const cases = golden.cases.filter((k) => k.model === 'model_endurance_retention' && k.tag !== 'gradual_custom');
    expect(cases.length).toBe(24);
    for (const c of cases) {
      const base = baseline(c.scheme);
      const want = resultMatrices(c);
      base.forEach((G, m) => {
        const xbar = goldenCrossbar(G);
        const o = empiricalOf(c);
        const report =
          c.kind === 'Endurance'
            ? endurance(xbar, { cycles: c.x!, ...o } as never)
            : retention(xbar, { model: 'enduranceRetention', time: c.time!, ...o } as never);
        expect(report.boundaryResistance).toBe(525); // (rOn + rOff)/2 of the population, not rOn + rOff/2 = 550
        expectClose(xbar.conductance, want[m]!, { rtol: 1e-6, label: `${c.kind} ${c.tag} ${c.scheme} crossbar ${m}` });
        const key = `${c.kind} ${c.tag} x=${c.x ?? c.time}`;
        deltas[key] = Math.max(deltas[key] ?? 0, maxAbsDiff(xbar.conductance, want[m]!));
      });
    }
    console.log('golden max |ΔG| [S]:', JSON.stringify(deltas));
  });

  it('sudden mode sets the stable resistances on each side of the boundary (mean rOn + mean rOff)/2 of the real population', () => {
    const xbar = makeCrossbar({ rows: 20, cols: 20, params: { rOn: normal({ mean: 60, std: 5, min: 40 }) }, seed: 6 });
    const rOn = xbar.population.params.rOn as Float64Array;
    const boundary = (rOn.reduce((a, b) => a + b, 0) / rOn.length + 1000) / 2;
    const before = xbar.conductance.slice();
    const p: EmpiricalParameters = [1, 0, 0, 0];
    const report = endurance(xbar, {
      cycles: 10,
      mode: 'sudden',
      pLrs: p,
      pHrs: p,
      stableResistanceLrs: 100,
      stableResistanceHrs: 800,
    });
    expectClose(report.boundaryResistance!, boundary, { rtol: 1e-12 });
    let lrs = 0;
    before.forEach((g, cell) => {
      if (1 / g < boundary) lrs++;
      expectClose(xbar.conductance[cell]!, 1 / g < boundary ? 1 / 100 : 1 / 800, { rtol: 1e-12 });
    });
    expect(report.lrsChanged).toBe(lrs);
    expect(report.hrsChanged).toBe(400 - lrs);
  });

  it("outOfRange 'clamp' keeps each device's range; stuck devices are skipped", () => {
    const xbar = makeCrossbar({ rows: 8, cols: 8 });
    const faults = deviceFaults(xbar, { lrsProportion: 0.125, seed: 9 });
    const report = retention(xbar, { time: 1e4, outOfRange: 'clamp' });
    expect(report.stuckSkipped).toBe(8);
    expect(report.clamped).toBe(56); // every healthy cell drifts below 1e-3 S (factor 0.025, max g 0.02)
    for (let cell = 0; cell < 64; cell++)
      expect(xbar.conductance[cell]).toBeCloseTo(faults.lrs.includes(cell) ? 0.02 : 1e-3, 15);
    expect(xbar.population.params.rOff).toBe(1000);
    expect(Array.from(readDevices(xbar))).toEqual(Array.from(xbar.conductance));
  });

  it('tiled crossbars: every cell drifts by the factor, tile padding stays at 1/rOff', () => {
    const xbar = makeCrossbar({ rows: 9, cols: 7, tileShape: [4, 4] });
    const before = xbar.conductance.slice();
    const padding = paddingSlots(xbar);
    const report = retention(xbar, { time: 1e3, initialTime: 1, driftCoefficient: 0.2 });
    const factor = 1e3 ** -0.2;
    expectClose(report.factor!, factor, { rtol: 1e-15 });
    expectClose(
      xbar.conductance,
      before.map((g) => g * factor),
      { rtol: 1e-12 },
    );
    const dev = readDevices(xbar);
    for (const d of padding) expect(dev[d]).toBeCloseTo(1e-3, 15);
    expect(report.extended).toBe(63 - before.filter((g) => g * factor >= 1e-3).length);
  });

  it.each([
    [() => retention(makeCrossbar(), { time: -1 }), /time/],
    [() => retention(makeCrossbar(), { time: 1, initialTime: 0 }), /initialTime/],
    [() => retention(makeCrossbar(), { time: Number.NaN }), /time/],
    [() => retention(makeCrossbar(), { time: 1, model: 'powerLaw' as never }), /model/],
    [() => retention(makeCrossbar(), { time: 10, outOfRange: 'wrap' as never }), /outOfRange/],
    [
      () => endurance(makeCrossbar(), { cycles: -5, mode: 'gradual', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0] }),
      /cycles/,
    ],
    [
      () => endurance(makeCrossbar(), { cycles: 5, mode: 'sudden', pLrs: [1, 0, 0, 0], pHrs: [1, 0, 0, 0] }),
      /stableResistanceLrs/,
    ],
    [
      () =>
        endurance(makeCrossbar(), {
          cycles: 5,
          mode: 'gradual',
          pLrs: [1, 0, 0, 0],
          pHrs: [1, 0, 0, 0],
          boundaryResistance: 0,
        }),
      /boundaryResistance/,
    ],
    [
      () =>
        endurance(makeCrossbar(), {
          cycles: 5,
          mode: 'gradual',
          pLrs: [1, 0, 0, 0],
          pHrs: [1, 0, 0, 0],
          time: 3,
        } as never),
      /unknown key/,
    ],
  ])('rejects bad input (%#)', (call, pattern) => {
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(pattern);
  });
});
