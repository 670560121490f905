// Benchmarks of @memsim/layers: patching the CIFAR-10 VGG-style Net of MemTorch's 1.1.0 tutorial and its forward.
// Forward times are medians of 3 runs after a warm-up (timeMedian); the machine may be shared, so figures read low.
import { rssMegabytes, reportFigure, timeMedian } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '../src/index';

/** MemTorch's tutorial Net: six 3×3 convs (128-128-256-256-512-512) with BN/ReLU/max-pool, fc 8192→1024→1024→10. */
function vggNet(): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  const block = (filters: number, first = false) => {
    layers.push(
      tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', ...(first ? { inputShape: [32, 32, 3] } : {}) }),
    );
    layers.push(tf.layers.batchNormalization());
    layers.push(tf.layers.reLU());
  };
  block(128, true);
  block(128);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(256);
  block(256);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(512);
  block(512);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  layers.push(tf.layers.flatten());
  layers.push(tf.layers.dense({ units: 1024, activation: 'relu' }));
  layers.push(tf.layers.dense({ units: 1024, activation: 'relu' }));
  layers.push(tf.layers.dense({ units: 10 }));
  const model = tf.sequential({ layers });
  // Seeded random weights (He-like scale so activations stay O(1)).
  let seed = 1;
  for (const layer of model.layers)
    layer.setWeights(
      layer.getWeights().map((w) => {
        const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
        const isVariance = w.shape.length === 1 && layer.getClassName() === 'BatchNormalization';
        return w.shape.length === 1
          ? isVariance
            ? tf.ones(w.shape)
            : tf.zeros(w.shape)
          : tf.randomNormal(w.shape, 0, Math.sqrt(2 / fanIn), 'float32', seed++);
      }),
    );
  return model;
}

function time<T>(fn: () => T): { seconds: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { seconds: (performance.now() - t0) / 1000, value };
}

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(`backend: ${backend}`);
  const net = vggNet();
  const weights = net.countParams();
  console.log(`Net: ${(weights / 1e6).toFixed(2)} M parameters`);
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);

  const rssBefore = rssMegabytes();
  const t0 = performance.now();
  const patched = await patchModel(net, {
    model: VTEAM,
    scheme: 'double-column',
    tileShape: [128, 128],
    adc: { bits: 8 },
    maxInputVoltage: 1,
    verbose: (m) => console.error(m),
  });
  const patchSeconds = (performance.now() - t0) / 1000;
  const devices = patched.summary().reduce((s, l) => s + l.devices, 0);
  reportFigure({
    name: 'layers::patch-vgg-net',
    value: patchSeconds,
    unit: 's',
    target: '< 10',
    reference: '≈ 730 s (estimated; > 381 s measured, 16 threads)',
  });
  reportFigure({ name: 'layers::patch-vgg-net-devices', value: devices / 1e6, unit: 'M devices' });
  reportFigure({
    name: 'layers::patch-vgg-net-rss',
    value: rssMegabytes(),
    unit: 'MB',
    target: '< 4096',
    reference: 'tens of GB (ResNet-18)',
  });
  console.log(`rss before patching ${rssBefore.toFixed(0)} MB`);

  const progress = (m: string) => console.error(`${((performance.now() - t0) / 1000).toFixed(1)} s: ${m}`);
  const check = (y: tf.Tensor) => {
    const d = y.dataSync();
    if (!d.every(Number.isFinite)) throw new Error('non-finite output');
    y.dispose();
  };
  // Plain tf forward on the same backend (warm-up first).
  progress('plain warm-up');
  const plain = timeMedian(() => check(net.predict(x, { batchSize: 16 }) as tf.Tensor), {
    minTimeMs: 0,
    minIterations: 3,
  });
  reportFigure({
    name: 'layers::forward-16-plain-tf',
    value: plain,
    unit: 's',
    reference: '0.0877 s (torch, 2 threads)',
  });

  progress('tiled warm-up');
  const tiled = timeMedian(() => check(patched.predict(x, { batchSize: 16 }) as tf.Tensor), {
    minTimeMs: 0,
    minIterations: 3,
  });
  reportFigure({
    name: 'layers::forward-16-tiled-adc8',
    value: tiled,
    unit: 's',
    target: `< 4× plain (${(4 * plain).toFixed(2)} s)`,
    reference: '≈ 22 s (convs 21.7 s + fcs)',
  });
  reportFigure({ name: 'layers::forward-16-tiled-adc8-vs-plain', value: tiled / plain, unit: '×', target: '< 4' });

  // Untiled 8-bit ADC: one range per image for every conv layer (MemTorch's per-sample rule), inside one engine call.
  patched.setReadout({ mode: 'ideal' });
  progress('ideal + ADC warm-up');
  const idealAdc = timeMedian(() => check(patched.predict(x, { batchSize: 16 }) as tf.Tensor), {
    minTimeMs: 0,
    minIterations: 3,
  });
  reportFigure({ name: 'layers::forward-16-ideal-adc8-per-image', value: idealAdc, unit: 's' });
  reportFigure({
    name: 'layers::forward-16-ideal-adc8-per-image-vs-plain',
    value: idealAdc / plain,
    unit: '×',
    target: '< 4',
  });

  patched.setReadout({ mode: 'ideal', adc: undefined });
  progress('ideal warm-up');
  const ideal = timeMedian(() => check(patched.predict(x, { batchSize: 16 }) as tf.Tensor), {
    minTimeMs: 0,
    minIterations: 3,
  });
  reportFigure({ name: 'layers::forward-16-ideal', value: ideal, unit: 's' });
  reportFigure({ name: 'layers::forward-16-ideal-vs-plain', value: ideal / plain, unit: '×', target: '< 4' });

  // Passive read-out (source and line resistance, a nodal solve per tile and input vector) is far heavier than a
  // GEMM: a conv layer needs one solve per output position. Time it on the classifier head (fc 1024→1024→10).
  progress('passive (classifier head)');
  const head = tf.sequential({
    layers: [tf.layers.dense({ units: 1024, activation: 'relu', inputShape: [1024] }), tf.layers.dense({ units: 10 })],
  });
  head.layers[0]!.setWeights(net.layers[net.layers.length - 2]!.getWeights());
  head.layers[1]!.setWeights(net.layers[net.layers.length - 1]!.getWeights());
  const headPatched = await patchModel(head, {
    model: VTEAM,
    tileShape: [128, 128],
    mode: 'passive',
    sourceResistance: 5,
    lineResistance: 1,
    maxInputVoltage: 1,
  });
  const h = tf.randomUniform([16, 1024], 0, 1, 'float32', 8);
  check(headPatched.predict(h, { batchSize: 16 }) as tf.Tensor);
  const passive = time(() => check(headPatched.predict(h, { batchSize: 16 }) as tf.Tensor)).seconds;
  check(head.predict(h, { batchSize: 16 }) as tf.Tensor);
  const headPlain = time(() => check(head.predict(h, { batchSize: 16 }) as tf.Tensor)).seconds;
  reportFigure({
    name: 'layers::forward-16-passive-fc-head',
    value: passive,
    unit: 's',
    reference: 'n/a (same head plain tf: ' + headPlain.toExponential(2) + ' s)',
  });
  reportFigure({ name: 'layers::peak-rss', value: rssMegabytes(), unit: 'MB', target: '< 4096' });
}

await main();
