// Whole-network forward benchmarks of issue 14 beside the tutorial VGG (layers.bench.ts): a CIFAR ResNet-20 (He et
// al.: 3 stages × 3 basic blocks, 16-32-64 channels, 1×1 projection shortcuts) and a half-width VGG-style net
// (64-64-128-128-256-256 convs with BN/ReLU/max-pool, no wide FC layer: one dense 4096→10), both built in tfjs with
// seeded weights, batch 16 of 32×32×3. For each: plain tf, memsim digital, ideal and tiled 128×128 + 8-bit ADC on 1 and
// `defaultThreads()` threads, wall (median of 3 after a warm-up), process CPU time per forward and GFLOP/s. Tiled
// outputs on 1 and N threads are compared bit for bit. The machine may be shared: read the CPU time and load average.
import { loadavg } from 'node:os';
import { reportFigure, timeInterleaved, timeMedian } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { defaultThreads } from '@memsim/crossbar';
import { initBackend, patchModel } from '../src/index';

let seed = 100;
/** He-normal kernels, BN with unit variance and zero mean/offset, zero biases (seeded). */
function seedWeights(model: tf.LayersModel): void {
  for (const layer of model.layers)
    layer.setWeights(
      layer.getWeights().map((w, i) => {
        if (w.shape.length > 1) {
          const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
          return tf.randomNormal(w.shape, 0, Math.sqrt(2 / fanIn), 'float32', seed++);
        }
        const isVariance = layer.getClassName() === 'BatchNormalization' && i === 3;
        const isGamma = layer.getClassName() === 'BatchNormalization' && i === 0;
        return isVariance || isGamma ? tf.ones(w.shape) : tf.zeros(w.shape);
      }),
    );
}

function convBn(x: tf.SymbolicTensor, filters: number, kernelSize: number, strides: number): tf.SymbolicTensor {
  const c = tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false }).apply(x);
  return tf.layers.batchNormalization().apply(c) as tf.SymbolicTensor;
}

/** CIFAR ResNet-20 (0.27 M weights). */
function resnet20(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = tf.layers.reLU().apply(convBn(input, 16, 3, 1)) as tf.SymbolicTensor;
  for (const [stage, filters] of [16, 32, 64].entries())
    for (let block = 0; block < 3; block++) {
      const strides = stage > 0 && block === 0 ? 2 : 1;
      const y = tf.layers.reLU().apply(convBn(x, filters, 3, strides)) as tf.SymbolicTensor;
      const z = convBn(y, filters, 3, 1);
      const shortcut = strides === 1 ? x : convBn(x, filters, 1, strides);
      x = tf.layers.reLU().apply(tf.layers.add().apply([z, shortcut])) as tf.SymbolicTensor;
    }
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10 }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  seedWeights(model);
  return model;
}

/** Half-width VGG-style CIFAR net without wide FC layers (2.4 M weights). */
function vggHalf(): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  for (const [i, filters] of [64, 64, 128, 128, 256, 256].entries()) {
    layers.push(
      tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', ...(i === 0 ? { inputShape: [32, 32, 3] } : {}) }),
    );
    layers.push(tf.layers.batchNormalization());
    layers.push(tf.layers.reLU());
    if (i % 2 === 1) layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  layers.push(tf.layers.flatten());
  layers.push(tf.layers.dense({ units: 10 }));
  const model = tf.sequential({ layers });
  seedWeights(model);
  return model;
}

/** Multiply-adds × 2 of the conv and dense layers for a batch of 16. */
function forwardFlops(model: tf.LayersModel): number {
  let flops = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (cls !== 'Conv2D' && cls !== 'Dense') continue;
    const out = layer.outputShape as number[];
    const fanIn = layer
      .getWeights()[0]!
      .shape.slice(0, -1)
      .reduce((p, q) => p * q, 1);
    flops += 2 * 16 * out.slice(1).reduce((p, q) => p * q, 1) * fanIn;
  }
  return flops;
}

