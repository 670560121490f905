import { InvalidParameterError, createRng } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import {
  applyNonidealities,
  deviceFaults,
  driftState,
  globalDriftCompensation,
  pcmDrift,
  restoreDriftState,
} from '../../src/index';
import { levelCrossbar as levelAt } from './level-crossbar';

const rows = 400;
const cols = 250;
const n = rows * cols;

/** The rows × cols crossbar of this suite at level x·g_max. */
const levelCrossbar = (x: number) => levelAt(x, rows, cols);

/** aihwkit's PCM drift fit, written out: μ_ν and σ_ν at g/g_max = x. */
function nuMoments(x: number): { mean: number; std: number } {
  const lx = Math.log(x);
  return {
    mean: Math.min(Math.max(-0.0155 * lx + 0.0244, 0.049), 0.1),
    std: Math.min(Math.max(-0.0125 * lx - 0.0059, 0.008), 0.045),
  };
}

describe('pcmDrift', () => {
  it.each([0.5, 0.05])('x = %f: ν recovered by a log-log fit has the PCM mean and σ (1e5 devices, 3 SE)', (x) => {
    const { xbar, gMax } = levelCrossbar(x);
    const t0 = 20;
    const times = [1, 60, 3600, 86400, 3.15e7];
    const logs: Float64Array[] = [];
    for (const [k, time] of times.entries()) {
      pcmDrift(xbar, { time, ...(k === 0 ? { seed: 5 } : {}) });
      logs.push(xbar.conductance.map(Math.log));
    }
    const lt = times.map((t) => Math.log((t + t0) / t0));
    const mt = lt.reduce((a, b) => a + b, 0) / lt.length;
    const stt = lt.reduce((a, b) => a + (b - mt) ** 2, 0);
    const nuHat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let my = 0;
      for (const l of logs) my += l[i]! / logs.length;
      let sty = 0;
      for (const [k, l] of logs.entries()) sty += (lt[k]! - mt) * (l[i]! - my);
      nuHat[i] = -sty / stt;
      // Intercept: the programmed conductance.
      expect(Math.abs(my + nuHat[i]! * mt - Math.log(x * gMax))).toBeLessThan(1e-9);
    }
    // Folded normal |N(μ, σ)|: mean and variance in closed form.
    const { mean: mu, std: s } = nuMoments(x);
    const erf = (z: number) => {
      // erf by Simpson's rule on its integral (independent of the code under test).
      const m = 2000;
      const h = z / m;
      let acc = 0;
      for (let i = 0; i <= m; i++) acc += (i === 0 || i === m ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2));
      return (acc * h * 2) / (3 * Math.sqrt(Math.PI));
    };
    const foldedMean =
      s * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * s * s)) + mu * erf(mu / (s * Math.SQRT2));
    const foldedStd = Math.sqrt(mu * mu + s * s - foldedMean ** 2);
    let mean = 0;
    for (const v of nuHat) mean += v / n;
    let v2 = 0;
    for (const v of nuHat) v2 += (v - mean) ** 2;
    const std = Math.sqrt(v2 / (n - 1));
    expect(Math.abs(mean - foldedMean)).toBeLessThan((3 * foldedStd) / Math.sqrt(n));
    expect(Math.abs(std - foldedStd)).toBeLessThan(((3 * foldedStd) / Math.sqrt(2 * n)) * 1.5);
  });

  it('evaluates the same devices at any time (time 0 = programmed), keeps stuck cells, restarts after a write', () => {
    const { xbar } = levelCrossbar(0.5);
    deviceFaults(xbar, { hrsProportion: 0.01, seed: 1 });
    const programmed = xbar.conductance.slice();
    expect(pcmDrift(xbar, { time: 1e6, seed: 2 }).started).toBe(true);
    const late = xbar.conductance.slice();
    expect(pcmDrift(xbar, { time: 10 }).started).toBe(false);
    pcmDrift(xbar, { time: 0 });
    for (let i = 0; i < n; i += 101) expect(xbar.conductance[i]).toBeCloseTo(programmed[i]!, 18);
    pcmDrift(xbar, { time: 1e6 });
    expect(xbar.conductance).toEqual(late);
    for (let i = 0; i < n; i++) if (xbar.stuck![i] === 1) expect(xbar.conductance[i]).toBe(programmed[i]);
    xbar.write(programmed);
    expect(() => pcmDrift(xbar, { time: 5 })).toThrow(/seed/);
    expect(pcmDrift(xbar, { time: 5, seed: 3 }).started).toBe(true);
    expect(() => pcmDrift(xbar, { time: 5, t0: 1 })).toThrow(/t0/);
  });

  it('driftState → restoreDriftState on a copy continues the same clock; same seed, same drift', () => {
    const a = levelCrossbar(0.3).xbar;
    applyNonidealities([a], [{ kind: 'pcmDrift', time: 3600, seed: 8 }]);
    const state = driftState(a)!;
    expect(state.time).toBe(3600);
    const b = a.clone();
    restoreDriftState(b, state);
    pcmDrift(a, { time: 86400 });
    pcmDrift(b, { time: 86400 });
    expect(b.conductance).toEqual(a.conductance);
    const c = levelCrossbar(0.3).xbar;
    pcmDrift(c, { time: 86400, seed: 8 });
    expect(c.conductance).toEqual(a.conductance);
    expect(() => restoreDriftState(b, { ...state, nu: new Float64Array(3) })).toThrow(InvalidParameterError);
  });

  it('custom ν and driftScale: g(t) = g₀·((t + t₀)/t₀)^(−ν) exactly', () => {
    const { xbar, gMax } = levelCrossbar(0.5);
    pcmDrift(xbar, { time: 1000, t0: 10, nu: { mean: 0.05, std: 0 }, driftScale: 2, seed: 1 });
    expect(xbar.conductance[17]).toBeCloseTo(0.5 * gMax * (1010 / 10) ** -0.1, 15);
  });
});

describe('globalDriftCompensation', () => {
  it('restores the ideal output scale at t = 1 day within 1 %', () => {
    const r = 256;
    const c = 128;
    const w = new Float64Array(r * c);
    createRng(1).fillUniform(w, -1, 1);
    const mapped = initCrossbars({ rows: r, cols: c, data: w }, { model: VTEAM });
    const batch = 64;
    const x = new Float32Array(batch * r);
    createRng(2).fillUniform(x, -1, 1);
    const ideal = mvm(x, batch, mapped, { mode: 'ideal' });
    applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 86400, seed: 3 }]);
    const drifted = mvm(x, batch, mapped, { mode: 'ideal' });
    const { factor, reference, readout } = globalDriftCompensation(mapped);
    expect(factor).toBeCloseTo(reference / readout, 12);
    const slope = (y: Float32Array, k: number) => {
      let xy = 0;
      let xx = 0;
      for (let i = 0; i < y.length; i++) {
        xy += ideal[i]! * y[i]! * k;
        xx += ideal[i]! * ideal[i]!;
      }
      return xy / xx;
    };
    expect(Math.abs(slope(drifted, 1) - 1)).toBeGreaterThan(0.1);
    expect(Math.abs(slope(drifted, factor) - 1)).toBeLessThan(0.01);
    // Reading through a custom read-out gives the same factor when it is the ideal one.
    const viaRead = globalDriftCompensation(mapped, {
      read: (input, b) => mvm(input, b, mapped, { mode: 'ideal' }),
      chunk: 100,
    });
    expect(viaRead.factor).toBeCloseTo(factor, 5);
    expect(() => globalDriftCompensation(mapped, { chunk: 0 })).toThrow(InvalidParameterError);
  });
});
