import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The tfjs wasm backend (the one memsim runs on), with its binaries found in the installed package. */
export async function setupBackend(): Promise<void> {
  if (tf.getBackend() === 'wasm') return;
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  await tf.setBackend('wasm');
  await tf.ready();
}

export interface Fixture {
  name: string;
  bytes: Uint8Array;
  input: Float32Array;
  inputShape: number[];
  expected: Float32Array;
  outputShape: number[];
  meta: { ops: string[]; parameters: number; opset: number; maxAbsOutput: number };
}

function f32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** A fixture exported from PyTorch (see test/fixtures/README.md) with onnxruntime's output as the truth. */
export function loadFixture(name: string): Fixture {
  const dir = join(FIXTURES, name);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  return {
    name,
    bytes: new Uint8Array(readFileSync(join(dir, 'model.onnx'))),
    input: f32(join(dir, 'input.f32')),
    inputShape: meta.inputShape,
    expected: f32(join(dir, 'output-onnxruntime.f32')),
    outputShape: meta.outputShape,
    meta,
  };
}

export const FIXTURE_NAMES = ['lenet5', 'mlp', 'resnet20-cifar', 'vgg16-cifar-quarter', 'lstm'] as const;

/** Max |a − b| / max |b|. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

/** NCHW (or NCW) data → NHWC (NWC) data. */
export function toChannelsLast(data: Float32Array, shape: number[]): { data: Float32Array; shape: number[] } {
  const t = tf.tensor(data, shape);
  const perm = [0, ...shape.slice(2).map((_, i) => i + 2), 1];
  const out = tf.transpose(t, perm);
  const result = { data: out.dataSync() as Float32Array, shape: out.shape };
  tf.dispose([t, out]);
  return result;
}

/** Runs a model on one input and returns the flat output. */
export function predict(
  model: tf.LayersModel,
  data: Float32Array,
  shape: number[],
): { data: Float32Array; shape: number[] } {
  const x = tf.tensor(data, shape);
  const y = model.predict(x) as tf.Tensor;
  const result = { data: y.dataSync() as Float32Array, shape: y.shape };
  tf.dispose([x, y]);
  return result;
}

export { tf };