async function benchNetwork(name: string, net: tf.LayersModel, targets: { tiledVsPlain?: string }): Promise<void> {
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);
  const flops = forwardFlops(net);
  console.log(
    `${name}: ${(net.countParams() / 1e6).toFixed(2)} M weights, ${(flops / 1e9).toFixed(2)} GFLOP per batch of 16`,
  );
  const run = (m: { predict: (x: tf.Tensor, o: { batchSize: number }) => unknown }) => {
    const y = m.predict(x, { batchSize: 16 }) as tf.Tensor;
    const d = y.dataSync() as Float32Array;
    y.dispose();
    if (!d.every(Number.isFinite)) throw new Error(`${name}: non-finite output`);
    return d;
  };
  const measure = (m: Parameters<typeof run>[0]) => {
    run(m);
    const c0 = process.cpuUsage();
    const wall = timeMedian(() => run(m), { minTimeMs: 0, minIterations: 3 });
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1e6 / 4 };
  };
  const report = (label: string, r: { wall: number; cpu: number }, target?: string) => {
    reportFigure({ name: `layers::${name}-${label}`, value: r.wall, unit: 's', ...(target ? { target } : {}) });
    reportFigure({ name: `layers::${name}-${label}-cpu`, value: r.cpu, unit: 's CPU' });
    reportFigure({ name: `layers::${name}-${label}-gflops`, value: flops / r.wall / 1e9, unit: 'GFLOP/s' });
  };
  const plain = measure(net);
  report('plain-tf', plain);
  const patched = await patchModel(net, { model: VTEAM, tileShape: [128, 128], adc: { bits: 8 }, maxInputVoltage: 1 });
  patched.setLegacy(true);
  const digital = measure(patched);
  report('memsim-digital', digital);
  patched.setLegacy(false);
  const cores = defaultThreads();
  const tiledOut: Float32Array[] = [];
  const tiled: { wall: number; cpu: number }[] = [];
  const threadCounts = [...new Set([1, cores])];
  // 1 and N threads in interleaved rounds (timeInterleaved): the speed-up is a ratio, so drift must fall on both.
  const interleaved = (readout: (threads: number) => Parameters<typeof patched.setReadout>[0]) =>
    timeInterleaved(
      threadCounts.map((threads) => ({
        // The switch, then one untimed forward (steady state; see layers.bench.ts).
        prepare: () => {
          patched.setReadout(readout(threads));
          run(patched);
        },
        run: () => run(patched),
      })),
    );
  const ideals = interleaved((threads) => ({ mode: 'ideal', adc: undefined, threads }));
  const tileds = interleaved((threads) => ({ mode: 'tiled', adc: { bits: 8 }, threads }));
  threadCounts.forEach((threads, i) => {
    const ideal = ideals[i]!;
    report(`ideal-threads-${threads}`, ideal);
    reportFigure({
      name: `layers::${name}-ideal-threads-${threads}-vs-digital`,
      value: ideal.wall / digital.wall,
      unit: '×',
      target: '≤ 1.3',
    });
    const t = tileds[i]!;
    tiled.push(t);
    patched.setReadout({ mode: 'tiled', adc: { bits: 8 }, threads });
    tiledOut.push(run(patched));
    report(`tiled-adc8-threads-${threads}`, t);
    reportFigure({
      name: `layers::${name}-tiled-adc8-threads-${threads}-vs-plain`,
      value: t.wall / plain.wall,
      unit: '×',
      ...(threads === 1 && targets.tiledVsPlain ? { target: targets.tiledVsPlain } : {}),
    });
  });
  if (tiled.length === 2) {
    reportFigure({
      name: `layers::${name}-tiled-adc8-speedup-${cores}-threads`,
      value: tiled[0]!.wall / tiled[1]!.wall,
      unit: '×',
      target: '≥ 1.5 (idle machine)',
    });
    const same = tiledOut[0]!.every((v, i) => Object.is(v, tiledOut[1]![i]));
    if (!same) throw new Error(`${name}: tiled outputs differ between 1 and ${cores} threads`);
    console.log(`${name}: tiled outputs on 1 and ${cores} threads bit-identical`);
  }
  x.dispose();
}

/**
 * Wire resistance (issue 14: source 1 Ω, line 1 Ω, 128×128 tiles): the passive read-out of `net`, its set-up (every
 * tile's transfer matrix, built by setReadout) timed apart from the forward, per image, on 1 and N threads; the
 * outputs on 1 and N threads are compared bit for bit.
 */
async function benchPassive(name: string, net: tf.LayersModel): Promise<void> {
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);
  const cores = defaultThreads();
  const outs: Float32Array[] = [];
  const perImage: number[] = [];
  for (const threads of [...new Set([1, cores])]) {
    const patched = await patchModel(net, { model: VTEAM, tileShape: [128, 128], mode: 'tiled', maxInputVoltage: 1 });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    patched.setReadout({ mode: 'passive', sourceResistance: 1, lineResistance: 1, threads });
    const setup = (performance.now() - t0) / 1000;
    const setupCpu = process.cpuUsage(c0);
    const run = () => {
      const y = patched.predict(x, { batchSize: 16 }) as tf.Tensor;
      const d = y.dataSync() as Float32Array;
      y.dispose();
      if (!d.every(Number.isFinite)) throw new Error(`${name}: non-finite passive output`);
      return d;
    };
    outs.push(run());
    const c1 = process.cpuUsage();
    const wall = timeMedian(run, { minTimeMs: 0, minIterations: 3 });
    const c = process.cpuUsage(c1);
    const load = loadavg()[0]!.toFixed(2);
    reportFigure({
      name: `layers::${name}-passive-setup-threads-${threads}`,
      value: setup,
      unit: 's',
      reference: `load ${load}`,
    });
    reportFigure({
      name: `layers::${name}-passive-setup-threads-${threads}-cpu`,
      value: (setupCpu.user + setupCpu.system) / 1e6,
      unit: 's CPU',
    });
    perImage.push((wall / 16) * 1e3);
    reportFigure({
      name: `layers::${name}-passive-ms-per-image-threads-${threads}`,
      value: (wall / 16) * 1e3,
      unit: 'ms',
      target: '< 20',
      reference: `batch 16, load ${load}`,
    });
    reportFigure({
      name: `layers::${name}-passive-ms-per-image-threads-${threads}-cpu`,
      value: ((c.user + c.system) / 1e6 / 4 / 16) * 1e3,
      unit: 'ms CPU',
    });
  }
  if (outs.length === 2) {
    if (!outs[0]!.every((v, i) => Object.is(v, outs[1]![i])))
      throw new Error(`${name}: passive outputs differ between 1 and ${cores} threads`);
    console.log(`${name}: passive outputs on 1 and ${cores} threads bit-identical`);
  }
  x.dispose();
}

async function main(): Promise<void> {
  console.log(
    `backend: ${await initBackend()}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // NETWORKS_PASSIVE_ONLY=1 runs only the wire-resistance case (the others take minutes on a loaded machine).
  if (process.env.NETWORKS_PASSIVE_ONLY === undefined) {
    await benchNetwork('resnet20', resnet20(), {});
    await benchNetwork('vgg-half', vggHalf(), { tiledVsPlain: '≤ 3' });
  }
  await benchPassive('resnet20', resnet20());
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
