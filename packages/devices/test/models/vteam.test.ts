import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import {
  bipolarSwitching,
  createPopulation,
  hysteresisLoop,
  Memristor,
  setPopulationParameter,
  VTEAM,
} from '../../src/index';
import { alignSeries, deviceGolden } from '../golden-series';

const golden = deviceGolden('VTEAM');
// Parity with MemTorch (the golden README marks VTEAM right): 1e-9 relative, plus an absolute floor of 1e-15 of the
// largest current for samples that are (numerically) zero.
const RTOL = 1e-9;

describe('VTEAM golden parity (MemTorch 1.1.6)', () => {
  it('has MemTorch defaults and a fresh state x = 0, g = 1/rOn', () => {
    const s = golden.default_state;
    const d = VTEAM.defaults;
    expect([
      d.rOff,
      d.rOn,
      d.d,
      d.kOn,
      d.kOff,
      d.alphaOn,
      d.alphaOff,
      d.vOn,
      d.vOff,
      d.xOn,
      d.xOff,
      d.timeSeriesResolution,
    ]).toEqual([
      s.r_off,
      s.r_on,
      s.d,
      s.k_on,
      s.k_off,
      s.alpha_on,
      s.alpha_off,
      s.v_on,
      s.v_off,
      s.x_on,
      s.x_off,
      s.time_series_resolution,
    ]);
    const m = new Memristor(VTEAM);
    expect(m.state).toBe(s.x);
    expect(m.conductance).toBe(s.g);
  });

  it.each(['hysteresis', 'bipolar'] as const)('%s sweep with defaults matches voltage and current', (which) => {
    const result =
      which === 'hysteresis' ? hysteresisLoop(new Memristor(VTEAM)) : bipolarSwitching(new Memristor(VTEAM));
    const g = golden[which].value;
    expect(result.voltage.length).toBe(g.voltage.length);
    const v = alignSeries(g.voltage, result.voltage);
    expectClose(v.got, v.expected, { rtol: RTOL, atol: 1e-15, label: `${which} voltage` });
    const i = alignSeries(g.current, result.current);
    expectClose(i.got, i.expected, {
      rtol: RTOL,
      atol: 1e-15 * Math.abs(g.current.summary.min),
      label: `${which} current`,
    });
  });

  it('pulse train: one simulate call on the whole signal and one call per step', () => {
    const train = golden.pulse_trains.T1_20p1_20m1!;
    const whole = new Memristor(VTEAM);
    const current = whole.simulate(train.voltage, { returnCurrent: true });
    expectClose(current, train.whole_signal_call.value.current, { rtol: RTOL, label: 'whole-signal current' });
    expectClose(whole.state, train.whole_signal_call.value.final_state.x!, { rtol: RTOL, atol: 1e-25 });
    const stepwise = new Memristor(VTEAM);
    const per = train.one_call_per_step.value;
    train.voltage.forEach((v, t) => {
      const i = stepwise.simulate([v], { returnCurrent: true });
      expectClose(i, per.current[t]!, { rtol: RTOL, label: `current step ${t}` });
      expectClose(stepwise.conductance, per.g_after_step[t]!, { rtol: RTOL, label: `g step ${t}` });
    });
  });

  it('setConductance then read: state, conductance and current(v) (MemTorch clips)', () => {
    for (const { g, result } of golden.set_conductance) {
      const m = new Memristor(VTEAM);
      m.setConductance(g, { clip: true });
      expectClose(m.conductance, result.value.g_after, { rtol: RTOL, label: `g after set ${g}` });
      expectClose(m.state, result.value.state.x!, { rtol: RTOL, atol: 1e-25, label: `x after set ${g}` });
      for (const v of golden.voltages_for_current)
        expectClose(m.current(v), result.value.current[v.toFixed(1)]!.value, {
          rtol: RTOL,
          label: `I(${v}) after set ${g}`,
        });
    }
  });

  it('current(v) of a fresh device', () => {
    const m = new Memristor(VTEAM);
    for (const v of golden.voltages_for_current)
      expectClose(m.current(v), golden.current_fresh_instance.value[v.toFixed(1)]!.value, { rtol: RTOL });
  });
});

