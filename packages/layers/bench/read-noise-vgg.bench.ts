// Read-noise overhead on the tutorial VGG (issue 17 target: "read noise on an 8 M-device model adds < 30 % to a tiled
// forward"), batch 16, tiled 128×128 + 8-bit ADC, one thread: each noise case through the implicit GEMM (`engine.conv`,
// read noise inside its tile loop) and through the im2col path (the engines without `conv`: how every noisy forward
// ran before branch convnoise), against the clean forward through the implicit GEMM. Process CPU time is the figure
// (the machine may be shared); each timed forward follows one of its own kind after a collection (as
// nonideality/bench/noise.bench.ts), rounds interleave the three kinds, medians of the per-round ratios.
import { reportFigure } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import type { ReadNoiseConfig } from '@memsim/nonideality';
import * as tf from '@tensorflow/tfjs';
import { MemristiveLayer, initBackend, patchModel } from '../src/index';
import type { CrossbarEngine, MemristiveModel } from '../src/index';
import { vggNet } from './tutorial-vgg';

const ROUNDS = 7;

/** Process CPU time [s] of one call. */
function cpu(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** Collects garbage when run with --expose-gc (one forward's garbage is not charged to the next). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** CPU time of the second of two back-to-back calls, after a collection. */
function settled(fn: () => unknown): number {
  collect();
  fn();
  return cpu(fn);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The memristive layers of a patched model and their installed engines. */
function engines(m: MemristiveModel): Map<MemristiveLayer, CrossbarEngine[]> {
  const out = new Map<MemristiveLayer, CrossbarEngine[]>();
  for (const layer of m.model.layers)
    if (MemristiveLayer.isMemristiveLayer(layer) && layer.hasEngines)
      out.set(
        layer,
        Array.from({ length: layer.crossbarSetCount }, (_, i) => layer.engine(i)!),
      );
  return out;
}

/** The same engines without the conv fast path (the layers unfold and call the engine). */
function withoutConv(set: Map<MemristiveLayer, CrossbarEngine[]>): Map<MemristiveLayer, CrossbarEngine[]> {
  return new Map(
    [...set].map(([layer, list]) => [layer, list.map((e) => (x: Float32Array, b: number, s?: number) => e(x, b, s))]),
  );
}

function install(set: Map<MemristiveLayer, CrossbarEngine[]>): void {
  for (const [layer, list] of set) layer.setEngines(list);
}

async function main(): Promise<void> {
  console.log(`backend: ${await initBackend()}`);
  const patched = await patchModel(vggNet(), {
    model: VTEAM,
    scheme: 'double-column',
    tileShape: [128, 128],
    adc: { bits: 8 },
    maxInputVoltage: 1,
    seed: 1,
    threads: 1,
  });
  const devices = patched.summary().reduce((s, l) => s + l.devices, 0);
  reportFigure({ name: 'layers::read-noise-vgg-devices', value: devices / 1e6, unit: 'M devices' });
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 7);
  const forward = () => {
    const y = patched.predict(x, { batchSize: 16 }) as tf.Tensor;
    const d = y.dataSync();
    if (!d.every(Number.isFinite)) throw new Error('non-finite output');
    y.dispose();
  };
  const clean = engines(patched);
  const cases: [string, ReadNoiseConfig][] = [
    ['additive-per-vector', { model: 'gaussian', additive: 1e-5 }],
    ['pcm-1/f-per-vector', { model: 'pcm' }],
    ['additive-per-call', { model: 'gaussian', additive: 1e-5, draw: 'call' }],
    ['pcm-1/f-per-call', { model: 'pcm', draw: 'call' }],
  ];
  const cleanTimes: number[] = [];
  for (const [name, readNoise] of cases) {
    patched.setReadout({ readNoise });
    const conv = engines(patched);
    const unfold = withoutConv(conv);
    // First forwards outside the timed region (σ arrays, scratch, wasm memory growth).
    install(conv);
    forward();
    install(unfold);
    forward();
    const after: number[] = [];
    const before: number[] = [];
    const t = { clean: [] as number[], conv: [] as number[], unfold: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      install(clean);
      const c = settled(forward);
      install(conv);
      const a = settled(forward);
      install(unfold);
      const b = settled(forward);
      t.clean.push(c);
      t.conv.push(a);
      t.unfold.push(b);
      after.push(a / c);
      before.push(b / c);
      console.error(`${name} round ${r}: clean ${c.toFixed(3)} conv ${a.toFixed(3)} unfold ${b.toFixed(3)} s CPU`);
    }
    cleanTimes.push(...t.clean);
    reportFigure({ name: `layers::read-noise-vgg-${name}-conv-cpu`, value: median(t.conv), unit: 's CPU' });
    reportFigure({ name: `layers::read-noise-vgg-${name}-unfold-cpu`, value: median(t.unfold), unit: 's CPU' });
    reportFigure({
      name: `layers::read-noise-vgg-${name}-overhead`,
      value: 100 * (median(after) - 1),
      unit: '% of the tiled forward',
      target: '< 30',
    });
    reportFigure({
      name: `layers::read-noise-vgg-${name}-overhead-im2col`,
      value: 100 * (median(before) - 1),
      unit: '% of the tiled forward (before: im2col path)',
    });
  }
  reportFigure({ name: 'layers::read-noise-vgg-clean-tiled-cpu', value: median(cleanTimes), unit: 's CPU' });
  patched.setReadout({ readNoise: undefined });
  install(clean);
  tf.dispose(x);
}

await main();
