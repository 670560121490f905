// Runs in the fresh project (CommonJS require of both packages).
const assert = require('node:assert/strict');
const tf = require('@tensorflow/tfjs');
const { createPopulation, populationToJSON, VTEAM } = require('@memsim/devices');
const { initBackend } = require('@memsim/layers');

const json = populationToJSON(createPopulation(VTEAM, 10, {}, { seed: 2 }));
assert.equal(json.model, 'VTEAM');
initBackend().then((backend) => {
  assert.equal(backend, 'wasm');
  console.log(`cjs ok: tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
});
