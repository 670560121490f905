// IR drop in a passive 64×64 crossbar: how wire and source resistance bend V·G, where the cells lose voltage, how
// tiling recovers accuracy, and the factor-once workflow for a batch of inputs.
// Run: node --import tsx packages/crossbar/examples/passive-ir-drop.ts
import { createRng } from '@memsim/core';
import { factorPassive, irDropReport, passiveCurrents } from '../src/index';

const rows = 64; // word lines (inputs)
const cols = 64; // bit lines (outputs)
const rOn = 10_000; // [Ω]
const rOff = 100_000; // [Ω]
const rng = createRng(7);
const data = new Float64Array(rows * cols);
rng.fillUniform(data, 1 / rOff, 1 / rOn); // conductances [S]
const G = { rows, cols, data };
const voltages = new Float64Array(rows);
rng.fillUniform(voltages, 0, 0.3); // word-line read voltages [V]

console.log('worst output error against V·G for a 64×64 array (source resistance 20 Ω):');
for (const lineResistance of [0, 1, 2.5, 5, 10]) {
  const report = irDropReport(G, voltages, { sourceResistance: 20, lineResistance });
  console.log(`  line ${lineResistance.toFixed(1).padStart(4)} Ω: ${(100 * report.maxAbsRelativeError).toFixed(2)} %`);
}

// Where the voltage is lost: the device far from the driver and from the terminal sees the least.
const report = irDropReport(G, voltages, { sourceResistance: 20, lineResistance: 5 });
const fraction = (i: number, j: number) => report.cellVoltages[i * cols + j]! / report.idealCellVoltages[i * cols + j]!;
console.log('share of the ideal cell voltage each corner device sees (line 5 Ω):');
console.log(`  near driver, far from terminal (0, 0):      ${(100 * fraction(0, 0)).toFixed(1)} %`);
console.log(`  near driver, at terminal (63, 0):           ${(100 * fraction(63, 0)).toFixed(1)} %`);
console.log(`  far end of word line, far from term (0, 63): ${(100 * fraction(0, 63)).toFixed(1)} %`);
console.log(`  far end of word line, at terminal (63, 63):  ${(100 * fraction(63, 63)).toFixed(1)} %`);

// Factor once, solve a batch: the nodal system depends only on G and the resistances.
const batch = 32;
const inputs = new Float64Array(batch * rows);
rng.fillUniform(inputs, 0, 0.3);
const started = performance.now();
const factor = factorPassive(G, { sourceResistance: 20, lineResistance: 5 });
const factored = performance.now();
const currents = factor.solveBatch(inputs, batch);
const solved = performance.now();
console.log(
  `factored ${factor.unknowns} unknowns in ${(factored - started).toFixed(1)} ms, solved ${batch} inputs in ${(solved - factored).toFixed(1)} ms; I[0][0] = ${currents[0]!.toExponential(4)} A`,
);

// Tiles are separate circuits: shorter lines, smaller drop.
const crossbar = { rows, cols, conductance: data, version: 0, tileShape: [16, 16] as [number, number] };
const tiled = passiveCurrents(crossbar, inputs, batch, { sourceResistance: 20, lineResistance: 5 });
const untiled = passiveCurrents({ ...crossbar, tileShape: undefined }, inputs, batch, {
  sourceResistance: 20,
  lineResistance: 5,
});
let ideal = 0;
let errTiled = 0;
let errUntiled = 0;
for (let b = 0; b < batch; b++)
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += inputs[b * rows + i]! * data[i * cols + j]!;
    ideal = Math.max(ideal, s);
    errTiled = Math.max(errTiled, Math.abs(tiled[b * cols + j]! - s));
    errUntiled = Math.max(errUntiled, Math.abs(untiled[b * cols + j]! - s));
  }
console.log(
  `max error vs V·G (of max current): untiled ${((100 * errUntiled) / ideal).toFixed(2)} %, 16×16 tiles ${((100 * errTiled) / ideal).toFixed(2)} %`,
);
