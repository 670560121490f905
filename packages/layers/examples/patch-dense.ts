// End to end: build and train a small tfjs classifier → patchModel onto VTEAM crossbars → tune → apply
// non-idealities → evaluate, then save and reload the programmed chip.
import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, loadChip, patchModel, saveChip } from '../src/index';

await initBackend();

// Two interleaved half-moons, 2-D points, labels 0/1 (seeded: the run is reproducible).
function moons(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D; labels: Int32Array } {
  const rng = createRng(seed);
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rng.uniform();
    points[2 * i] = (label ? 1 - Math.cos(t) : Math.cos(t)) + 0.15 * rng.normal();
    points[2 * i + 1] = (label ? 0.5 - Math.sin(t) : Math.sin(t)) + 0.15 * rng.normal();
    labels[i] = label;
  }
  return { x: tf.tensor2d(points, [n, 2]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 2) as tf.Tensor2D, labels };
}

const init = (seed: number) => tf.initializers.glorotUniform({ seed });
const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2], kernelInitializer: init(1) }),
    tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(3) }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
const train = moons(512, 1);
const test = moons(1000, 2);
await model.fit(train.x, train.y, { epochs: 60, batchSize: 64, shuffle: false, verbose: 0 });

function accuracy(predict: (x: tf.Tensor) => tf.Tensor): number {
  const predicted = predict(test.x).argMax(-1).dataSync();
  let correct = 0;
  for (let i = 0; i < test.labels.length; i++) if (predicted[i] === test.labels[i]) correct++;
  return correct / test.labels.length;
}
const digital = accuracy((x) => model.predict(x) as tf.Tensor);
console.log(`digital tfjs model:            ${(100 * digital).toFixed(1)} %`);

// 1. Patch: VTEAM devices, double column, 16×16 tiles, 6-bit ADC, inputs encoded into ±0.3 V.
const patched = await patchModel(model, {
  device: { model: VTEAM },
  mapping: { tileShape: [16, 16] },
  readout: { adc: { bits: 6 }, maxInputVoltage: 0.3 },
});
patched.tune({ data: train.x, perColumn: true });
console.log(`memristive, tuned:             ${(100 * accuracy((x) => patched.predict(x) as tf.Tensor)).toFixed(1)} %`);
console.log(
  patched
    .summary()
    .map((s) => `  ${s.layer}: ${s.crossbars} crossbars, ${s.tiles} tiles, ${s.devices} devices`)
    .join('\n'),
);

// 2. Non-idealities: 8 conductance states, then 5 % of devices stuck (LRS/HRS).
patched.applyNonidealities([
  { kind: 'finiteConductanceStates', states: 8 },
  { kind: 'deviceFaults', lrsProportion: 0.025, hrsProportion: 0.025, electroformProportion: 0, seed: 7 },
]);
const degraded = accuracy((x) => patched.predict(x) as tf.Tensor);
console.log(`8 states + 5 % stuck devices:  ${(100 * degraded).toFixed(1)} %`);
// (Re-tuning after faults fits a least-squares line to outputs whose error is not a gain; it shrinks the outputs
// towards their mean and can cost accuracy, as MemTorch's naive_tune does. Compare before relying on it.)

// 3. Save the programmed chip (devices, conductances, stuck masks, calibration) and reload it.
const copy = await loadChip(await saveChip(patched));
const same = accuracy((x) => copy.predict(x) as tf.Tensor) === degraded;
console.log(`reloaded chip gives the same accuracy: ${same}`);
if (!same || digital < 0.9) process.exit(1);
