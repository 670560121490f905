// Builds a device model from "measured" pulse trains (here: VTEAM with 10 % cycle-to-cycle spread, written as the CSV a
// measurement gives) and replays the protocol on the fitted model.
// Run: node --import tsx packages/devices/examples/measured-device.ts
import { VTEAM, createPopulation, measuredDevice, normal } from '../src/index';

const cycles = 100;
const source = createPopulation(
  VTEAM,
  cycles,
  { kOn: normal({ mean: -10, std: 1 }), kOff: normal({ mean: 5e-4, std: 5e-5 }), xOn: 3e-9 },
  { seed: 1 },
);
const g = new Float64Array(cycles);
const lines = ['cycle,pulse,polarity,conductance'];
for (let k = 0; k <= 200; k++) {
  // 100 SET pulses (−0.25 V, 0.2 ns), then 100 RESET pulses (+1 V, 1.2 ns): VTEAM raises conductance at negative V.
  if (k > 0) source.model.step(source, k <= 100 ? -0.25 : 1, k <= 100 ? 2e-10 : 1.2e-9);
  source.model.conductance(source, g);
  for (let c = 0; c < cycles; c++) lines.push(`${c},${k},${k === 0 ? 0 : k <= 100 ? 1 : -1},${g[c]}`);
}

const device = measuredDevice(lines.join('\n'), { file: 'vteam-pulses.csv' });
console.log(
  `${device.cycles} cycles, ${device.pulses} pulses; rOn ${device.params.rOn.toFixed(1)} Ω, rOff ${device.params.rOff.toFixed(1)} Ω; spread set ${(100 * device.spread.set).toFixed(1)} %, reset ${(100 * device.spread.reset).toFixed(1)} %`,
);

const pop = createPopulation(device.model, 1000, device.params, { seed: 2 });
const out = new Float64Array(pop.size);
for (const [label, pulses, v] of [
  ['after 50 SET pulses', 50, 1.2],
  ['after 50 more SET pulses', 50, 1.2],
  ['after 100 RESET pulses', 100, -1.2],
] as const) {
  pop.model.step(pop, v, pulses * device.model.defaults.pulseWidth);
  pop.model.conductance(pop, out);
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  console.log(`${label}: mean conductance ${mean.toExponential(3)} S`);
}
