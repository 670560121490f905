import { InvalidParameterError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { bipolarSwitching, createPopulation, hysteresisLoop, Memristor, StanfordPKU } from '../../src/index';
import { alignSeries, deviceGolden } from '../golden-series';

const golden = deviceGolden('Stanford_PKU');
const RTOL = 1e-9;
const scale = (s: { summary: { min: number; max: number } }) =>
  Math.max(Math.abs(s.summary.min), Math.abs(s.summary.max));

describe('StanfordPKU golden parity of currents and gap (MemTorch 1.1.6)', () => {
  it('has MemTorch defaults and gap bounds', () => {
    const s = golden.default_state;
    const d = StanfordPKU.defaults;
    expect([
      d.rOff,
      d.rOn,
      d.gapInit,
      d.g0,
      d.v0,
      d.i0,
      d.readVoltage,
      d.tInit,
      d.rTh,
      d.gammaInit,
      d.beta,
      d.tOx,
      d.fMin,
      d.vel0,
      d.eA,
      d.a0,
      d.deltaGInit,
      d.modelSwitch,
      d.tCrit,
      d.tSmth,
    ]).toEqual([
      s.r_off,
      s.r_on,
      s.gap_init,
      s.g_0,
      s.V_0,
      s.I_0,
      s.read_voltage,
      s.T_init,
      s.R_th,
      s.gamma_init,
      s.beta,
      s.t_ox,
      s.F_min,
      s.vel_0,
      s.E_a,
      s.a_0,
      s.delta_g_init,
      s.model_switch,
      s.T_crit,
      s.T_smth,
    ]);
    const m = new Memristor(StanfordPKU);
    expectClose(m.state, s.gap!, { rtol: 1e-12 }); // gap_init clamped up to gap_min
    expectClose(m.conductance, s.g!, { rtol: 1e-12 });
  });

  it('gap bounds ↔ rOn/rOff at 0.1 V (0.2 nm ↔ 541.8 Ω, 1.7 nm ↔ 218 586 Ω)', () => {
    const { i0, v0, g0, readVoltage } = StanfordPKU.defaults;
    const resistanceAt = (gap: number) => readVoltage / (i0 * Math.exp(-gap / g0) * Math.sinh(readVoltage / v0));
    expect(resistanceAt(0.2e-9)).toBeCloseTo(541.8, 1);
    expect(resistanceAt(1.7e-9)).toBeCloseTo(218586, -1);
    const m = new Memristor(StanfordPKU);
    m.setConductance(1 / 218586);
    expectClose(m.state, golden.default_state.gap_max!, { rtol: 1e-12 });
    m.setConductance(1 / 542);
    expectClose(m.state, golden.default_state.gap_min!, { rtol: 1e-12 });
  });

  it.each(['hysteresis', 'bipolar'] as const)('%s sweep currents and final gap', (which) => {
    const result = which === 'hysteresis' ? hysteresisLoop(StanfordPKU) : bipolarSwitching(StanfordPKU);
    const g = golden[which].value;
    expect(result.voltage.length).toBe(g.voltage.length);
    const v = alignSeries(g.voltage, result.voltage);
    expectClose(v.got, v.expected, { rtol: RTOL, atol: 1e-15, label: `${which} voltage` });
    const i = alignSeries(g.current, result.current);
    expectClose(i.got, i.expected, { rtol: RTOL, atol: 1e-12 * scale(g.current), label: `${which} current` });
  });

  it('pulse train: currents and gap per step; conductance is I(V_read)/V_read (MemTorch: 0 after every step)', () => {
    const { readVoltage } = StanfordPKU.defaults;
    for (const [label, train] of Object.entries(golden.pulse_trains)) {
      const m = new Memristor(StanfordPKU);
      expectClose(m.simulate(train.voltage, { returnCurrent: true }), train.whole_signal_call.value.current, {
        rtol: RTOL,
        label,
      });
      expectClose(m.state, train.whole_signal_call.value.final_state.gap!, { rtol: RTOL });
      const s = new Memristor(StanfordPKU);
      const per = train.one_call_per_step.value;
      train.voltage.forEach((v, t) => {
        expectClose(s.simulate([v], { returnCurrent: true }), [per.current[t]!], {
          rtol: RTOL,
          label: `${label} I step ${t}`,
        });
        expectClose(s.state, per.state_after_step[t]!.gap!, { rtol: RTOL, label: `${label} gap step ${t}` });
        expectClose(s.conductance, s.current(readVoltage) / readVoltage, { rtol: 1e-15 });
        expect(per.g_after_step[t]).toBe(0); // the MemTorch bug this fixes
      });
    }
  });

  it('setConductance moves the gap as MemTorch and updates the conductance (MemTorch keeps the stale g)', () => {
    for (const { g, result } of golden.set_conductance) {
      const m = new Memristor(StanfordPKU);
      m.setConductance(g, { clip: true });
      expectClose(m.state, result.value.state.gap!, { rtol: 1e-12, label: `gap after set ${g}` });
      const { gMin, gMax } = m.range;
      expectClose(m.conductance, Math.min(Math.max(g, gMin), gMax), { rtol: 1e-9 });
      for (const v of golden.voltages_for_current)
        expectClose(m.current(v), result.value.current[v.toFixed(1)]!.value, {
          rtol: 1e-12,
          atol: 1e-300,
          label: `I(${v})`,
        });
    }
  });
});

describe('StanfordPKU dynamic model (modelSwitch = 1)', () => {
  it('needs a seed, is reproducible with one and differs from the standard model', () => {
    expect(() => createPopulation(StanfordPKU, 4, { modelSwitch: 1 })).toThrow(InvalidParameterError);
    const v = new Float64Array(200).map((_, k) => 1.2 * Math.sin((2 * Math.PI * k) / 200));
    const run = (seed: number) => {
      const m = new Memristor(StanfordPKU, { modelSwitch: 1 }, { seed });
      return Array.from(m.simulate(v, { returnCurrent: true }));
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    expect(run(3)).not.toEqual(Array.from(new Memristor(StanfordPKU).simulate(v, { returnCurrent: true })));
  });

  it('rejects non-Euler integration for the stochastic model', () => {
    expect(() =>
      createPopulation(StanfordPKU, 1, { modelSwitch: 1 }, { seed: 1, integration: { method: 'rk4' } }),
    ).toThrow(/integration.method/);
  });

  it('rejects parameters that give invalid gap bounds', () => {
    expect(() => StanfordPKU.validate({ rOn: 1 })).toThrow(/gap bounds/);
  });
});
