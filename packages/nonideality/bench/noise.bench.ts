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
const c0 = process.cpuUsage();
const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [128, 128] });
const c1 = process.cpuUsage(c0);
// Calibration: the same 8 M-device build is crossbar::initCrossbars-4096x1024-cpu-seconds (0.84 CPU s idle, see
// docs/benchmarks.md), so a loaded machine shows here by how much every figure below is inflated.
reportFigure({
  name: 'nonideality::noise-bench-initCrossbars-8M-cpu',
  value: (c1.user + c1.system) / 1e6,
  unit: 's (CPU)',
  reference: '0.84 idle (crossbar bench)',
});
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
/** Collects garbage when run with --expose-gc (so one forward's garbage is not charged to the next). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** CPU time of the second of two back-to-back calls, after a collection: the steady state of that kind of call. */
const settled = (fn: () => unknown): number => {
  collect();
  fn();
  return cpu(fn);
};
for (const [name, options] of cases) {
  mvm(x, batch, mapped, options()); // σ arrays and scratch built outside the timed region (they change only with the chip)
  // Clean and noisy forwards alternate, 7 pairs: the median ratio is robust to a loaded machine. Each timed call
  // follows one of its own kind: a clean forward timed right after a noisy one costs ~20 % more (measured: 0.115 vs
  // 0.095 s), which made the plain interleaving understate the overhead.
  const ratios: number[] = [];
  for (let k = 0; k < 7; k++) {
    const a = settled(() => mvm(x, batch, mapped, base));
    const b = settled(() => mvm(x, batch, mapped, options()));
    ratios.push(b / a);
  }
  ratios.sort((p, q) => p - q);
  reportFigure({
    name: `nonideality::read-noise-${name}-overhead-8M-b256`,
    value: 100 * (ratios[3]! - 1),
    unit: '% of the tiled forward',
    target: '< 30',
  });
}
