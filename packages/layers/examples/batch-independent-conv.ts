// A study-ready read-out: a small CNN on VTEAM crossbars with an untiled 6-bit ADC and inputs encoded per image, in
// MemTorch's crossbar row order. Each image's output is the same whether it is predicted alone or inside a batch.
import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '@memsim/layers';
import type { MemristiveConvBase } from '@memsim/layers';

await initBackend();

const rng = createRng(1);
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2] }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 3 }),
  ],
});
// Seeded weights (tfjs initialisers are not seedable).
for (const layer of model.layers)
  layer.setWeights(
    layer.getWeights().map((w) => tf.tensor(rng.fillNormal(new Float32Array(w.size), 0, 0.4) as Float32Array, w.shape)),
  );

const patched = await patchModel(model, {
  device: { model: VTEAM },
  mapping: { rowOrder: 'channels-first' }, // MemTorch's (c, kh, kw) crossbar rows (the default)
  readout: {
    adc: { bits: 6 },
    maxInputVoltage: 0.5,
    inputEncoding: 'sample', // one input scale per image
    adcRange: 'sample', // one untiled ADC range per image (the conv's default; Dense needs it said)
  },
});
console.log(`conv rows: ${(patched.layers[0] as MemristiveConvBase).rowOrder}`);

// Four images of very different brightness: a batch-wide range would be set by the brightest one.
const images = rng.fillUniform(new Float32Array(4 * 128), 0, 1) as Float32Array;
for (let i = 0; i < 4; i++) for (let k = 0; k < 128; k++) images[i * 128 + k]! *= [1, 9, 0.1, 3][i]!;
const batch = (patched.predict(tf.tensor(images, [4, 8, 8, 2]), { batchSize: 4 }) as tf.Tensor).dataSync();
let same = true;
for (let i = 0; i < 4; i++) {
  const alone = (
    patched.predict(tf.tensor(images.slice(i * 128, (i + 1) * 128), [1, 8, 8, 2])) as tf.Tensor
  ).dataSync();
  for (let k = 0; k < 3; k++) same &&= alone[k] === batch[i * 3 + k];
}
console.log(`each image alone gives exactly its output in the batch: ${same}`);
if (!same) process.exit(1);
