// A seeded generator: the same seed gives the same numbers on every platform, and a saved state resumes the stream.
import { createRng, InvalidParameterError } from '../src/index';

const rng = createRng(42);
const first = Array.from({ length: 3 }, () => rng.normal());
const saved = rng.toJSON();
const next = rng.uniform();
const resumed = createRng({ state: saved }).uniform();
console.log('N(0,1) draws:', first.map((v) => v.toFixed(6)).join(', '));
console.log('resumed stream matches:', next === resumed);
try {
  createRng(-1);
} catch (error) {
  if (InvalidParameterError.isInstance(error)) console.log('bad seed:', error.message);
}
if (next !== resumed) process.exit(1);
