// A memristive Dense layer by hand, with @memsim/mapping only: map the kernel to conductances, encode the inputs as
// voltages, compute the ideal crossbar output, undo the input scale and the mapping gain, then calibrate.
// Run: node --import tsx packages/mapping/examples/basic.ts
import { createRng } from '@memsim/core';
import { applyCalibration, calibrate, mapWeights, scaleInput, unscaleOutput } from '../src/index';

const inputs = 8;
const outputs = 3;
const batch = 5;
const rng = createRng(2024);

// A Dense kernel [inputs, outputs] (rows = word lines = inputs, cols = bit lines = outputs).
const kernel = {
  rows: inputs,
  cols: outputs,
  data: rng.fillNormal(new Float64Array(inputs * outputs), 0, 0.3) as Float64Array,
};
const x = rng.fillUniform(new Float64Array(batch * inputs), -40, 40) as Float64Array; // peak ≈ 40: far above 1 V

// 1. Weights → conductances (VTEAM-like rOn = 100 Ω, rOff = 16 kΩ), one w_max per output column.
const mapped = mapWeights(kernel, { routine: 'per-column', rOn: 100, rOff: 16000, scheme: 'double-column' });
const [gPos, gNeg] = mapped.conductances;

// 2. Inputs → voltages, peak of each sample at 0.5 V.
const { voltages, scale } = scaleInput(x, { maxInputVoltage: 0.5, per: 'sample', batch });

// 3. Ideal crossbar: bit-line currents I = V · (G⁺ − G⁻) [A].
const currents = new Float64Array(batch * outputs);
for (let b = 0; b < batch; b++)
  for (let i = 0; i < inputs; i++)
    for (let j = 0; j < outputs; j++)
      currents[b * outputs + j]! +=
        voltages[b * inputs + i]! * (gPos!.data[i * outputs + j]! - gNeg!.data[i * outputs + j]!);

// 4. Back to weight units: divide by the input scale (per sample) and the mapping gain (per column).
const y = unscaleOutput(currents, scale).map((v, k) => v / mapped.gain[k % outputs]!);

// Digital reference x · W.
const reference = new Float64Array(batch * outputs);
for (let b = 0; b < batch; b++)
  for (let i = 0; i < inputs; i++)
    for (let j = 0; j < outputs; j++) reference[b * outputs + j]! += x[b * inputs + i]! * kernel.data[i * outputs + j]!;

let worst = 0;
for (let k = 0; k < y.length; k++) worst = Math.max(worst, Math.abs(y[k]! - reference[k]!));
console.log(`gain per column [S]: ${Array.from(mapped.gain, (g) => g.toExponential(3)).join(', ')}`);
console.log(`input scale per sample [V per unit]: ${Array.from(scale, (s) => s.toExponential(3)).join(', ')}`);
console.log(`max |crossbar − digital| = ${worst.toExponential(2)} (ideal devices: rounding only)`);
if (!(worst < 1e-9)) throw new Error('ideal crossbar output should equal x · W');

// 5. Calibrate a deliberately distorted output (gain 0.9, offset 0.1) back onto the reference; twice = once.
const distorted = y.map((v) => 0.9 * v + 0.1);
const c1 = calibrate(distorted, reference);
const c2 = calibrate(applyCalibration(distorted, c1), reference, { applied: c1 });
console.log(
  `calibration: slope ${c1.slope[0]!.toFixed(6)}, intercept ${c1.intercept[0]!.toFixed(6)}, R² ${c1.r2[0]!.toFixed(6)}`,
);
console.log(`re-calibrated: slope ${c2.slope[0]!.toFixed(6)}, intercept ${c2.intercept[0]!.toFixed(6)} (unchanged)`);
if (Math.abs(c2.slope[0]! - c1.slope[0]!) > 1e-9) throw new Error('calibration must be idempotent');
