// Throughput of the quantisers on 1 M-element arrays (one core). Run: node scripts/bench-all.mjs packages/quantize
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { createRng } from '@memsim/core';
import { type QuantMethod, quantize, quantizeInput, quantizeLevels } from '../src/index';

const N = 1_000_000;
const rng = createRng(7);
const x32 = new Float32Array(N);
const x64 = new Float64Array(N);
for (let i = 0; i < N; i++) x64[i] = x32[i] = rng.normal();
const currents = new Float64Array(N);
for (let i = 0; i < N; i++) currents[i] = (rng.uniform() < 0.5 ? -1 : 1) * 10 ** (-6 + 3 * rng.uniform());

/**
 * Prints two figures per case: wall-clock throughput (median, the official figure) and throughput per second of this
 * process's CPU time (mean over 10 calls), which reads less low than the wall clock when the machine is shared.
 */
function throughput(name: string, fn: () => Float32Array | Float64Array, target?: string): void {
  let check = 0;
  const run = () => {
    const out = fn();
    check += out[N >> 1]!; // the result is read inside the timed region, so it cannot be optimised away
    return out;
  };
  const seconds = timeMedian(run);
  const calls = 10;
  const before = process.cpuUsage();
  for (let k = 0; k < calls; k++) run();
  const used = process.cpuUsage(before);
  const cpuSeconds = (used.user + used.system) / 1e6 / calls;
  if (!Number.isFinite(check)) throw new Error(`${name}: non-finite output`);
  reportFigure({
    name: `quantize::${name}`,
    value: N / seconds / 1e6,
    unit: 'M elements/s',
    ...(target ? { target } : {}),
  });
  reportFigure({ name: `quantize::${name} (per CPU-second)`, value: N / cpuSeconds / 1e6, unit: 'M elements/s' });
}

throughput('linear-8bit-1M-f32', () => quantize(x32, { bits: 8 }), '>= 100');
throughput('linear-8bit-1M-f64', () => quantize(x64, { bits: 8 }));
throughput('linear-8bit-overflow0.01-1M-f32 (histogram selection)', () =>
  quantize(x32, { bits: 8, overflowRate: 0.01 }),
);
for (const method of ['log', 'log_minmax', 'minmax', 'tanh'] as QuantMethod[])
  throughput(`${method}-8bit-1M-f64`, () => quantize(method.startsWith('log') ? currents : x64, { bits: 8, method }));

const gMin = new Float64Array(N);
const gMax = new Float64Array(N);
const g = new Float64Array(N);
for (let i = 0; i < N; i++) {
  gMin[i] = 1e-4 * (1 + 0.1 * rng.normal() ** 2);
  gMax[i] = 1e-3 * (1 + 0.1 * rng.normal() ** 2);
  g[i] = gMin[i]! + (gMax[i]! - gMin[i]!) * rng.uniform();
}
throughput('levels-per-element-16-1M-f64', () => quantizeLevels(g, 16, gMin, gMax), '>= 50');
throughput('levels-scalar-16-1M-f64', () => quantizeLevels(g, 16, 1e-4, 1e-3));
throughput('dac-8bit-1M-f32', () => quantizeInput(x32, { bits: 8, range: 2 }));

// Crossbar-tile shape: 8192 partial-sum vectors of 128 entries (1 M elements), one ADC call each.
const tiles = Array.from({ length: N / 128 }, (_, t) => x32.subarray(t * 128, (t + 1) * 128));
const tileOut = new Float32Array(N);
const tileOuts = tiles.map((_, t) => tileOut.subarray(t * 128, (t + 1) * 128));
throughput('linear-8bit-128-entry-vectors-f32 (new array each)', () => {
  let last = tileOut;
  for (const tile of tiles) last = quantize(tile, { bits: 8 });
  tileOut[N >> 1] = last[0]!;
  return tileOut;
});
throughput('linear-8bit-128-entry-vectors-f32 (out)', () => {
  for (let t = 0; t < tiles.length; t++) quantize(tiles[t]!, { bits: 8 }, tileOuts[t]);
  return tileOut;
});
