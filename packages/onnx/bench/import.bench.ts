// Benchmarks of @memsim/onnx: importing the VGG-16 (channels ÷ 4) fixture exported from PyTorch, and a full-width
// VGG-16 for CIFAR-10 (14.7 M parameters) built here with onnx-proto. Times are medians of a few runs on a shared
// 2-core machine (noisy); peak RSS is the process maximum (it includes building the 59 MB model bytes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createRng } from '@memsim/core';
import { reportFigure } from '@memsim/core/testing';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { importOnnx } from '../src/index';
import { buildModel, type InitializerSpec, int, ints, type NodeSpec } from '../test/onnx-builder';

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
await tf.setBackend('wasm');

/** VGG-16 "D" for 32×32 inputs: 13 3×3 convs (64…512) with ReLU and 5 max-pools, then Linear(512 → 10). */
function vgg16(): Uint8Array {
  const rng = createRng(7);
  const plan = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
  const nodes: NodeSpec[] = [];
  const initializers: InitializerSpec[] = [];
  let x = 'input';
  let channels = 3;
  let k = 0;
  const random = (n: number, scale: number) => rng.fillUniform(new Float32Array(n), -scale, scale) as Float32Array;
  for (const step of plan) {
    k++;
    if (step === 'M') {
      nodes.push({
        op: 'MaxPool',
        inputs: [x],
        outputs: [`p${k}`],
        attributes: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) },
      });
      x = `p${k}`;
      continue;
    }
    const scale = Math.sqrt(6 / (9 * channels));
    initializers.push({ name: `w${k}`, dims: [step, channels, 3, 3], data: random(step * channels * 9, scale) });
    initializers.push({ name: `b${k}`, dims: [step], data: random(step, 0.01) });
    nodes.push({
      op: 'Conv',
      inputs: [x, `w${k}`, `b${k}`],
      outputs: [`c${k}`],
      attributes: { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]), group: int(1) },
    });
    nodes.push({ op: 'Relu', inputs: [`c${k}`], outputs: [`r${k}`] });
    x = `r${k}`;
    channels = step;
  }
  nodes.push({ op: 'Flatten', inputs: [x], outputs: ['flat'] });
  initializers.push({ name: 'fc.weight', dims: [10, 512], data: random(5120, 0.04) });
  initializers.push({ name: 'fc.bias', dims: [10], data: random(10, 0.01) });
  nodes.push({
    op: 'Gemm',
    inputs: ['flat', 'fc.weight', 'fc.bias'],
    outputs: ['output'],
    attributes: { transB: int(1) },
  });
  return buildModel({
    inputs: [{ name: 'input', shape: ['batch', 3, 32, 32] }],
    outputs: [{ name: 'output', shape: ['batch', 10] }],
    initializers,
    nodes,
  });
}

async function timeImport(bytes: Uint8Array, runs: number): Promise<{ seconds: number; parameters: number }> {
  const samples: number[] = [];
  let parameters = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const model = await importOnnx(bytes);
    samples.push((performance.now() - t0) / 1000);
    parameters = model.countParams();
    model.dispose();
  }
  samples.sort((a, b) => a - b);
  return { seconds: samples[Math.floor(samples.length / 2)]!, parameters };
}

const fixture = new Uint8Array(
  readFileSync(new URL('../test/fixtures/vgg16-cifar-quarter/model.onnx', import.meta.url)),
);
await timeImport(fixture, 1); // warm-up (wasm kernels, tfjs layer code)
const small = await timeImport(fixture, 5);
reportFigure({ name: 'onnx::import-vgg16-quarter-fixture', value: small.seconds, unit: 's', target: '< 0.5' });

const full = vgg16();
console.log(`full VGG-16: ${(full.length / 2 ** 20).toFixed(1)} MB of ONNX`);
const big = await timeImport(full, 3);
console.log(`full VGG-16 imported: ${(big.parameters / 1e6).toFixed(2)} M parameters`);
reportFigure({ name: 'onnx::import-vgg16-full-14.7M', value: big.seconds, unit: 's', target: '< 3' });
reportFigure({
  name: 'onnx::import-vgg16-full-peak-rss',
  value: process.resourceUsage().maxRSS / 1024,
  unit: 'MB',
  target: '< 1024',
});
