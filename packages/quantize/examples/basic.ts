// A tour of @memsim/quantize: an 8-bit ADC on crossbar currents, a DAC on inputs, finite conductance states.
// Run: node --import tsx packages/quantize/examples/basic.ts
import { QUANT_METHODS, quantize, quantizeInput, quantizeLevels } from '../src/index';

// Bit-line currents of a small crossbar [A]: four orders of magnitude.
const currents = new Float64Array([2.1e-6, -4.7e-5, 3.3e-4, 9.8e-4, -1.2e-6, 0]);
for (const method of QUANT_METHODS) {
  const q = quantize(currents, { bits: 8, method });
  console.log(method.padEnd(10), Array.from(q, (v) => v.toExponential(3)).join('  '));
}

// The linear ADC lets the largest 20 % of magnitudes saturate to keep resolution for the rest.
console.log(
  'overflow ',
  Array.from(quantize(currents, { bits: 4, overflowRate: 0.2 }), (v) => v.toExponential(3)).join('  '),
);

// A 4-bit symmetric DAC with a 0.3 V full scale in front of the word lines.
console.log(
  'dac [V]  ',
  Array.from(quantizeInput(new Float32Array([0.05, -0.29, 0.5, 0.12]), { bits: 4, range: 0.3 })).join('  '),
);

// 8 conductance states per device, each device with its own [gMin, gMax] [S].
const g = new Float64Array([1.3e-4, 5.5e-4, 9.9e-4]);
const gMin = new Float64Array([1e-4, 1.1e-4, 0.9e-4]);
const gMax = new Float64Array([1e-3, 0.95e-3, 1.05e-3]);
console.log('states [S]', Array.from(quantizeLevels(g, 8, gMin, gMax), (v) => v.toExponential(4)).join('  '));
