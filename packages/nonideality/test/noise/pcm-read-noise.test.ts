import { InvalidParameterError, createRng } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM, conductanceRange } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { applyNonidealities, pcmReadNoiseStd, readNoiseFor } from '../../src/index';

const rows = 16;
const cols = 6;
const w = new Float64Array(rows * cols);
createRng(1).fillUniform(w, -1, 1);

/** aihwkit's PCM 1/f σ, written out: |g|·Q_s(g_prog)·√ln((t + t₀ + t_read)/(2 t_read)). */
function sigma(g: number, gProg: number, gMax: number, t: number): number {
  const qs = Math.min(0.0088 / Math.max((gProg / gMax) ** 0.65, 1e-3), 0.2);
  return g * qs * Math.sqrt(Math.log((t + 20 + 250e-9) / (2 * 250e-9)));
}

describe('PCM read noise', () => {
  it('σ per cell = closed form; grows with the drift clock', () => {
    const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM });
    const xbar = mapped.crossbars[0]!;
    const gMax = conductanceRange(xbar.population).gMax[0]!;
    const programmed = xbar.conductance.slice();
    const s0 = pcmReadNoiseStd(xbar);
    for (let i = 0; i < rows * cols; i++) expect(s0[i]).toBeCloseTo(sigma(programmed[i]!, programmed[i]!, gMax, 0), 15);
    applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 3.15e7, seed: 2 }]);
    const s1 = pcmReadNoiseStd(xbar);
    for (let i = 0; i < rows * cols; i++)
      expect(s1[i]).toBeCloseTo(sigma(xbar.conductance[i]!, programmed[i]!, gMax, 3.15e7), 15);
    // Relative σ (σ/g) grows with time since programming.
    expect(s1[0]! / xbar.conductance[0]!).toBeGreaterThan(s0[0]! / programmed[0]!);
    expect(pcmReadNoiseStd(xbar, { time: 0, scale: 2 })[0]).toBeCloseTo(
      2 * sigma(xbar.conductance[0]!, programmed[0]!, gMax, 0),
      15,
    );
  });

  it('through mvm: output σ per read = √(Σ v²σ²) within 3 SE; the σ arrays are cached until the crossbars change', () => {
    const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [8, 6] });
    applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 86400, seed: 2 }]);
    const rng = createRng(3);
    const config = { model: 'pcm', scale: 3 } as const;
    const noise = readNoiseFor(mapped, config, rng);
    expect(readNoiseFor(mapped, config, rng).deviceStd).toBe(noise.deviceStd);
    const n = 20000;
    const v = new Float32Array(rows);
    createRng(4).fillUniform(v, -0.5, 0.5);
    const input = new Float32Array(n * rows);
    for (let b = 0; b < n; b++) input.set(v, b * rows);
    const y = mvm(input, n, mapped, { mode: 'tiled', raw: true, readNoise: noise });
    const [p, m] = mapped.crossbars.map((x) => pcmReadNoiseStd(x, { scale: 3 }));
    for (let j = 0; j < cols; j++) {
      let want = 0;
      for (let i = 0; i < rows; i++) want += v[i]! ** 2 * (p![i * cols + j]! ** 2 + m![i * cols + j]! ** 2);
      want = Math.sqrt(want);
      let mean = 0;
      for (let b = 0; b < n; b++) mean += y[b * cols + j]! / n;
      let s = 0;
      for (let b = 0; b < n; b++) s += (y[b * cols + j]! - mean) ** 2;
      expect(Math.abs(Math.sqrt(s / (n - 1)) - want)).toBeLessThan((3 * want) / Math.sqrt(2 * n));
    }
    applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 1e6 }]);
    expect(readNoiseFor(mapped, config, rng).deviceStd).not.toBe(noise.deviceStd);
  });

  it('gaussian config and bad configs', () => {
    const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM });
    const rng = createRng(1);
    expect(readNoiseFor(mapped, { model: 'gaussian', additive: 1e-6 }, rng)).toEqual({ rng, additive: 1e-6 });
    expect(() => readNoiseFor(mapped, { model: 'gaussian', additive: -1 }, rng)).toThrow(InvalidParameterError);
    expect(() => readNoiseFor(mapped, { model: 'pcm', tRead: 0 }, rng)).toThrow(/tRead/);
    expect(() => readNoiseFor(mapped, { model: 'gaussian', time: 1 } as never, rng)).toThrow(/time/);
    expect(() => pcmReadNoiseStd(mapped.crossbars[0]!, { time: -1 })).toThrow(/time/);
  });
});
