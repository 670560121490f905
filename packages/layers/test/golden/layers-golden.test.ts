import { VTEAM } from '@memsim/devices';
import { expectClose, flatTensor, loadGolden } from '@memsim/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import { setupBackend, tf } from '../helpers';

interface GoldenLayer {
  weight: unknown;
  bias: unknown;
  input: unknown;
  torch_reference_output: unknown;
}
interface GoldenVariant {
  layer: string;
  tile_shape: [number, number] | null;
  result: { value: { crossbars: { rows: number; columns: number; conductance_matrix: unknown }[]; memristive_output_pre_tune: unknown; legacy_output: unknown } };
}
const golden = loadGolden<{ layers: Record<string, GoldenLayer>; variants: GoldenVariant[] }>(new URL('./layers.json', import.meta.url));

/** Some golden results are wrapped as { ok, value }. */
function unwrap(v: unknown): unknown {
  return typeof v === 'object' && v !== null && 'ok' in v && 'value' in v ? (v as { value: unknown }).value : v;
}

beforeAll(async () => {
  await setupBackend();
});

/** Permutes a row-major tensor of `shape` by `perm` (like numpy transpose). */
function permute(data: ArrayLike<number>, shape: number[], perm: number[]): Float64Array {
  const outShape = perm.map((p) => shape[p]!);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float64Array(data.length);
  const idx = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let rem = o;
    for (let d = outShape.length - 1; d >= 0; d--) {
      idx[d] = rem % outShape[d]!;
      rem = Math.floor(rem / outShape[d]!);
    }
    let src = 0;
    for (let d = 0; d < perm.length; d++) src += idx[d]! * strides[perm[d]!]!;
    out[o] = data[src]!;
  }
  return out;
}

/** Builds the tfjs twin of a golden layer: model, NHWC input, and how to bring outputs back to torch layout. */
function twin(name: string): { model: tf.LayersModel; x: tf.Tensor; toTorch: (y: Float32Array | Float64Array) => Float64Array; rowOf: (r: number) => number } {
  const g = golden.layers[name]!;
  const w = flatTensor(g.weight);
  const b = flatTensor(g.bias);
  const x = flatTensor(g.input);
  if (name.startsWith('Linear')) {
    const [out, inp] = w.shape as [number, number];
    const model = tf.sequential({ layers: [tf.layers.dense({ units: out, inputShape: [inp] })] });
    model.layers[0]!.setWeights([tf.tensor(Float32Array.from(permute(w.data, w.shape, [1, 0])), [inp, out]), tf.tensor(Float32Array.from(b.data), [out])]);
    return { model, x: tf.tensor(Float32Array.from(x.data), x.shape), toTorch: (y) => Float64Array.from(y), rowOf: (r) => r };
  }
  const [out, cin, kh, kw] = w.shape as [number, number, number, number];
  const [n, , h, wd] = x.shape as [number, number, number, number];
  const model = tf.sequential({ layers: [tf.layers.conv2d({ filters: out, kernelSize: [kh, kw], padding: 'same', inputShape: [h, wd, cin] })] });
  model.layers[0]!.setWeights([tf.tensor(Float32Array.from(permute(w.data, w.shape, [2, 3, 1, 0])), [kh, kw, cin, out]), tf.tensor(Float32Array.from(b.data), [out])]);
  const xNhwc = tf.tensor(Float32Array.from(permute(x.data, x.shape, [0, 2, 3, 1])), [n, h, wd, cin]);
  // memsim row (i, j, c) ↔ MemTorch row (c, i, j)
  const rowOf = (r: number) => {
    const c = r % cin;
    const ij = Math.floor(r / cin);
    return (c * kh + Math.floor(ij / kw)) * kw + (ij % kw);
  };
  return { model, x: xNhwc, toTorch: (y) => permute(y, [n, h, wd, out], [0, 3, 1, 2]), rowOf };
}

describe('golden parity with MemTorch 1.1.6 (layers.json: DoubleColumn, VTEAM defaults, pre-tune)', () => {
  it.each(golden.variants.map((v) => [v.layer, v.tile_shape, v] as const))('%s tile_shape %j', async (name, tileShape, variant) => {
    const { model, x, toTorch, rowOf } = twin(name);
    const value = variant.result.value;
    // The legacy output of MemTorch is the plain layer: memsim's tf twin must give it (float32 rounding).
    expectClose(toTorch((model.predict(x) as tf.Tensor).dataSync() as Float32Array), flatTensor(unwrap(value.legacy_output)).data, { rtol: 1e-5, atol: 1e-6, label: `${name} legacy` });
    const patched = await patchModel(model, { model: VTEAM, ...(tileShape ? { tileShape } : {}) });
    const [set] = patched.crossbars()[0]!.sets;
    expect(set!.crossbars).toHaveLength(2);
    if (tileShape === null) {
      // Conductances: memsim rows permuted into MemTorch's (c, kh, kw) order. Golden is float32: rtol 1e-6.
      for (const k of [0, 1]) {
        const g = flatTensor(value.crossbars[k]!.conductance_matrix);
        const mine = set!.crossbars[k]!.conductance;
        const cols = set!.cols;
        const reordered = new Float64Array(mine.length);
        for (let r = 0; r < set!.rows; r++) for (let c = 0; c < cols; c++) reordered[rowOf(r) * cols + c] = mine[r * cols + c]!;
        if (process.env.MEMSIM_GOLDEN_DELTAS) console.log(name, k, 'max rel ΔG', Math.max(...reordered.map((v, i) => Math.abs(v - g.data[i]!) / Math.abs(g.data[i]!))));
        expectClose(reordered, g.data, { rtol: 1e-6, atol: 1e-12, label: `${name} crossbar ${k} conductance` });
      }
    }
    // Pre-tune output: memsim returns weight units; times the gain it is MemTorch's x·(G⁺−G⁻) + bias.
    const bias = flatTensor(golden.layers[name]!.bias).data;
    const outC = bias.length;
    const mine = toTorch((patched.predict(x) as tf.Tensor).dataSync() as Float32Array);
    const expected = flatTensor(unwrap(value.memristive_output_pre_tune)).data;
    const perChannel = mine.length / (outC * flatTensor(golden.layers[name]!.input).shape[0]!); // H·W of one channel
    const scaled = new Float64Array(mine.length);
    const goldenNoBias = new Float64Array(mine.length);
    const channelOf = (i: number) => (name.startsWith('Linear') ? i % outC : Math.floor(i / perChannel) % outC);
    for (let i = 0; i < mine.length; i++) {
      const c = channelOf(i);
      scaled[i] = (mine[i]! - bias[c]!) * set!.gain[c]!;
      goldenNoBias[i] = expected[i]! - bias[c]!;
    }
    const peak = goldenNoBias.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (process.env.MEMSIM_GOLDEN_DELTAS) console.log(name, tileShape, 'max |Δout|/peak', Math.max(...scaled.map((v, i) => Math.abs(v - goldenNoBias[i]!))) / peak);
    expectClose(scaled, goldenNoBias, { rtol: 1e-5, atol: 1e-6 * peak, label: `${name} pre-tune output` });
    patched.dispose();
  });
});
