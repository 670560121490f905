import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '../src/index';
await initBackend();
const input = tf.input({ shape: [32, 32, 16] });
let x: tf.SymbolicTensor = input;
for (let i = 0; i < 6; i++) x = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
const net = tf.model({ inputs: input, outputs: x });
const p = await patchModel(net, { model: VTEAM, tileShape: [128, 128], maxInputVoltage: 1, threads: 1 } as never);
const xs = tf.randomUniform([16, 32, 32, 16], 0, 1, 'float32', 7);
for (const mode of ['ideal', 'tiled', 'ideal', 'tiled']) {
  p.setReadout({ mode, threads: 1 } as never);
  (p.predict(xs) as tf.Tensor).dataSync();
  const c0 = process.cpuUsage(); for (let i = 0; i < 5; i++) (p.predict(xs) as tf.Tensor).dataSync(); const c = process.cpuUsage(c0);
  console.log(mode, ((c.user + c.system) / 5e6).toFixed(3), 's CPU per fwd');
}
