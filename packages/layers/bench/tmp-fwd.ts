import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '../src/index';
await initBackend();
const layers: tf.layers.Layer[] = [];
const block = (filters: number, first = false) => { layers.push(tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', ...(first ? { inputShape: [32, 32, 3] } : {}) })); layers.push(tf.layers.reLU()); };
block(128, true); block(128); layers.push(tf.layers.maxPooling2d({ poolSize: 2 })); block(256); block(256); layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
const net = tf.sequential({ layers });
const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);
const p = await patchModel(net, { model: VTEAM, scheme: 'double-column', tileShape: [128, 128], adc: { bits: 8 }, maxInputVoltage: 1, threads: 1 } as never);
for (let i = 0; i < 4; i++) { const c0 = process.cpuUsage(); const t = performance.now(); (p.predict(x, { batchSize: 16 }) as tf.Tensor).dataSync(); const c = process.cpuUsage(c0); console.log('fwd', ((performance.now() - t) / 1000).toFixed(3), 'cpu', ((c.user + c.system) / 1e6).toFixed(3)); }
