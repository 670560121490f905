// Programming noise, PCM drift with global compensation, and read noise on a mapped weight matrix (aihwkit's PCM model).
// Run: node --import tsx packages/nonideality/examples/noise-drift.ts
import { createRng } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { applyNonidealities, globalDriftCompensation, readNoiseFor } from '../src/index';

const rng = createRng(3);
const rows = 128;
const cols = 32;
const weights = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal() * 0.2) };
const batch = 16;
const x = Float32Array.from({ length: batch * rows }, () => Math.fround(rng.uniform() * 2 - 1));
const mapped = initCrossbars(weights, { model: VTEAM, tileShape: [64, 32] });
const ideal = mvm(x, batch, mapped, { mode: 'tiled' });

/** Least-squares slope of y against the ideal output (1 = the ideal scale). */
const slope = (y: Float32Array, k = 1) => {
  let xy = 0;
  let xx = 0;
  for (let i = 0; i < y.length; i++) (xy += ideal[i]! * y[i]! * k), (xx += ideal[i]! ** 2);
  return xy / xx;
};

applyNonidealities(mapped, [{ kind: 'programmingNoise', model: 'pcm', seed: 1 }]);
console.log(`after PCM programming noise: slope ${slope(mvm(x, batch, mapped, { mode: 'tiled' })).toFixed(4)}`);
for (const [label, time] of [
  ['1 hour', 3600],
  ['1 day', 86400],
  ['1 year', 31536000],
] as const) {
  applyNonidealities(mapped, [{ kind: 'pcmDrift', time, seed: 2 }]); // ν drawn once (first call), then re-evaluated
  const { factor } = globalDriftCompensation(mapped);
  const noisy = mvm(x, batch, mapped, { mode: 'tiled', readNoise: readNoiseFor(mapped, { model: 'pcm' }, rng) });
  console.log(
    `${label}: slope ${slope(noisy).toFixed(4)} uncompensated, ${slope(noisy, factor).toFixed(4)} compensated (α = ${factor.toFixed(4)})`,
  );
}
