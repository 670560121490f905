// Import a PyTorch LeNet-5 exported with torch.onnx.export, look at its summary, run it on the same NCHW arrays
// PyTorch was given, and compare with onnxruntime's output recorded at export time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { importOnnx, inspectOnnx } from '../src/index';

// The wasm backend (SIMD) in Node: point it at the installed binaries.
const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
await tf.setBackend('wasm');

const dir = new URL('../test/fixtures/lenet5/', import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL('model.onnx', dir)));

const summary = inspectOnnx(bytes);
console.log(`${summary.producer}, opset ${summary.opset}, ${summary.parameters} parameters`);
console.log(`ops: ${summary.ops.map((o) => `${o.opType}×${o.count}`).join(', ')}`);

const model = await importOnnx(bytes); // inputs in the ONNX layout: N×1×28×28, as for PyTorch
model.summary(100, undefined, (line) => console.log(line));

const f32 = (name: string) => {
  const b = readFileSync(new URL(name, dir));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const x = tf.tensor4d(f32('input.f32'), [8, 1, 28, 28]);
const y = model.predict(x) as tf.Tensor;
const got = y.dataSync();
const expected = f32('output-onnxruntime.f32');
let maxDiff = 0;
let maxOut = 0;
for (let i = 0; i < expected.length; i++) {
  maxDiff = Math.max(maxDiff, Math.abs(got[i]! - expected[i]!));
  maxOut = Math.max(maxOut, Math.abs(expected[i]!));
}
console.log(
  `output ${y.shape.join('×')}, max |memsim − onnxruntime| / max |output| = ${(maxDiff / maxOut).toExponential(2)}`,
);
if (maxDiff / maxOut > 1e-5) throw new Error('imported model differs from onnxruntime');
