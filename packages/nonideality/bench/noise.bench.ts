// Benchmarks of programming noise, PCM drift and read noise (issue 17) on 8 M devices: a 4096 → 1024 layer stored
// double-column (2 × 4096 × 1024 VTEAM devices). Run: node scripts/bench-all.mjs packages/nonideality.
import { createRng } from '@memsim/core';
import { reportFigure } from '@memsim/core/testing';
import { initCrossbars, mvm } from '@memsim/crossbar';
import type { MvmOptions } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { applyNonidealities, readNoiseFor } from '../src/index';

const rows = 4096;
const cols = 1024;
const w = new Float64Array(rows * cols);
createRng(1).fillUniform(w, -1, 1);
const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [128, 128] });
const devices = mapped.crossbars.reduce((s, x) => s + x.size, 0);
reportFigure({ name: 'nonideality::noise-bench-devices', value: devices / 1e6, unit: 'M devices' });

/** Process CPU time [s] of one call: single-threaded code, so on a loaded machine this is the idle wall time. */
const cpu = (fn: () => unknown): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
/** Median CPU time of `runs` calls. */
const cpuMedian = (fn: () => unknown, runs = 3): number => {
  const s = Array.from({ length: runs }, () => cpu(fn)).sort((a, b) => a - b);
  return s[Math.floor(runs / 2)]!;
};

// Programming noise: one PCM draw per device, written through the devices.
const prog = cpuMedian(() => applyNonidealities(mapped, [{ kind: 'programmingNoise', model: 'pcm', seed: 2 }]));
reportFigure({ name: 'nonideality::programmingNoise-pcm-8M', value: prog, unit: 's (CPU)', target: '< 1' });

// Drift: the first call draws ν per device and starts the clock; later calls evaluate another time.
const start = cpu(() => applyNonidealities(mapped, [{ kind: 'pcmDrift', time: 1, seed: 3 }]));
reportFigure({ name: 'nonideality::pcmDrift-start-8M', value: start, unit: 's (CPU)', target: '< 1' });
let t = 1;
const later = cpuMedian(() => applyNonidealities(mapped, [{ kind: 'pcmDrift', time: (t *= 10) }]));
reportFigure({ name: 'nonideality::pcmDrift-evaluate-8M', value: later, unit: 's (CPU)', target: '< 1' });

// Read noise in a tiled forward (128×128 tiles, 8-bit ADC, batch 256).
const batch = 256;
const x = new Float32Array(batch * rows);
createRng(4).fillUniform(x, -1, 1);
const base: MvmOptions = { mode: 'tiled', adc: { bits: 8 } };
const rng = createRng(5);
const clean = cpuMedian(() => mvm(x, batch, mapped, base), 5);
reportFigure({ name: 'nonideality::tiled-forward-8M-b256', value: clean, unit: 's (CPU)' });
const cases: [string, () => MvmOptions][] = [
  ['additive', () => ({ ...base, readNoise: { rng, additive: 1e-5 } })],
  ['pcm-1/f', () => ({ ...base, readNoise: readNoiseFor(mapped, { model: 'pcm' }, rng) })],
  ['additive-per-call', () => ({ ...base, readNoise: { rng, additive: 1e-5, draw: 'call' } })],
  ['pcm-1/f-per-call', () => ({ ...base, readNoise: readNoiseFor(mapped, { model: 'pcm', draw: 'call' }, rng) })],
];
for (const [name, options] of cases) {
  options(); // σ arrays built and cached outside the timed region (they change only when the chip does)
  const noisy = cpuMedian(() => mvm(x, batch, mapped, options()), 5);
  reportFigure({
    name: `nonideality::read-noise-${name}-overhead-8M-b256`,
    value: 100 * (noisy / clean - 1),
    unit: '% of the tiled forward',
    target: '< 30',
  });
}
