// Runs in a fresh project holding only @memsim/core and @memsim/devices (no TensorFlow.js): ESM, then CommonJS.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createPopulation, populationFromJSON, populationToJSON, VTEAM } from '@memsim/devices';

const pop = createPopulation(VTEAM, 10, {}, { seed: 5 });
VTEAM.step(pop, -0.5, 1e-10);
assert.deepEqual(Array.from(populationFromJSON(populationToJSON(pop)).state), Array.from(pop.state));
const cjs = createRequire(import.meta.url)('@memsim/devices');
assert.deepEqual(cjs.populationToJSON(pop), populationToJSON(pop));
console.log('devices alone ok: ESM and CJS');
