// Pinched hysteresis loops of every memsim device model with MemTorch's default sweeps, plus a stochastic population.
// Run: node --import tsx packages/devices/examples/hysteresis.ts
import {
  conductanceRange,
  createPopulation,
  DataDriven,
  hysteresisLoop,
  LinearIonDrift,
  Memristor,
  normal,
  StanfordPKU,
  VTEAM,
} from '../src/index';

for (const model of [LinearIonDrift, VTEAM, DataDriven, StanfordPKU]) {
  const { time, voltage, current } = hysteresisLoop(model);
  let iMax = Number.NEGATIVE_INFINITY;
  let iMin = Number.POSITIVE_INFINITY;
  for (const i of current) {
    iMax = Math.max(iMax, i);
    iMin = Math.min(iMin, i);
  }
  console.log(
    `${model.name}: ${voltage.length} samples over ${time[time.length - 1]!.toExponential(2)} s, I in [${iMin.toExponential(4)}, ${iMax.toExponential(4)}] A`,
  );
  const quarter = Math.floor(voltage.length / 8);
  for (const k of [0, quarter, 2 * quarter, 3 * quarter, 4 * quarter])
    console.log(`  V = ${voltage[k]!.toFixed(4)} V  I = ${current[k]!.toExponential(4)} A`);
}

// A device on its own: SET with the model's polarity, then read.
const device = new Memristor(VTEAM);
device.setConductance(1 / 800);
device.simulate(new Float64Array(10).fill(VTEAM.polarity * 0.5));
console.log(`VTEAM after 10 SET pulses of ${VTEAM.polarity * 0.5} V: R = ${device.resistance.toFixed(2)} Ω`);

// 100 000 devices with device-to-device variability of rOn and rOff.
const pop = createPopulation(
  VTEAM,
  100_000,
  { rOn: normal({ mean: 50, std: 5, min: 1 }), rOff: normal({ mean: 1000, std: 50, min: 1 }) },
  { seed: 42 },
);
const { gMax } = conductanceRange(pop);
let mean = 0;
for (const g of gMax) mean += 1 / g / gMax.length;
console.log(`population of ${pop.size} VTEAM devices: mean rOn = ${mean.toFixed(3)} Ω`);
