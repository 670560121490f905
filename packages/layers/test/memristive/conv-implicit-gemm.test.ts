import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import type { CrossbarEngine, MemristiveLayer, PatchOptions } from '../../src/index';
import { CONV_VARIANT_CASES, MODEL_CASES, seedWeights } from '../fixtures';
import type { ModelCase } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

/** Every conv and dense case of the layers fixtures (a dense layer is a 1×1 conv), plus the padding/stride variants they lack. */
const CASES: ModelCase[] = [...MODEL_CASES.filter((c) => /Conv|Dense/.test(c.name)), ...CONV_VARIANT_CASES];

const READOUTS: [string, Partial<PatchOptions>][] = [
  ['ideal, per-sample input encoding', { maxInputVoltage: 0.3, inputEncoding: 'sample' }],
  ['tiled 8×3 + 8-bit ADC, per-call input encoding', { tileShape: [8, 3], adc: { bits: 8 }, maxInputVoltage: 0.3 }],
  [
    'passive (1 Ω source and lines), untiled, per-sample input encoding',
    { mode: 'passive', sourceResistance: 1, lineResistance: 1, maxInputVoltage: 0.3, inputEncoding: 'sample' },
  ],
  [
    'passive on 8×3 tiles + 8-bit ADC',
    {
      mode: 'passive',
      tileShape: [8, 3],
      sourceResistance: 1,
      lineResistance: 1,
      adc: { bits: 8 },
      maxInputVoltage: 0.3,
    },
  ],
  [
    'passive on 8×3 tiles + 8-bit ADC + 5-bit DAC',
    {
      mode: 'passive',
      tileShape: [8, 3],
      sourceResistance: 1,
      lineResistance: 1,
      adc: { bits: 8 },
      dac: { bits: 5, range: 0.3 },
      maxInputVoltage: 0.3,
    },
  ],
  [
    'ideal + 5-bit DAC, per-sample input encoding',
    { maxInputVoltage: 0.3, inputEncoding: 'sample', dac: { bits: 5, range: 0.3 } },
  ],
  [
    'tiled 8×3 + 8-bit ADC + 6-bit DAC (range below the voltages: saturates) + PCM read noise',
    {
      tileShape: [8, 3],
      adc: { bits: 8 },
      dac: { bits: 6, range: 0.2 },
      maxInputVoltage: 0.3,
      seed: 5,
      readNoise: { model: 'pcm' },
    },
  ],
  // Read noise (issue 17) through the implicit GEMM: the same generator streams (seeded per crossbar set) as the
  // im2col path, so the same normals in the same order.
  [
    'tiled 8×3 + 8-bit ADC, additive read noise per vector',
    {
      tileShape: [8, 3],
      adc: { bits: 8 },
      maxInputVoltage: 0.3,
      seed: 5,
      readNoise: { model: 'gaussian', additive: 2e-6 },
    },
  ],
  [
    'ideal, PCM 1/f read noise per vector (variance GEMM), per-sample encoding',
    { maxInputVoltage: 0.3, inputEncoding: 'sample', seed: 5, readNoise: { model: 'pcm' } },
  ],
  [
    'tiled 8×3 + 8-bit ADC, PCM 1/f read noise per call + output noise',
    {
      tileShape: [8, 3],
      adc: { bits: 8 },
      maxInputVoltage: 0.3,
      seed: 5,
      readNoise: { model: 'pcm', draw: 'call', output: 1e-7 },
    },
  ],
  [
    'ideal, relative read noise per call',
    { maxInputVoltage: 0.3, seed: 5, readNoise: { model: 'gaussian', relative: 0.05, draw: 'call' } },
  ],
];

/** The conv and dense layers of a patched model. */
function convLayers(model: tf.LayersModel): MemristiveLayer[] {
  return model.layers.filter((l) => /Conv|Dense/.test(l.getClassName())) as unknown as MemristiveLayer[];
}

