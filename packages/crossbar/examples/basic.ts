// A 64×32 Dense layer on VTEAM crossbars: map, run every MVM mode, then program a small 0T1R crossbar with pulses.
// Run: node --import tsx packages/crossbar/examples/basic.ts
import { createRng } from '@memsim/core';
import { LinearIonDrift, VTEAM, conductanceRange, normal } from '@memsim/devices';
import { Crossbar, initCrossbars, mvm, program } from '../src/index';
import type { MvmOptions } from '../src/index';

const rows = 64; // inputs (word lines)
const cols = 32; // outputs (bit lines)
const batch = 8;
const rng = createRng(42);
const weights = new Float64Array(rows * cols);
rng.fillNormal(weights, 0, 0.1);
const x = new Float32Array(batch * rows);
rng.fillUniform(x, -1, 1);

// Device-to-device variability: rOn and rOff sampled per device; the mapping uses their means.
const mapped = initCrossbars(
  { rows, cols, data: weights },
  {
    model: VTEAM,
    params: { rOn: normal({ mean: 50, std: 2.5, min: 10 }), rOff: normal({ mean: 1000, std: 50, min: 200 }) },
    seed: 1,
  },
);
console.log(`targets clamped into their device's range: ${mapped.writeReports.map((r) => r.clamped).join(' + ')}`);

// Reference W·x in float64.
const ref = new Float64Array(batch * cols);
for (let b = 0; b < batch; b++)
  for (let k = 0; k < rows; k++)
    for (let j = 0; j < cols; j++) ref[b * cols + j]! += x[b * rows + k]! * weights[k * cols + j]!;
const rms = (y: Float32Array) => Math.sqrt(y.reduce((s, v, i) => s + (v - ref[i]!) ** 2, 0) / y.length);

const modes: [string, MvmOptions][] = [
  ['ideal', { mode: 'ideal' }],
  ['tiled 16×16, 6-bit ADC per tile', { mode: 'tiled', tileShape: [16, 16], adc: { bits: 6 } }],
  ['non-linear (device I-V)', { mode: 'nonlinear' }],
  ['passive, 2 Ω source, 1 Ω lines', { mode: 'passive', sourceResistance: 2, lineResistance: 1 }],
];
for (const [name, options] of modes) {
  const y = mvm(x, batch, mapped, options);
  console.log(`${name.padEnd(34)} rms error vs W·x: ${rms(y).toExponential(3)}`);
}

// Pulse programming (0T1R) of a 4×4 LinearIonDrift crossbar to 1 %, with V/2 half-select disturbance.
const xbar = new Crossbar({ model: LinearIonDrift, rows: 4, cols: 4 });
const { gMin, gMax } = conductanceRange(xbar.population);
const target = Float64Array.from({ length: 16 }, (_, d) => gMin[d]! + ((d + 1) / 17) * (gMax[d]! - gMin[d]!));
const report = program(xbar, target, { relTol: 0.01 });
console.log(
  `programmed 16 devices in ${report.iterations} iterations (${report.pulses} pulses), max error ${(report.maxError * 100).toFixed(2)} %`,
);
if (!report.converged) process.exit(1);
