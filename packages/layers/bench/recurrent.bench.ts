// Benchmarks of the memristive LSTM and GRU: a forward of the ONNX fixture's LSTM shape (MNIST rows: batch 64,
// 28 steps × 28 features, 64 hidden units, sigmoid gates, Linear 64→10) against the digital tfjs layers on the same
// backend. Medians after a warm-up; the machine may be shared, so figures are noisy.
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '../src/index';

function recurrentNet(kind: 'lstm' | 'gru'): tf.LayersModel {
  const args = {
    units: 64,
    recurrentActivation: 'sigmoid' as const,
    inputShape: [28, 28],
    kernelInitializer: tf.initializers.randomNormal({ stddev: 0.15, seed: 1 }),
    recurrentInitializer: tf.initializers.randomNormal({ stddev: 0.15, seed: 2 }),
  };
  return tf.sequential({
    layers: [kind === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args), tf.layers.dense({ units: 10 })],
  });
}

function check(y: tf.Tensor): number {
  const d = y.dataSync();
  if (!d.every(Number.isFinite)) throw new Error('non-finite output');
  y.dispose();
  return d[0]!;
}

async function main(): Promise<void> {
  console.log(`backend: ${await initBackend()}`);
  const x = tf.randomUniform([64, 28, 28], 0, 1, 'float32', 3);
  const timing = { minTimeMs: 1000, minIterations: 5 };
  for (const kind of ['lstm', 'gru'] as const) {
    const net = recurrentNet(kind);
    const plain = timeMedian(() => check(net.predict(x, { batchSize: 64 }) as tf.Tensor), timing);
    reportFigure({ name: `layers::${kind}-forward-64x28-plain-tf`, value: plain * 1000, unit: 'ms' });
    const patched = await patchModel(net, { model: VTEAM });
    const ideal = timeMedian(() => check(patched.predict(x, { batchSize: 64 }) as tf.Tensor), timing);
    reportFigure({ name: `layers::${kind}-forward-64x28-ideal`, value: ideal * 1000, unit: 'ms' });
    reportFigure({
      name: `layers::${kind}-forward-64x28-ideal-vs-plain`,
      value: ideal / plain,
      unit: '×',
      target: '< 3',
      reference: 'no memristive LSTM/GRU (issue #93)',
    });
    patched.setReadout({ mode: 'tiled', tileShape: [128, 128], adc: { bits: 8 }, maxInputVoltage: 1 });
    const tiled = timeMedian(() => check(patched.predict(x, { batchSize: 64 }) as tf.Tensor), timing);
    reportFigure({ name: `layers::${kind}-forward-64x28-tiled128-adc8`, value: tiled * 1000, unit: 'ms' });
    reportFigure({ name: `layers::${kind}-forward-64x28-tiled128-adc8-vs-plain`, value: tiled / plain, unit: '×' });
    patched.dispose();
    net.dispose();
  }
}

await main();