describe('VTEAM physics', () => {
  it('does not move between its thresholds (vOn < v < vOff)', () => {
    const pop = createPopulation(VTEAM, 5);
    VTEAM.setConductance(pop, 1 / 500);
    const before = pop.state.slice();
    for (const v of [-0.19, -0.1, 0, 0.01, 0.0199]) VTEAM.step(pop, v, 1e-9);
    expect(Array.from(pop.state)).toEqual(Array.from(before));
  });

  it('moves by the closed-form rate above vOff: dx = kOff·(v/vOff − 1)^alphaOff·dt', () => {
    const pop = createPopulation(VTEAM, 1);
    VTEAM.step(pop, 0.5, 1e-10);
    expectClose(pop.state[0]!, 5e-4 * (0.5 / 0.02 - 1) * 1e-10, { rtol: 1e-14 });
  });

  it('negative voltage raises conductance and positive lowers it (polarity −1)', () => {
    expect(VTEAM.polarity).toBe(-1);
    const m = new Memristor(VTEAM);
    m.setConductance(1 / 500);
    const g0 = m.conductance;
    m.simulate([-0.5]);
    expect(m.conductance).toBeGreaterThan(g0);
    const g1 = m.conductance;
    m.simulate([0.5]);
    expect(m.conductance).toBeLessThan(g1);
  });

  it('per-device voltages give the same result as separate scalar calls', () => {
    const voltages = Float64Array.from([-0.5, -0.1, 0, 0.3, 1]);
    const pop = createPopulation(VTEAM, 5);
    VTEAM.setConductance(pop, 1 / 500);
    VTEAM.step(pop, voltages, 1e-10);
    voltages.forEach((v, i) => {
      const one = createPopulation(VTEAM, 1);
      VTEAM.setConductance(one, 1 / 500);
      VTEAM.step(one, v, 1e-10);
      expect(pop.state[i]).toBe(one.state[0]);
    });
  });

  it('per-device rOn/rOff/d arrays give each device the bits of a population sharing its values', () => {
    // The kernels read shared and per-device parameters through one masked array access (no type test per device):
    // device i of a per-device population must match a one-device population with its values as shared numbers,
    // and the closed form g = 1/(rOff·x/d + rOn·(1 − x/d)) with x = d·(1/g − rOn)/(rOff − rOn) clipped into [0, d].
    const rOn = [40, 45, 50, 55, 60, 65, 70];
    const rOff = [900, 1000, 1200, 1500, 2000, 2500, 3000];
    const d = rOn.map((_, i) => VTEAM.defaults.d * (1 + i / 10));
    const targets = Float64Array.from([1 / 30, 1 / 60, 1 / 200, 1 / 500, 1 / 999, 1 / 2500, 1 / 4000]);
    const n = targets.length;
    const pop = createPopulation(VTEAM, n);
    setPopulationParameter(pop, 'rOff', Float64Array.from(rOff));
    setPopulationParameter(pop, 'rOn', Float64Array.from(rOn));
    setPopulationParameter(pop, 'd', Float64Array.from(d));
    VTEAM.setConductance(pop, targets);
    const g = new Float64Array(n);
    VTEAM.conductance(pop, g);
    for (let i = 0; i < n; i++) {
      const one = createPopulation(VTEAM, 1, { rOn: rOn[i]!, rOff: rOff[i]!, d: d[i]! });
      VTEAM.setConductance(one, targets[i]!);
      const g1 = new Float64Array(1);
      VTEAM.conductance(one, g1);
      expect([pop.state[i], g[i]]).toEqual([one.state[0], g1[0]]);
      const x = Math.min(Math.max((d[i]! * (1 / targets[i]! - rOn[i]!)) / (rOff[i]! - rOn[i]!), 0), d[i]!);
      expectClose(pop.state[i]!, x, { rtol: 1e-14 });
      expectClose(g[i]!, 1 / (rOff[i]! * (x / d[i]!) + rOn[i]! * (1 - x / d[i]!)), { rtol: 1e-14 });
    }
  });
});
