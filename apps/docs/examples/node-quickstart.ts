// Getting started in Node: a VTEAM device's pinched hysteresis loop, a weight matrix on crossbars, and the error a
// tiled array with an 8-bit ADC adds to x·W. Run: node --import tsx apps/docs/examples/node-quickstart.ts
import { createRng } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { hysteresisLoop, Memristor, VTEAM } from '@memsim/devices';

// 1. One device: MemTorch's default sine sweep (1 V, 50 MHz, 200 ns).
const { voltage, current } = hysteresisLoop(new Memristor(VTEAM));
const peak = current.reduce((m, i) => Math.max(m, Math.abs(i)), 0);
console.log(`VTEAM loop: ${voltage.length} samples, peak current ${peak.toExponential(3)} A`);

// 2. A 64 × 16 weight matrix on VTEAM crossbars (double column: G⁺ − G⁻), 32 × 32 tiles.
const rng = createRng(1);
const w = { rows: 64, cols: 16, data: Float64Array.from({ length: 64 * 16 }, () => rng.normal() * 0.5) };
const mapped = initCrossbars(w, { model: VTEAM, scheme: 'double-column', tileShape: [32, 32] });

// 3. One input vector through the tiled array with an 8-bit ADC per tile column, against the exact product.
const x = Float32Array.from({ length: 64 }, () => rng.uniform());
const y = mvm(x, 1, mapped, { mode: 'tiled', tileShape: [32, 32], adc: { bits: 8 } });
let error = 0;
let norm = 0;
for (let j = 0; j < 16; j++) {
  let exact = 0;
  for (let i = 0; i < 64; i++) exact += x[i]! * w.data[i * 16 + j]!;
  error += (y[j]! - exact) ** 2;
  norm += exact ** 2;
}
console.log(`tiled + 8-bit ADC: relative error ${(100 * Math.sqrt(error / norm)).toFixed(2)} %`);
if (!(peak > 0) || !(Math.sqrt(error / norm) < 0.1)) throw new Error('unexpected result');
