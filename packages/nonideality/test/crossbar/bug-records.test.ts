// MemTorch behaviour the golden README records as bugs: memsim shows the corrected value and that MemTorch's differs.
import { expectClose } from '@memsim/core/testing';
import { Crossbar, mvm } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { finiteConductanceStates, nonLinear } from '../../src/index';
import { baseline, golden, resultMatrices } from '../golden/load';

function goldenCrossbar(G: Float64Array): Crossbar {
  const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 4 });
  expect(xbar.write(G).clamped).toBe(0);
  return xbar;
}

describe('MemTorch bug records', () => {
  it('FiniteConductanceStates: MemTorch left the matrix unchanged; memsim snaps each cell to the nearest of linspace(1/rOff, 1/rOn, n)', () => {
    const cases = golden.cases.filter((c) => c.kind === 'FiniteConductanceStates' && c.scheme === 'DoubleColumn');
    expect(cases.map((c) => c.conductance_states)).toEqual([1, 2, 3, 4, 5, 8]);
    for (const c of cases) {
      expect(c.result!.value.unchanged_vs_baseline).toEqual([true, true]);
      const base = baseline(c.scheme);
      const memtorch = resultMatrices(c);
      base.forEach((G, m) => {
        expect(Array.from(memtorch[m]!)).toEqual(Array.from(G)); // the recorded no-op
        const xbar = goldenCrossbar(G);
        finiteConductanceStates(xbar, { states: c.conductance_states! });
        const n = c.conductance_states!;
        const mean = G.reduce((a, b) => a + b, 0) / G.length;
        const want = Array.from(G, (g) => {
          if (n === 1) return mean;
          const step = (1 / 50 - 1 / 1000) / (n - 1);
          return 1 / 1000 + Math.min(n - 1, Math.max(0, Math.round((g - 1 / 1000) / step))) * step;
        });
        expectClose(xbar.conductance, want, { rtol: 1e-12, label: `states ${n} crossbar ${m}` });
        expect(Array.from(xbar.conductance).some((g, i) => Math.abs(g - memtorch[m]![i]!) > 1e-6)).toBe(true);
      });
    }
  });

  it('NonLinear: the sweep matches MemTorch sample for sample; memsim interpolates where MemTorch took the next sample up', () => {
    const c = golden.cases.find((k) => k.kind === 'NonLinear' && k.scheme === 'DoubleColumn')!;
    expect(c.sweep_duration).toBe(5e-9);
    const xbar = goldenCrossbar(baseline('DoubleColumn')[0]!);
    expect(xbar.conductance[0]).toBe(c.result!.value.device0_g);
    const { samples } = nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 });
    const { voltages, currents } = xbar.lookup!;
    const d0 = xbar.deviceIndex(0, 0);
    let differs = 0;
    for (const [key, entry] of Object.entries(c.result!.value.det_current_device0!)) {
      const v = Number(key);
      // MemTorch's det_current: the current at the first (reversed) sample whose voltage is ≥ |v|, odd-extended.
      const s = voltages.findIndex((u) => u >= Math.abs(v) - 1e-15);
      const memtorchRule = (v < 0 ? -1 : 1) * currents[d0 * samples + s]!;
      expectClose(memtorchRule, entry.value, { rtol: 1e-9, atol: 1e-18, label: `v = ${v}` });
      // memsim's MVM reads the same table with linear interpolation: for this HRS device I = v / 1000 Ω exactly.
      const input = new Float32Array(16);
      input[0] = v;
      const target = {
        scheme: 'single-column' as const,
        crossbars: [xbar],
        gain: new Float64Array(4).fill(1),
        referenceConductance: 0,
        rows: 16,
        cols: 4,
        writeReports: [],
      };
      const out = mvm(input, 1, target, { mode: 'nonlinear', raw: true });
      expectClose(out[0]!, Math.fround(v) / 1000, { rtol: 1e-6, atol: 1e-12, label: `interpolated v = ${v}` });
      if (Math.abs(entry.value - v / 1000) > 1e-7) differs++;
    }
    expect(differs).toBeGreaterThan(5);
  });
});
