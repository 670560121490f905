import { initCrossbars, mvmConv } from '@memsim/crossbar';
import type { ConvPatches, MappedCrossbars, MvmConvOptions } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import type { MappingRoutine } from '@memsim/mapping';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel, ROW_ORDERS } from '../../src/index';
import type { MemristiveLayer, ReadoutConfig, RowOrder } from '../../src/index';
import { CONV_CASES, convSetup, tfConv } from '../conv-cases';
import { CONV_VARIANT_CASES, MODEL_CASES, seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

// Issue 14's test of memsim's own conv path (the implicit GEMM of @memsim/crossbar mvmConv, reached from the layers
// through the engine's `conv`) against the tfjs conv ops. The device mapping is made exact so that the comparison
// isolates the conv path: with rOn = 1 Ω and rOff = 2 Ω (g_off = 0.5 S, g_on = 1 S) and a power-of-two gain,
// G± = 0.5 + gain·max(±w, 0) are exact in float64 for every float32 weight of these tests, so G⁺ − G⁻ = gain·w and
// (G⁺ − G⁻)/gain = w exactly (checked below, never assumed). What is left between the two outputs is float32
// rounding in a different summation order, so the tolerance is float32's: max |a − b| / max |b| ≤ 1e-5 over the
// whole output (relativeError of ../helpers).

const TOLERANCE = 1e-5;
const EXACT_DEVICE = { model: VTEAM, params: { rOn: 1, rOff: 2 } };

/** Double-column mapping with the largest power-of-two gain that fits g_on − g_off: every weight maps exactly. */
const exactMapping: MappingRoutine = (weights, options) => {
  const gOff = 1 / options.rOff;
  const gOn = 1 / options.rOn;
  const n = weights.rows * weights.cols;
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(weights.data[i]!));
  const gain = peak === 0 ? 1 : 2 ** Math.floor(Math.log2((gOn - gOff) / peak));
  const positive = new Float64Array(n);
  const negative = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights.data[i]!;
    positive[i] = gOff + gain * Math.max(w, 0);
    negative[i] = gOff + gain * Math.max(-w, 0);
  }
  const { rows, cols } = weights;
  return {
    conductances: [
      { rows, cols, data: positive },
      { rows, cols, data: negative },
    ],
    gain: new Float64Array(cols).fill(gain),
  };
};

/** The number of crossbar entries whose effective weight (G⁺ − G⁻)/gain is not exactly `weights` (0 = exact). */
function inexactEntries(mapped: MappedCrossbars, weights: ArrayLike<number>): number {
  const [positive, negative] = mapped.crossbars.map((c) => c.conductance);
  let count = 0;
  for (let i = 0; i < weights.length; i++)
    if ((positive![i]! - negative![i]!) / mapped.gain[i % mapped.cols]! !== weights[i]) count++;
  return count;
}

const READOUTS: [string, MvmConvOptions][] = [
  ['ideal, 1 thread', { mode: 'ideal', threads: 1 }],
  ['ideal, 2 threads', { mode: 'ideal', threads: 2 }],
  ['tiled 5×2 without ADC, 2 threads', { mode: 'tiled', tileShape: [5, 2], threads: 2 }],
];

