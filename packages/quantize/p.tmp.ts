import { createRng } from '@memsim/core';
import { quantize, quantizeLevels } from './src/index';
const N = 1_000_000;
const rng = createRng(7);
const gMin = new Float64Array(N), gMax = new Float64Array(N), g = new Float64Array(N), x32 = new Float32Array(N), out = new Float64Array(N), out32 = new Float32Array(N);
for (let i = 0; i < N; i++) { gMin[i] = 1e-4 * (1 + 0.1 * rng.normal() ** 2); gMax[i] = 1e-3 * (1 + 0.1 * rng.normal() ** 2); g[i] = gMin[i]! + (gMax[i]! - gMin[i]!) * rng.uniform(); x32[i] = rng.normal(); }
function naiveLevels(x: Float64Array, o: Float64Array, count: number, lo: Float64Array, hi: Float64Array) { const n = x.length, last = count - 1; for (let i = 0; i < n; i++) { const a = lo[i]!, step = (hi[i]! - a) / last; o[i] = a + step * Math.max(0, Math.min(last, Math.floor((x[i]! - a) / step + 0.5))); } }
function naiveLinear(x: Float32Array, o: Float32Array) { let m = 0; for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!)); const d = 2 ** (Math.ceil(Math.log2(m)) - 7); for (let i = 0; i < x.length; i++) o[i] = Math.max(-128, Math.min(127, Math.floor(x[i]! / d + 0.5))) * d; }
function t(name: string, f: () => unknown) { for (let k = 0; k < 5; k++) f(); const c0 = process.cpuUsage(); for (let k = 0; k < 10; k++) f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 10 / 1000; }
for (let r = 0; r < 3; r++) {
  const a = t('naiveLevels', () => naiveLevels(g, out, 16, gMin, gMax));
  const b = t('levels', () => quantizeLevels(g, 16, gMin, gMax));
  const c = t('naiveLinear', () => naiveLinear(x32, out32));
  const d = t('linear', () => quantize(x32, { bits: 8 }));
  console.log(`levels ${b.toFixed(1)} ms vs naive ${a.toFixed(1)} (x${(b / a).toFixed(2)}); linear ${d.toFixed(1)} vs naive ${c.toFixed(1)} (x${(d / c).toFixed(2)})`);
}
