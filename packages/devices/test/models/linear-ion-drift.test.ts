import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { bipolarSwitching, createPopulation, hysteresisLoop, LinearIonDrift, Memristor } from '../../src/index';
import { alignSeries, deviceGolden } from '../golden-series';

const golden = deviceGolden('LinearIonDrift');
const RTOL = 1e-9;

/**
 * MemTorch's LinearIonDrift integrates with its mis-coded Joglekar window and, whatever its stored g says, starts
 * from x = 0 (HRS). memsim reproduces those curves with `window: 'memtorch-joglekar'` from the HRS state.
 */
function memtorchLike() {
  const m = new Memristor(LinearIonDrift, { window: 'memtorch-joglekar' });
  m.setConductance(1 / LinearIonDrift.defaults.rOff);
  return m;
}

describe('LinearIonDrift golden parity (MemTorch integration, memtorch-joglekar window)', () => {
  it('has MemTorch defaults', () => {
    const s = golden.default_state;
    const d = LinearIonDrift.defaults;
    expect([d.timeSeriesResolution, d.uV, d.d, d.rOn, d.rOff, d.posWriteThreshold, d.negWriteThreshold, d.p]).toEqual([
      s.time_series_resolution,
      s.u_v,
      s.d,
      s.r_on,
      s.r_off,
      s.pos_write_threshold,
      s.neg_write_threshold,
      s.p,
    ]);
  });

  it.each(['hysteresis', 'bipolar'] as const)('%s sweep with defaults', (which) => {
    const device = memtorchLike();
    const result = which === 'hysteresis' ? hysteresisLoop(device) : bipolarSwitching(device);
    const g = golden[which].value;
    expect(result.voltage.length).toBe(g.voltage.length);
    const v = alignSeries(g.voltage, result.voltage);
    expectClose(v.got, v.expected, { rtol: RTOL, atol: 1e-15, label: `${which} voltage` });
    const i = alignSeries(g.current, result.current);
    expectClose(i.got, i.expected, { rtol: RTOL, atol: 1e-15 * g.current.summary.max, label: `${which} current` });
    // Final state x (MemTorch's x has the same orientation as memsim's).
    const copy = memtorchLike();
    copy.simulate(result.voltage);
    expectClose(copy.state, g.final_state.x!, { rtol: RTOL, label: `${which} final x` });
  });

  it('pulse trains, one call on the whole signal', () => {
    for (const [name, train] of Object.entries(golden.pulse_trains)) {
      const m = memtorchLike();
      const current = m.simulate(train.voltage, { returnCurrent: true });
      expectClose(current, train.whole_signal_call.value.current, { rtol: RTOL, label: name });
      expectClose(m.state, train.whole_signal_call.value.final_state.x!, { rtol: RTOL, label: `${name} x` });
      expectClose(m.conductance, train.whole_signal_call.value.final_state.g!, { rtol: RTOL, label: `${name} g` });
    }
  });
});

describe('LinearIonDrift corrected behaviour (MemTorch bugs 3–4)', () => {
  it('a fresh device is in LRS with state and conductance agreeing (MemTorch: g = 1/rOn but x = 0)', () => {
    const m = new Memristor(LinearIonDrift);
    expect(m.conductance).toBe(golden.default_state.g); // 1/rOn, MemTorch's reported g
    for (const v of golden.voltages_for_current) {
      expectClose(m.current(v), v * m.conductance, { rtol: 1e-15, atol: 1e-300 });
      // MemTorch's current uses x = 0 (HRS): v / rOff.
      expectClose(golden.current_fresh_instance.value[v.toFixed(1)]!.value, v / LinearIonDrift.defaults.rOff, {
        rtol: 1e-12,
        atol: 1e-300,
      });
    }
  });

  it('setConductance(g) then current(v) = v·g (MemTorch stores the mirror resistance rOn + rOff − 1/g)', () => {
    const { rOn, rOff } = LinearIonDrift.defaults;
    for (const { g, result } of golden.set_conductance) {
      const clipped = Math.min(Math.max(g, 1 / rOff), 1 / rOn);
      const m = new Memristor(LinearIonDrift);
      m.setConductance(g, { clip: true });
      expectClose(m.conductance, clipped, { rtol: 1e-12 });
      for (const v of golden.voltages_for_current) {
        expectClose(m.current(v), v * clipped, { rtol: 1e-12, atol: 1e-300 });
        const memtorch = result.value.current[v.toFixed(1)]!.value;
        expectClose(memtorch, v / (rOn + rOff - 1 / clipped), { rtol: 1e-9, atol: 1e-300 });
      }
    }
  });

  it('positive voltage raises conductance (polarity +1) and sub-threshold voltage does nothing', () => {
    expect(LinearIonDrift.polarity).toBe(1);
    const m = new Memristor(LinearIonDrift);
    m.setConductance(1e-3);
    const g0 = m.conductance;
    m.simulate([0.5, -0.5, 0.54]);
    expect(m.conductance).toBe(g0);
    m.simulate([1]);
    expect(m.conductance).toBeGreaterThan(g0);
    const g1 = m.conductance;
    m.simulate([-1]);
    expect(m.conductance).toBeLessThan(g1);
  });

  it('with window p → large the state change is proportional to charge: Δx = uV·rOn/d²·∫i dt', () => {
    const { uV, rOn, d } = LinearIonDrift.defaults;
    const m = new Memristor(LinearIonDrift, { window: 'joglekar', p: 50 });
    m.setConductance(1 / 8000); // x ≈ 0.5
    const x0 = m.state;
    const voltages = new Float64Array(200).fill(1);
    const current = m.simulate(voltages, { returnCurrent: true }); // currents before each step: Euler's charge
    let charge = 0;
    for (const i of current) charge += i * 1e-4;
    expectClose(m.state - x0, ((uV * rOn) / (d * d)) * charge, { rtol: 1e-9 });
  });

  it('the published Joglekar window pins a device sitting exactly on a bound (documented limitation)', () => {
    const pop = createPopulation(LinearIonDrift, 1, { window: 'joglekar' });
    LinearIonDrift.step(pop, 5, 1e-4);
    expect(pop.state[0]).toBe(1);
    const biolek = createPopulation(LinearIonDrift, 1);
    LinearIonDrift.step(biolek, -5, 1e-4);
    expect(biolek.state[0]).toBeLessThan(1);
  });
});
