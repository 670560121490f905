// Runs a graph built in the test on onnxruntime-node (the independent reference) and on the imported tfjs model.
import { createRng } from '@memsim/core';
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { type ImportOnnxOptions, importOnnx } from '../src/index';
import { predict, relativeError, tf, toChannelsLast } from './helpers';
import { buildModel, type ModelSpec } from './onnx-builder';

/** Seeded uniform values in [low, high). */
export function uniform(n: number, seed: number, low = -1, high = 1): Float32Array {
  return createRng(seed).fillUniform(new Float32Array(n), low, high) as Float32Array;
}

/** onnxruntime's output of a model for one float input named `input`. */
export async function runOrt(
  bytes: Uint8Array,
  data: Float32Array,
  shape: number[],
): Promise<{ data: Float32Array; shape: number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', data, shape) };
  const result = await session.run(feeds);
  const out = result[session.outputNames[0]!]!;
  const dims = [...out.dims];
  const values = out.data as Float32Array;
  await session.release();
  return { data: Float32Array.from(values), shape: dims };
}

export interface CheckOptions {
  /** Batch size of the test input. @default 2 */
  batch?: number;
  seed?: number;
  /** Layouts checked. @default both */
  layouts?: NonNullable<ImportOnnxOptions['inputLayout']>[];
  /** Relative tolerance (of max |output|). @default 1e-5 */
  tolerance?: number;
  low?: number;
  high?: number;
}

/**
 * Builds the model, runs it on onnxruntime-node and on importOnnx (both input layouts), and expects the outputs
 * to agree within `tolerance` × max |output|. Returns the imported model (onnx layout) for further checks.
 */
export async function expectLikeOnnxruntime(spec: ModelSpec, options: CheckOptions = {}): Promise<tf.LayersModel> {
  const bytes = buildModel(spec);
  const sample = spec.inputs[0]!.shape.slice(1) as number[];
  const shape = [options.batch ?? 2, ...sample];
  const data = uniform(
    shape.reduce((a, b) => a * b, 1),
    options.seed ?? 1,
    options.low ?? -1,
    options.high ?? 1,
  );
  const expected = await runOrt(bytes, data, shape);
  let first: tf.LayersModel | undefined;
  for (const layout of options.layouts ?? (['onnx', 'nhwc'] as const)) {
    const model = await importOnnx(bytes, { inputLayout: layout });
    first ??= model;
    const x = layout === 'nhwc' && shape.length >= 3 ? toChannelsLast(data, shape) : { data, shape };
    const got = predict(model, x.data, x.shape);
    const want =
      layout === 'nhwc' && expected.shape.length >= 3 ? toChannelsLast(expected.data, expected.shape) : expected;
    expect(got.shape, `output shape (${layout})`).toEqual(want.shape);
    const error = relativeError(got.data, want.data);
    expect(error, `relative error (${layout} layout) ${error}`).toBeLessThan(options.tolerance ?? 1e-5);
  }
  return first!;
}

export { tf };
