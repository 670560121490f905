// Benchmarks of @memsim/layers: patching the CIFAR-10 VGG-style Net of MemTorch's 1.1.0 tutorial and its forward.
// Forward times are medians of 3 runs after a warm-up (timeMedian); the machine may be shared, so figures read low.
import { rssMegabytes, reportFigure, timeInterleaved, timeMedian } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { defaultThreads } from '@memsim/crossbar';
import { initBackend, patchModel } from '../src/index';
import { vggNet } from './tutorial-vgg';

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
  // Fresh memory (minor page faults × 4 KiB) and CPU time of the patch: on the sandboxed development VM a first
  // touch of a page costs ≈ 3 ms per MB, so the patch time follows the fresh memory, not the code path (the
  // 1.6 s → 7.7 s "regression" of 2026-12 was this: commit 568e8bc, which recorded 1.6 s, takes as long here).
  const faults0 = process.resourceUsage().minorPageFault;
  const cpu0 = process.cpuUsage();
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
  const patchCpu = process.cpuUsage(cpu0);
  const patchFreshMb = ((process.resourceUsage().minorPageFault - faults0) * 4096) / 2 ** 20;
  const devices = patched.summary().reduce((s, l) => s + l.devices, 0);
  reportFigure({
    name: 'layers::patch-vgg-net',
    value: patchSeconds,
    unit: 's',
    target: '< 10',
    reference: '≈ 730 s (estimated; > 381 s measured, 16 threads)',
  });
  reportFigure({ name: 'layers::patch-vgg-net-cpu', value: (patchCpu.user + patchCpu.system) / 1e6, unit: 's CPU' });
  reportFigure({ name: 'layers::patch-vgg-net-fresh-memory', value: patchFreshMb, unit: 'MB' });
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
  /** Median wall time of 3 forwards after a warm-up, and the process CPU time per forward (machine may be shared). */
  const measure = (fn: () => void): { wall: number; cpu: number } => {
    fn();
    const c0 = process.cpuUsage();
    const wall = timeMedian(fn, { minTimeMs: 0, minIterations: 3 });
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1e6 / 4 }; // timeMedian ran 1 + 3 forwards
  };
  const forward = (m: { predict: (x: tf.Tensor, o: { batchSize: number }) => unknown }) => () =>
    check(m.predict(x, { batchSize: 16 }) as tf.Tensor);
  // Multiply-adds of the forward: 2 · Σ (output positions · kernel volume · filters) over the conv and dense layers.
  let flops = 0;
  for (const layer of net.layers) {
    const shape = layer.outputShape as number[];
    const cls = layer.getClassName();
    if (cls === 'Conv2D' || cls === 'Dense') {
      const kernel = layer.getWeights()[0]!.shape;
      const fanIn = kernel.slice(0, -1).reduce((p, q) => p * q, 1);
      flops += 2 * 16 * shape.slice(1).reduce((p, q) => p * q, 1) * fanIn;
    }
  }
  console.log(`forward: ${(flops / 1e9).toFixed(1)} GFLOP per batch of 16`);
  const report = (
    name: string,
    r: { wall: number; cpu: number },
    extra: Partial<Parameters<typeof reportFigure>[0]> = {},
  ) => {
    reportFigure({ name, value: r.wall, unit: 's', ...extra });
    reportFigure({ name: `${name}-cpu`, value: r.cpu, unit: 's CPU' });
    reportFigure({ name: `${name}-gflops`, value: flops / r.wall / 1e9, unit: 'GFLOP/s' });
  };

  // Plain tf forward on the same backend.
  progress('plain');
  const plain = measure(forward(net));
  report('layers::forward-16-plain-tf', plain, { reference: '0.0877 s (torch, 2 threads)' });

  // memsim digital: the patched model's digital reference forward (tfjs conv/dense ops).
  patched.setLegacy(true);
  progress('digital');
  const digital = measure(forward(patched));
  report('layers::forward-16-memsim-digital', digital);
  patched.setLegacy(false);

  const cores = defaultThreads();
  const results: Record<string, { wall: number; cpu: number }> = {};
  // 1 and N threads timed in interleaved rounds (timeInterleaved): the speed-up is a ratio of two runs, so the
  // machine's drift must fall on both.
  const threadCounts = [...new Set([1, cores])];
  for (const mode of ['tiled', 'ideal'] as const) {
    progress(`${mode}, ${threadCounts.join(' and ')} thread(s) interleaved`);
    const runs = timeInterleaved(
      threadCounts.map((threads) => ({
        // The switch, then one untimed forward: the timed one is the steady state of that thread count (the first
        // forward after a switch also pays the other memory's first touch, ≈ 0.1 s on this VM; a study runs
        // thousands of forwards on one setting).
        prepare: () => {
          patched.setReadout(
            mode === 'tiled'
              ? { mode: 'tiled', adc: { bits: 8 }, threads }
              : { mode: 'ideal', adc: undefined, threads },
          );
          forward(patched)();
        },
        run: forward(patched),
      })),
    );
    threadCounts.forEach((threads, i) => {
      const r = runs[i]!;
      results[`${mode}-${threads}`] = r;
      const label = mode === 'tiled' ? 'tiled-adc8' : 'ideal';
      report(
        `layers::forward-16-${label}-threads-${threads}`,
        r,
        mode === 'tiled'
          ? { target: threads === 1 ? '≤ 0.5 s' : undefined, reference: '≈ 22 s (convs 21.7 s + fcs)' }
          : {},
      );
      reportFigure({
        name: `layers::forward-16-${label}-threads-${threads}-vs-digital`,
        value: r.wall / digital.wall,
        unit: '×',
        target: mode === 'tiled' ? '≤ 2' : '≤ 1.3',
      });
    });
  }
  if (cores > 1) {
    reportFigure({
      name: `layers::forward-16-tiled-adc8-speedup-${cores}-threads`,
      value: results['tiled-1']!.wall / results[`tiled-${cores}`]!.wall,
      unit: '×',
      target: '≥ 1.7 (idle 2-core machine)',
    });
    reportFigure({
      name: `layers::forward-16-ideal-speedup-${cores}-threads`,
      value: results['ideal-1']!.wall / results[`ideal-${cores}`]!.wall,
      unit: '×',
    });
  }

  // Passive read-out (source and line resistance, a nodal solve per tile and input vector) is far heavier than a
  // GEMM: a conv layer needs one solve per output position. Time it on the classifier head (fc 1024→1024→10).
  progress('passive (classifier head)');
  const head = tf.sequential({
    layers: [tf.layers.dense({ units: 1024, activation: 'relu', inputShape: [1024] }), tf.layers.dense({ units: 10 })],
  });
  head.layers[0]!.setWeights(net.layers[net.layers.length - 2]!.getWeights());
  head.layers[1]!.setWeights(net.layers[net.layers.length - 1]!.getWeights());
  const setup0 = performance.now();
  const headPatched = await patchModel(head, {
    model: VTEAM,
    tileShape: [128, 128],
    mode: 'passive',
    sourceResistance: 5,
    lineResistance: 1,
    maxInputVoltage: 1,
  });
  const h = tf.randomUniform([16, 1024], 0, 1, 'float32', 8);
  // The first forward builds every tile's transfer matrix (the passive set-up); later ones are GEMMs.
  check(headPatched.predict(h, { batchSize: 16 }) as tf.Tensor);
  reportFigure({
    name: 'layers::passive-fc-head-setup',
    value: (performance.now() - setup0) / 1000,
    unit: 's',
    reference: 'patch + transfer matrices of fc 1024→1024→10, 128×128 tiles',
  });
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
