// Runs in the fresh project (ESM): devices alone, then layers on the project's own TensorFlow.js.
import * as tf from '@tensorflow/tfjs';
import { createPopulation, populationFromJSON, populationToJSON, VTEAM } from '@memsim/devices';
import { initBackend, loadChip, patchModel, saveChip } from '@memsim/layers';
import assert from 'node:assert/strict';

const pop = createPopulation(VTEAM, 100, {}, { seed: 1 });
VTEAM.step(pop, -0.5, 1e-10);
const back = populationFromJSON(JSON.parse(JSON.stringify(populationToJSON(pop))));
assert.deepEqual(Array.from(back.state), Array.from(pop.state));

// A model built before initBackend: importing @memsim/layers must not have switched the backend.
const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], useBias: false })] });
model.layers[0].setWeights([
  tf.tensor2d([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 1, 1],
  ]),
]);
const x = tf.tensor2d([[0.1, 0.2, 0.3, 0.4]]);
const digital = model.predict(x).arraySync()[0];
assert.equal(await initBackend(), 'wasm');
const patched = await patchModel(model, {
  device: { model: VTEAM },
  mapping: { tileShape: [8, 8] },
  readout: { maxInputVoltage: 1 },
});
const y = patched.predict(x).arraySync()[0];
for (let i = 0; i < 3; i++) assert.ok(Math.abs(y[i] - digital[i]) < 0.1, `memristive ${y} vs digital ${digital}`);
const copy = await loadChip(await saveChip(patched));
assert.deepEqual(copy.predict(x).arraySync()[0], y);
console.log(`esm ok: tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}, outputs ${y.map((v) => v.toFixed(3))}`);
