// A recurrent network on crossbars: an LSTM classifier over 28 steps (PyTorch's sigmoid gates, as an imported
// nn.LSTM) → patchModel (input and recurrent kernels on VTEAM crossbars, gates digital) → ideal, then 64×64 tiles with
// an 8-bit ADC, then stuck devices → save and reload the chip. Weights are seeded (no training): the example compares
// the memristive outputs and classes with the digital ones.
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, loadChip, patchModel, saveChip } from '@memsim/layers';

await initBackend();

const init = (seed: number) => tf.initializers.randomNormal({ stddev: 0.2, seed });
const model = tf.sequential({
  layers: [
    tf.layers.lstm({
      units: 32,
      recurrentActivation: 'sigmoid',
      inputShape: [28, 16],
      kernelInitializer: init(1),
      recurrentInitializer: init(2),
    }),
    tf.layers.dense({ units: 10, kernelInitializer: init(3) }),
  ],
});
const x = tf.randomUniform([64, 28, 16], 0, 1, 'float32', 4);
const digital = model.predict(x) as tf.Tensor;
const classes = digital.argMax(-1).dataSync();

function compare(label: string, y: tf.Tensor): number {
  const error = tf.tidy(
    () => tf.max(tf.abs(tf.sub(y, digital))).dataSync()[0]! / tf.max(tf.abs(digital)).dataSync()[0]!,
  );
  const predicted = y.argMax(-1).dataSync();
  const same = predicted.filter((c, i) => c === classes[i]).length;
  console.log(`${label.padEnd(34)} max error ${(100 * error).toFixed(3)} % of max |y|, same class ${same}/64`);
  return error;
}

const ideal = await patchModel(model, { device: { model: VTEAM } });
ideal.tune();
for (const s of ideal.summary())
  console.log(`${s.layer}: ${s.className}, ${s.sets} crossbar sets, ${s.devices} devices`);
const idealError = compare('ideal read-out (tuned)', ideal.predict(x) as tf.Tensor);

const chip = await patchModel(model, {
  device: { model: VTEAM },
  mapping: { tileShape: [64, 64] },
  readout: { adc: { bits: 8 }, maxInputVoltage: 1 },
});
chip.tune();
compare('64×64 tiles, 8-bit ADC (tuned)', chip.predict(x) as tf.Tensor);
chip.applyNonidealities([
  { kind: 'deviceFaults', lrsProportion: 0.02, hrsProportion: 0.02, electroformProportion: 0, seed: 5 },
]);
const degraded = chip.predict(x) as tf.Tensor;
compare('… and 4 % stuck devices', degraded);

const copy = await loadChip(await saveChip(chip));
const same = Array.from((copy.predict(x) as tf.Tensor).dataSync()).every((v, i) => v === degraded.dataSync()[i]);
console.log(`reloaded chip gives bit-identical outputs: ${same}`);
if (!same || idealError > 1e-4) process.exit(1);
