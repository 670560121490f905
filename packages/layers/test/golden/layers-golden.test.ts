import { VTEAM } from '@memsim/devices';
import { expectClose, flatTensor, loadGolden } from '@memsim/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import type { PatchOptions } from '../../src/index';
import { setupBackend, tf } from '../helpers';

interface GoldenLayer {
  weight: unknown;
  bias: unknown;
  input: unknown;
}
interface GoldenVariant {
  layer: string;
  tile_shape: [number, number] | null;
  max_input_voltage: number | null;
  ADC_resolution: number | null;
  ADC_overflow_rate: number;
  result: {
    value: {
      crossbars?: { rows: number; columns: number; conductance_matrix: unknown }[];
      memristive_output_pre_tune: unknown;
      legacy_output: unknown;
    };
  };
}
const golden = loadGolden<{ layers: Record<string, GoldenLayer>; variants: GoldenVariant[] }>(
  new URL('./layers.json', import.meta.url),
);

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

/** The inverse of a permutation. */
function inverse(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

interface Twin {
  model: tf.LayersModel;
  /** Input in tfjs layout. */
  x: tf.Tensor;
  /** Output of the tfjs twin back in torch layout. */
  toTorch: (y: ArrayLike<number>) => Float64Array;
  /** MemTorch's input scale per sample (naive_scale: whole batch for Linear/Conv1d, per sample for Conv2d/3d). */
  scaleOf: (maxInputVoltage: number | null) => Float64Array;
  /** Whether MemTorch scales the whole batch at once (Linear, Conv1d) or each sample (Conv2d, Conv3d). */
  wholeBatch: boolean;
}

/** Builds the tfjs twin of a golden layer (torch NC… layouts ↔ tfjs channels-last). */
function twin(name: string): Twin {
  const g = golden.layers[name]!;
  const w = flatTensor(g.weight);
  const b = flatTensor(g.bias);
  const x = flatTensor(g.input);
  const n = x.shape[0]!;
  const sampleSize = x.data.length / n;
  const wholeBatch = name.startsWith('Linear') || name.startsWith('Conv1d');
  const scaleOf = (maxV: number | null) => {
    const s = new Float64Array(n).fill(1);
    if (maxV === null) return s;
    const peak = (from: number, to: number) => {
      let r = 0;
      for (let i = from; i < to; i++) r = Math.max(r, Math.abs(x.data[i]!));
      return r;
    };
    for (let i = 0; i < n; i++) {
      // Zero padding does not change the peak: over the sample (or the batch) itself.
      const r = wholeBatch ? peak(0, x.data.length) : peak(i * sampleSize, (i + 1) * sampleSize);
      s[i] = r > maxV ? maxV / r : 1;
    }
    return s;
  };
  const bias = tf.tensor(Float32Array.from(b.data), [b.shape[0]!]);
  if (name.startsWith('Linear')) {
    const [out, inp] = w.shape as [number, number];
    const model = tf.sequential({ layers: [tf.layers.dense({ units: out, inputShape: [inp] })] });
    model.layers[0]!.setWeights([tf.tensor(Float32Array.from(permute(w.data, w.shape, [1, 0])), [inp, out]), bias]);
    const xs = tf.tensor(Float32Array.from(x.data), x.shape);
    return { model, x: xs, toTorch: (y) => Float64Array.from(y), scaleOf, wholeBatch };
  }
  // torch weight [out, in, ...k] → tfjs [...k, in, out]; input [n, c, ...s] → [n, ...s, c].
  const rank = w.shape.length - 2;
  const kernelPerm = [...Array.from({ length: rank }, (_, i) => i + 2), 1, 0];
  const inputPerm = [0, ...Array.from({ length: rank }, (_, i) => i + 2), 1];
  const kernelShape = kernelPerm.map((p) => w.shape[p]!);
  const inputShape = inputPerm.map((p) => x.shape[p]!);
  const out = w.shape[0]!;
  const padding = name.includes('_p0') ? 'valid' : 'same';
  const args = { filters: out, kernelSize: kernelShape.slice(0, rank), padding, inputShape: inputShape.slice(1) } as const;
  const layer =
    rank === 1
      ? tf.layers.conv1d({ ...args, kernelSize: args.kernelSize[0]! })
      : rank === 2
        ? tf.layers.conv2d(args)
        : tf.layers.conv3d(args);
  const model = tf.sequential({ layers: [layer] });
  layer.setWeights([tf.tensor(Float32Array.from(permute(w.data, w.shape, kernelPerm)), kernelShape), bias]);
  const xs = tf.tensor(Float32Array.from(permute(x.data, x.shape, inputPerm)), inputShape);
  const outShape = model.outputs[0]!.shape.map((d) => d ?? n) as number[];
  return { model, x: xs, toTorch: (y) => permute(y, outShape, inverse(inputPerm)), scaleOf, wholeBatch };
}

/** The patch options of a golden variant: MemTorch's settings and its rules for scaling and ADC ranges. */
function optionsOf(variant: GoldenVariant, t: Twin): PatchOptions {
  return {
    model: VTEAM,
    ...(variant.tile_shape ? { tileShape: variant.tile_shape } : {}),
    ...(variant.max_input_voltage === null
      ? {}
      : { maxInputVoltage: variant.max_input_voltage, inputEncoding: t.wholeBatch ? 'batch' : 'sample' }),
    ...(variant.ADC_resolution === null
      ? {}
      : { adc: { bits: variant.ADC_resolution, overflowRate: variant.ADC_overflow_rate, method: 'linear' } }),
    // rowOrder and adcRange: the defaults are MemTorch's ((c, kh, kw) rows; per-image ranges for convs, whole batch
    // for Linear).
  };
}

const label = (v: GoldenVariant) =>
  `${v.layer} tiles ${v.tile_shape ? v.tile_shape.join('x') : 'none'}, max_input_voltage ${v.max_input_voltage}, ADC ${v.ADC_resolution}`;

/** Patches the twin of a variant (MemTorch's settings plus `extra`) and compares it with the golden outputs. */
async function compare(variant: GoldenVariant, extra: Partial<PatchOptions> = {}) {
  const name = variant.layer;
  const t = twin(name);
  const value = variant.result.value;
  const bias = flatTensor(golden.layers[name]!.bias).data;
  const outC = bias.length;
  const legacy = t.toTorch((t.model.predict(t.x) as tf.Tensor).dataSync());
  const patched = await patchModel(t.model, { ...optionsOf(variant, t), ...extra });
  const [set] = patched.crossbars()[0]!.sets;
  // Pre-tune output: memsim returns weight units with the input scale undone; MemTorch's is Q(s·x · (G⁺ − G⁻)) +
  // bias in conductance units with s kept. So (memsim − bias) · gain · s is compared with golden − bias.
  const mine = t.toTorch((patched.predict(t.x) as tf.Tensor).dataSync());
  const expected = flatTensor(unwrap(value.memristive_output_pre_tune)).data;
  const n = flatTensor(golden.layers[name]!.input).shape[0]!;
  const perSample = mine.length / n;
  const perChannel = perSample / outC;
  const scale = t.scaleOf(variant.max_input_voltage);
  const scaled = new Float64Array(mine.length);
  const goldenNoBias = new Float64Array(mine.length);
  for (let i = 0; i < mine.length; i++) {
    const sample = Math.floor(i / perSample);
    const c = name.startsWith('Linear') ? i % outC : Math.floor(i / perChannel) % outC;
    scaled[i] = (mine[i]! - bias[c]!) * set!.gain[c]! * scale[sample]!;
    // MemTorch's Conv3d adds its bias to the last sample of the batch only (a recorded bug).
    const goldenBias = name.startsWith('Conv3d') && sample !== n - 1 ? 0 : bias[c]!;
    goldenNoBias[i] = expected[i]! - goldenBias;
  }
  const peak = goldenNoBias.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const delta = scaled.reduce((m, v, i) => Math.max(m, Math.abs(v - goldenNoBias[i]!)), 0) / peak;
  const crossbars = set!.crossbars.map((x) => x.conductance);
  patched.dispose();
  t.model.dispose();
  return { scaled, goldenNoBias, peak, delta, legacy, crossbars };
}

const find = (layer: string, tiles: boolean, maxV: number | null, adc: number | null) =>
  golden.variants.find(
    (v) =>
      v.layer === layer &&
      (v.tile_shape !== null) === tiles &&
      v.max_input_voltage === maxV &&
      v.ADC_resolution === adc,
  )!;

describe('golden parity with MemTorch 1.1.6 through patchModel (layers.json: DoubleColumn, VTEAM defaults, pre-tune)', () => {
  it.each(golden.variants.map((v) => [label(v), v] as const))('%s', async (_, variant) => {
    const name = variant.layer;
    const value = variant.result.value;
    const r = await compare(variant);
    // The legacy output of MemTorch is the plain layer: memsim's tf twin must give it (float32 rounding). MemTorch's
    // Conv3d legacy path is a plain F.conv3d, so its bias is on every sample there.
    expectClose(r.legacy, flatTensor(unwrap(value.legacy_output)).data, { rtol: 1e-5, atol: 1e-6, label: `${name} legacy` });
    expect(r.crossbars).toHaveLength(2);
    if (value.crossbars)
      // Conductances, rows in MemTorch's (c, kd, kh, kw) order with no permutation (rowOrder 'channels-first').
      for (const k of [0, 1])
        expectClose(r.crossbars[k]!, flatTensor(value.crossbars[k]!.conductance_matrix).data, {
          rtol: 1e-6,
          atol: 1e-12,
          label: `${name} crossbar ${k} conductance`,
        });
    if (process.env.MEMSIM_GOLDEN_DELTAS) console.log(label(variant), 'max |Δout|/peak', r.delta);
    expectClose(r.scaled, r.goldenNoBias, { rtol: 0, atol: 1e-5 * r.peak, label: `${name} pre-tune output` });
  });

  it('tells the row orders and the ADC ranges apart (the settings above are needed, not incidental)', async () => {
    // tfjs's (kh, kw, c) rows put other rows on each 4×4 tile: per-tile ADC results move by ≈ 0.5 % of peak.
    expect((await compare(find('Conv2d_3_2_k3_p1_s1', true, null, 8), { rowOrder: 'channels-last' })).delta).toBeGreaterThan(1e-3);
    expect((await compare(find('Conv1d_3_2_k3_p1', true, 1, 8), { rowOrder: 'channels-last' })).delta).toBeGreaterThan(1e-3);
    // One untiled ADC range over the whole batch instead of one per sample.
    expect((await compare(find('Conv1d_3_2_k3_p1', false, null, 8), { adcRange: 'batch' })).delta).toBeGreaterThan(1e-3);
  });
});
