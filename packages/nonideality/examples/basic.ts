// Applies MemTorch's non-idealities to a small mapped weight matrix and shows how the crossbar output changes.
// Run: node --import tsx packages/nonideality/examples/basic.ts
import { createRng } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM, normal } from '@memsim/devices';
import { applyNonidealities, driftFactor, scaleP0 } from '../src/index';
import type { NonidealitySpec } from '../src/index';

const rng = createRng(7);
const rows = 32;
const cols = 8;
const weights = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal() * 0.2) };
const input = Float32Array.from({ length: 4 * rows }, () => Math.fround(rng.uniform() * 2 - 1));

const mapped = initCrossbars(weights, {
  model: VTEAM,
  params: { rOn: normal({ mean: 50, std: 3, min: 30 }) },
  scheme: 'double-column',
  seed: 1,
});
const before = mvm(input, 4, mapped, { mode: 'ideal' });

const list: NonidealitySpec[] = [
  { kind: 'deviceFaults', lrsProportion: 0.02, hrsProportion: 0.03, electroformProportion: 0.01, seed: 3 },
  { kind: 'finiteConductanceStates', states: 16 },
  { kind: 'retention', time: 1e3, initialTime: 1, driftCoefficient: 0.01 },
];
const report = applyNonidealities(mapped, list);
for (const step of report.steps) {
  const r = step.report;
  if (r.kind === 'deviceFaults')
    console.log(
      `crossbar ${step.crossbar}: ${r.lrs.length} LRS, ${r.hrs.length} HRS, ${r.electroform.length} unformed of ${r.eligible}`,
    );
  if (r.kind === 'finiteConductanceStates')
    console.log(`crossbar ${step.crossbar}: ${r.changed} cells snapped to ${r.states} levels`);
  if (r.kind === 'retention') console.log(`crossbar ${step.crossbar}: drift factor ${r.factor?.toPrecision(6)}`);
}
const after = mvm(input, 4, mapped, { mode: 'ideal' });
let err = 0;
let ref = 0;
for (let i = 0; i < before.length; i++) {
  err = Math.max(err, Math.abs(after[i]! - before[i]!));
  ref = Math.max(ref, Math.abs(before[i]!));
}
console.log(`max |output change| / max |output| = ${(err / ref).toFixed(4)}`);

// Non-linear I-V: a lookup table from a 1 V sweep, used by the 'nonlinear' MVM mode.
applyNonidealities(mapped, [{ kind: 'nonLinear', sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 }]);
const nl = mvm(input, 4, mapped, { mode: 'nonlinear' });
console.log(`non-linear output [0] = ${nl[0]!.toFixed(4)} (linear ${after[0]!.toFixed(4)})`);

// The formula values of MemTorch 1.1.6's endurance and retention models.
console.log(`driftFactor(t = 1e4 s, t0 = 1e-12 s, ν = 0.1) = ${driftFactor({ time: 1e4 }).toPrecision(6)}`); // → 0.0251189
console.log(
  `scaleP0(vStop 0.25 V) = ${scaleP0({ p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 }).toPrecision(7)}`,
); // → 0.1121969