/** Engines without the conv fast path (the im2col + mvm path), and a count of the fast path's successful calls. */
function countFastCalls(layer: MemristiveLayer): { calls: number } {
  const count = { calls: 0 };
  const engines = Array.from({ length: layer.crossbarSetCount }, (_, i) => {
    const e = layer.engine(i)!;
    const conv = e.conv!;
    return Object.assign((x: Float32Array, b: number, s?: number) => e(x, b, s), {
      conv: (image: Float32Array, p: Parameters<NonNullable<CrossbarEngine['conv']>>[1]) => {
        const y = conv(image, p);
        if (y !== null) count.calls++;
        return y;
      },
    });
  });
  layer.setEngines(engines);
  return count;
}

function withoutFastPath(layer: MemristiveLayer): void {
  const engines = Array.from({ length: layer.crossbarSetCount }, (_, i) => {
    const e = layer.engine(i)!;
    return (x: Float32Array, b: number, s?: number) => e(x, b, s);
  });
  layer.setEngines(engines);
}

describe("conv and dense layers through the engine's implicit GEMM (mvmConv), ideal, tiled and passive", () => {
  describe.each(READOUTS)('%s', (_readout, readout) => {
    it.each(CASES)('$name: bit-identical to im2col + engine for threads 1, 2, 3; ≈ tfjs', async (c) => {
      const original = seedWeights(c.build(), 7);
      const x = tf.tensor(randomUniform(3 * c.input.reduce((a, b) => a * b, 1), 11), [3, ...c.input]);
      const outputs: number[][] = [];
      for (const threads of [1, 2, 3]) {
        const patched = await patchModel(original, { model: VTEAM, ...readout, threads });
        const counts = convLayers(patched.model).map(countFastCalls);
        outputs.push(Array.from((patched.predict(x) as tf.Tensor).dataSync()));
        expect(counts.every((n) => n.calls > 0)).toBe(true);
      }
      const patched = await patchModel(original, { model: VTEAM, ...readout, threads: 1 });
      for (const layer of convLayers(patched.model)) withoutFastPath(layer);
      const reference = Array.from((patched.predict(x) as tf.Tensor).dataSync());
      for (const out of outputs) expect(out).toEqual(reference);
      // The ADC makes the tiled read-out approximate; the ideal one of these linear devices differs from the tfjs conv
      // ops (the layer's legacy forward, which also runs 'causal' padding that tfjs's own Conv1D lacks) only by the
      // float32 rounding of G⁺ − G⁻ and of the input encoding (measured ≤ 2e-7; conv-path-vs-tfjs.test.ts isolates
      // the conv path with an exact mapping).
      patched.setLegacy(true);
      const tfjs = (patched.predict(x) as tf.Tensor).dataSync();
      if (
        readout.adc === undefined &&
        readout.mode !== 'passive' &&
        readout.dac === undefined &&
        readout.readNoise === undefined
      )
        expect(relativeError(outputs[0]!, tfjs)).toBeLessThan(1e-5);
      tf.dispose(x);
    });
  });
});

describe('read noise through the implicit GEMM: seeded, drawn afresh on every forward', () => {
  it.each(READOUTS.filter(([, r]) => r.readNoise !== undefined))('%s', async (_readout, readout) => {
    const c = CASES.find((k) => k.name.startsWith('Conv2D'))!;
    const original = seedWeights(c.build(), 7);
    const x = tf.tensor(randomUniform(3 * c.input.reduce((a, b) => a * b, 1), 11), [3, ...c.input]);
    const run = async () => {
      const patched = await patchModel(original, { model: VTEAM, ...readout, threads: 1 });
      const counts = convLayers(patched.model).map(countFastCalls);
      const first = Array.from((patched.predict(x) as tf.Tensor).dataSync());
      const second = Array.from((patched.predict(x) as tf.Tensor).dataSync());
      expect(counts.every((n) => n.calls === 2)).toBe(true);
      return [first, second];
    };
    const [a1, a2] = await run();
    const [b1, b2] = await run();
    expect(a2).not.toEqual(a1);
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    const other = await patchModel(original, { model: VTEAM, ...readout, seed: 6, threads: 1 });
    expect(Array.from((other.predict(x) as tf.Tensor).dataSync())).not.toEqual(a1);
    tf.dispose(x);
  });
});
