// Passive (wire-resistance) read-out of the whole CIFAR-10 VGG-style Net of MemTorch's 1.1.0 tutorial (the net of
// layers.bench.ts): patch, then the set-up (every tile's transfer matrix, built when the passive read-out is set), then the
// forward, on 1 thread and on every core. Issue 14 targets: set-up < 60 s on 2 cores, forward within 2× of tiled
// mode, peak memory < 4 GB. Times are wall seconds plus process CPU seconds (the machine may be shared).
// Run: node --expose-gc --import tsx packages/layers/bench/passive-vgg.bench.ts
import { loadavg } from 'node:os';
import { reportFigure, rssMegabytes, timeMedian } from '@memsim/core/testing';
import { defaultThreads } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import * as tf from '@tensorflow/tfjs';
import { initBackend, patchModel } from '../src/index';
import { vggNet } from './tutorial-vgg';

const cpuSeconds = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;

async function main(): Promise<void> {
  await initBackend();
  const cores = defaultThreads();
  console.log(`machine load ${loadavg().map((l) => l.toFixed(2))} (1/5/15-min averages), ${cores} core(s)`);
  const net = vggNet();
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);
  const check = (y: tf.Tensor) => {
    const d = y.dataSync();
    if (!d.every(Number.isFinite)) throw new Error('non-finite output');
    y.dispose();
  };
  let peak = rssMegabytes();
  const threadCounts = process.env.PASSIVE_VGG_THREADS
    ? process.env.PASSIVE_VGG_THREADS.split(',').map(Number)
    : [...new Set([1, cores])];
  for (const threads of threadCounts) {
    // A fresh patch per thread count (tiled read-out: no transfer matrix yet), then the switch to the passive
    // read-out: setReadout validates it with one read, which builds every tile's transfer matrix (the set-up).
    const patched = await patchModel(net, {
      model: VTEAM,
      scheme: 'double-column',
      tileShape: [128, 128],
      mode: 'tiled',
      maxInputVoltage: 1,
      threads,
    });
    const tiles = patched.summary().reduce((s, l) => s + l.devices, 0) / (128 * 128);
    const tiled = timeMedian(() => check(patched.predict(x, { batchSize: 16 }) as tf.Tensor), {
      minTimeMs: 0,
      minIterations: 3,
    });
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    patched.setReadout({ mode: 'passive', sourceResistance: 1, lineResistance: 1, threads });
    const setup = (performance.now() - t0) / 1000;
    const setupCpu = cpuSeconds(process.cpuUsage(c0));
    check(patched.predict(x, { batchSize: 16 }) as tf.Tensor);
    peak = Math.max(peak, rssMegabytes());
    const c1 = process.cpuUsage();
    const forward = timeMedian(() => check(patched.predict(x, { batchSize: 16 }) as tf.Tensor), {
      minTimeMs: 0,
      minIterations: 3,
    });
    const forwardCpu = cpuSeconds(process.cpuUsage(c1)) / 3;
    peak = Math.max(peak, rssMegabytes());
    const load = loadavg()[0]!.toFixed(2);
    reportFigure({
      name: `layers::passive-vgg-setup-threads-${threads}`,
      value: setup,
      unit: 's',
      target: '< 60 (2 cores)',
      reference: `${tiles.toFixed(0)} tiles of 128×128, load ${load}`,
    });
    reportFigure({ name: `layers::passive-vgg-setup-threads-${threads}-cpu`, value: setupCpu, unit: 'cpu-s' });
    reportFigure({
      name: `layers::passive-vgg-setup-per-tile-threads-${threads}`,
      value: (setup / tiles) * 1e3,
      unit: 'ms',
    });
    reportFigure({ name: `layers::forward-16-passive-vgg-threads-${threads}`, value: forward, unit: 's' });
    reportFigure({ name: `layers::forward-16-passive-vgg-threads-${threads}-cpu`, value: forwardCpu, unit: 'cpu-s' });
    reportFigure({
      name: `layers::forward-16-passive-vs-tiled-threads-${threads}`,
      value: forward / tiled,
      unit: '×',
      target: '≤ 2',
    });
  }
  reportFigure({ name: 'layers::passive-vgg-peak-rss', value: peak, unit: 'MB', target: '< 4096' });
}

await main();
