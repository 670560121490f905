import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from '../npy-writer';

/** Real PyTorch networks exported to ONNX (copied from the shared fixtures; see their meta.json). */
export const FIXTURES = ['lstm', 'resnet20-cifar', 'vgg16-cifar-quarter'] as const;
export type FixtureName = (typeof FIXTURES)[number];

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'onnx');

function f32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** A fixture: the .onnx path and bytes, its 8 inputs (ONNX layout) and onnxruntime's outputs. */
export function fixture(name: FixtureName): {
  path: string;
  bytes: Uint8Array;
  inputShape: number[];
  input: Float32Array;
  expected: Float32Array;
  /** onnxruntime's arg-max class of each input (labels the network gets right). */
  labels: number[];
} {
  const dir = join(ROOT, name);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    inputShape: number[];
    outputShape: number[];
  };
  const expected = f32(join(dir, 'output-onnxruntime.f32'));
  const classes = meta.outputShape[1]!;
  const labels = Array.from({ length: meta.outputShape[0]! }, (_, i) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if (expected[i * classes + k]! > expected[i * classes + best]!) best = k;
    return best;
  });
  const path = join(dir, 'model.onnx');
  return {
    path,
    bytes: new Uint8Array(readFileSync(path)),
    inputShape: meta.inputShape,
    input: f32(join(dir, 'input.f32')),
    expected,
    labels,
  };
}

/** Writes a fixture's inputs and onnxruntime labels as x.npy (float32, ONNX layout) and y.npy (int64) into `dir`. */
export function fixtureNpy(name: FixtureName, dir: string): { x: string; y: string } {
  const f = fixture(name);
  return {
    x: writeNpy(join(dir, `${name}-x.npy`), '<f4', f.inputShape, f.input),
    y: writeNpy(join(dir, `${name}-y.npy`), '<i8', [f.labels.length], BigInt64Array.from(f.labels, BigInt)),
  };
}
