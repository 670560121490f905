// Read-noise normal generator (src/read-noise/normal-kernel.ts, asm/ziggurat.ts): nanoseconds per standard normal
// for the WebAssembly SIMD kernel and its TypeScript twin, and the share of draws that take the slow path (wedge or
// tail) for the 1024-layer tables against the 256 layers of the generator's own ziggurat.
// Run: node --expose-gc --import tsx packages/crossbar/bench/normals.bench.ts
import { createRng } from '@memsim/core';
import { zigguratLayersFor } from '@memsim/core/internal';
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { drawNormals } from '../src/read-noise/normal-kernel';

const n = 1 << 22;
for (const backend of ['wasm', 'ts'] as const) {
  const rng = createRng(1);
  drawNormals(rng, n, backend);
  const seconds = timeMedian(() => drawNormals(rng, n, backend), { minTimeMs: 500, minIterations: 5 });
  reportFigure({
    name: `crossbar::read-noise-normals-${backend}`,
    value: (seconds / n) * 1e9,
    unit: 'ns per normal',
    ...(backend === 'wasm' ? { target: '< 1.5 (was 2.5 before the in-kernel slow path)' } : {}),
  });
}
// Slow-path share = mean over layers of 1 − x[i+1]/x[i] (a draw lands in each layer with probability 1/count).
for (const count of [256, 1024]) {
  const { ratio } = zigguratLayersFor(count);
  let slow = 0;
  for (let i = 0; i < count; i++) slow += (1 - ratio[i]!) / count;
  reportFigure({ name: `crossbar::ziggurat-${count}-slow-draws`, value: 100 * slow, unit: '% of draws' });
}