describe.each(ROW_ORDERS)(
  'mvmConv with an exact effective matrix vs tf conv ops, rowOrder %s',
  (rowOrder: RowOrder) => {
    describe.each(READOUTS)('%s', (_name, options) => {
      it.each(CONV_CASES)(`$name: max |a − b| / max |b| ≤ ${TOLERANCE}`, (c) => {
        const { groups, kernelShape, x, k, geometry, matrices, outChannels, og } = convSetup(
          c,
          rowOrder,
          randomUniform,
          31,
        );
        const rows = geometry.batch * geometry.positions;
        const got = new Float32Array(rows * outChannels);
        for (let g = 0; g < groups; g++) {
          const weights = matrices[g]!;
          const mapped = initCrossbars(weights, { ...EXACT_DEVICE, mapping: exactMapping });
          expect(inexactEntries(mapped, weights.data)).toBe(0);
          const patches: ConvPatches = {
            samples: geometry.batch,
            inSize: geometry.inSize,
            outSize: geometry.outSize,
            kernel: geometry.kernel,
            strides: geometry.strides,
            dilation: geometry.dilation,
            padBefore: geometry.padBefore,
            channels: geometry.channels,
            group: g,
            channelsPerGroup: geometry.channelsPerGroup,
            rowOrder,
          };
          const y = mvmConv(x, patches, mapped, options);
          expect(y).not.toBeNull();
          for (let r = 0; r < rows; r++)
            for (let o = 0; o < og; o++) got[r * outChannels + g * og + o] = y![r * og + o]!;
        }
        const reference = tfConv(c, x, k, kernelShape);
        const want = reference.dataSync();
        reference.dispose();
        expect(want.length).toBe(got.length);
        expect(relativeError(got, want)).toBeLessThanOrEqual(TOLERANCE);
      });
    });
  },
);

/** Every conv model of the layers fixtures and the padding/stride variants of the implicit-GEMM tests. */
const MODELS = [...MODEL_CASES.filter((c) => /conv/i.test(c.name)), ...CONV_VARIANT_CASES];

const MODEL_READOUTS: [string, ReadoutConfig, [number, number] | undefined][] = [
  ['ideal, voltages = inputs', { mode: 'ideal' }, undefined],
  ['ideal, per-sample input encoding', { mode: 'ideal', maxInputVoltage: 0.3, inputEncoding: 'sample' }, undefined],
  ['tiled 8×3 without ADC, per-call input encoding', { mode: 'tiled', maxInputVoltage: 0.3 }, [8, 3]],
];

describe("patched conv layers (engine.conv) with exact devices vs the layers' tfjs forward", () => {
  describe.each(MODEL_READOUTS)('%s', (_name, readout, tileShape) => {
    it.each(MODELS)(`$name: max |a − b| / max |b| ≤ ${TOLERANCE}, through the conv path`, async (c) => {
      const original = seedWeights(c.build(), 17);
      const x = tf.tensor(randomUniform(3 * c.input.reduce((a, b) => a * b, 1), 19), [3, ...c.input]);
      for (const rowOrder of ROW_ORDERS) {
        const patched = await patchModel(original, {
          device: EXACT_DEVICE,
          mapping: { routine: exactMapping, rowOrder, ...(tileShape ? { tileShape } : {}) },
          readout,
          threads: 2,
        });
        const layers = patched.model.layers.filter((l) =>
          /Conv/.test(l.getClassName()),
        ) as unknown as MemristiveLayer[];
        expect(layers.length).toBeGreaterThan(0);
        // Every crossbar set holds its layer's weights exactly.
        for (const entry of patched.crossbars()) {
          const layer = patched.model.layers.find((l) => l.name === entry.layer) as unknown as MemristiveLayer;
          const weights = layer.crossbarWeights();
          expect(entry.sets.map((set, i) => inexactEntries(set, weights[i]!.data))).toEqual(weights.map(() => 0));
        }
        // The conv layers must take the conv path (engine.conv), not the im2col fallback.
        let convCalls = 0;
        for (const layer of layers)
          layer.setEngines(
            Array.from({ length: layer.crossbarSetCount }, (_, i) => {
              const engine = layer.engine(i)!;
              const conv = engine.conv!;
              return Object.assign((v: Float32Array, b: number, s?: number) => engine(v, b, s), {
                conv: (image: Float32Array, p: ConvPatches) => {
                  const y = conv(image, p);
                  if (y !== null) convCalls++;
                  return y;
                },
              });
            }),
          );
        const got = (patched.predict(x) as tf.Tensor).dataSync();
        expect(convCalls).toBeGreaterThanOrEqual(layers.reduce((n, l) => n + l.crossbarSetCount, 0));
        patched.setLegacy(true);
        const want = (patched.predict(x) as tf.Tensor).dataSync();
        expect(relativeError(got, want)).toBeLessThanOrEqual(TOLERANCE);
      }
      tf.dispose(x);
    });
  });
});
