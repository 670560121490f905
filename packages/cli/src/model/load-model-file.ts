import { readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { importOnnx } from '@memsim/onnx';
import type { tf } from '../tf/backend';
import { loadModel } from '../tf/model-io';

/** True when `path` names an ONNX file (`.onnx`), as opposed to a TensorFlow.js model directory. */
export function isOnnxFile(path: string): boolean {
  return path.toLowerCase().endsWith('.onnx');
}

/**
 * Loads the model a command's `--model` names: an ONNX file (a PyTorch export, imported by `@memsim/onnx`; it takes
 * its inputs in the ONNX layout, e.g. N×C×H×W) or a TensorFlow.js model directory (`model.json` + `weights.bin`).
 *
 * @throws {InvalidParameterError} when the file or directory is unreadable, or the ONNX graph cannot be imported
 * (the error names the node and op).
 */
export async function loadModelFile(path: string): Promise<tf.LayersModel> {
  if (!isOnnxFile(path)) return loadModel(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InvalidParameterError({
      where: 'memsim',
      parameter: '--model',
      value: path,
      expected: `a readable .onnx file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  return importOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The bytes that identify a model's weights: the `.onnx` file, or a model directory's `weights.bin`. */
export function modelWeightsFile(path: string): string {
  return isOnnxFile(path) ? path : `${path.replace(/\/+$/, '')}/weights.bin`;
}
