import { initCrossbars, mvm } from '@memsim/crossbar';
import { DataDriven, VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { convGeometry, flattenConvKernel, patchModel, unfold } from '../../src/index';
import type { MemristiveModel, PatchOptions } from '../../src/index';
import { MODEL_CASES, seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

/** Every read-out with a data-dependent range: an ADC (untiled or per tile) or a per-sample input scale. */
const READOUTS: { name: string; patch: Partial<PatchOptions>; nonLinear?: boolean }[] = [
  { name: 'ideal, untiled 4-bit ADC', patch: { adc: { bits: 4 } } },
  { name: 'tiled 4×4, 4-bit ADC', patch: { tileShape: [4, 4], adc: { bits: 4 } } },
  {
    name: "ideal, 'sample' encoding into ±0.5 V, 4-bit DAC, untiled 5-bit ADC with 10 % overflow",
    patch: {
      maxInputVoltage: 0.5,
      inputEncoding: 'sample',
      dac: { bits: 4, range: 0.5 },
      adc: { bits: 5, overflowRate: 0.1 },
    },
  },
  {
    name: "tiled 4×4, 'sample' encoding, 4-bit ADC",
    patch: { tileShape: [4, 4], maxInputVoltage: 0.5, inputEncoding: 'sample', adc: { bits: 4 } },
  },
  {
    name: 'passive, untiled 4-bit ADC',
    patch: { mode: 'passive', sourceResistance: 5, lineResistance: 2, adc: { bits: 4 } },
  },
  {
    name: "passive tiles 4×4, 'sample' encoding, 4-bit ADC",
    patch: {
      mode: 'passive',
      tileShape: [4, 4],
      sourceResistance: 5,
      lineResistance: 2,
      maxInputVoltage: 0.5,
      inputEncoding: 'sample',
      adc: { bits: 4 },
    },
  },
  // (The data-driven model's I(V) overflows for volts-large inputs: these read-outs encode into ±0.5 V.)
  {
    name: "non-linear I-V (DataDriven), 'fixed' encoding (0.05 V per unit), untiled 4-bit ADC",
    patch: { model: DataDriven, maxInputVoltage: 0.05, inputEncoding: 'fixed', adc: { bits: 4 } },
    nonLinear: true,
  },
  {
    name: "non-linear I-V (DataDriven), tiles 4×4, 'sample' encoding, 4-bit ADC",
    patch: { model: DataDriven, tileShape: [4, 4], maxInputVoltage: 0.5, inputEncoding: 'sample', adc: { bits: 4 } },
    nonLinear: true,
  },
];

const N = 3;

/** N inputs of very different magnitudes (a batch-wide range or scale would be set by the largest). */
function inputs(shape: number[], seed: number): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = randomUniform(N * size, seed);
  for (let i = 0; i < N; i++) for (let k = 0; k < size; k++) x[i * size + k]! *= [1, 7, 0.2][i]!;
  return x;
}

/** The batch's outputs and the outputs of each image predicted alone. */
function batchAndAlone(
  patched: MemristiveModel,
  shape: number[],
  x: Float32Array,
): { batch: number[]; alone: number[] } {
  const size = shape.reduce((a, b) => a * b, 1);
  const batch = Array.from((patched.predict(tf.tensor(x, [N, ...shape]), { batchSize: N }) as tf.Tensor).dataSync());
  const alone: number[] = [];
  for (let i = 0; i < N; i++)
    alone.push(
      ...(patched.predict(tf.tensor(x.slice(i * size, (i + 1) * size), [1, ...shape])) as tf.Tensor).dataSync(),
    );
  return { batch, alone };
}

describe('an image’s output does not depend on the rest of its batch (bit for bit)', () => {
  describe.each(READOUTS)('$name', (readout) => {
    it.each(MODEL_CASES)('$name', async (c) => {
      const patched = await patchModel(seedWeights(c.build(), 91), {
        model: VTEAM,
        adcRange: 'sample',
        seed: 3,
        ...readout.patch,
      });
      if (readout.nonLinear) patched.applyNonidealities([{ kind: 'nonLinear', mode: 'simulate' }]);
      const { batch, alone } = batchAndAlone(patched, c.input, inputs(c.input, 92));
      expect(batch.every(Number.isFinite)).toBe(true);
      expect(batch).toEqual(alone);
      patched.dispose();
    });
  });
});

describe('ADC range defaults (MemTorch’s rules)', () => {
  const conv = MODEL_CASES.find((c) => c.name.startsWith('Conv2D non-square'))!;
  const dense = MODEL_CASES.find((c) => c.name === 'Dense relu')!;

  it('convolutions take one untiled ADC range per image by default', async () => {
    const patched = await patchModel(seedWeights(conv.build(), 93), { model: VTEAM, adc: { bits: 4 } });
    expect(patched.settings.engine.adcRange).toBeUndefined();
    const { batch, alone } = batchAndAlone(patched, conv.input, inputs(conv.input, 94));
    expect(batch).toEqual(alone);
    // … and 'batch' makes the image's output depend on its neighbours (the range is set by the largest image).
    patched.setReadout({ adcRange: 'batch' });
    const shared = batchAndAlone(patched, conv.input, inputs(conv.input, 94));
    expect(shared.alone).toEqual(alone);
    expect(shared.batch).not.toEqual(alone);
  });

  it("Dense keeps MemTorch's Linear rule (one range per batch) unless adcRange is 'sample'", async () => {
    const patched = await patchModel(seedWeights(dense.build(), 95), { model: VTEAM, adc: { bits: 4 } });
    const x = inputs(dense.input, 96);
    const whole = batchAndAlone(patched, dense.input, x);
    expect(whole.batch).not.toEqual(whole.alone);
    patched.setReadout({ adcRange: 'sample' });
    const perSample = batchAndAlone(patched, dense.input, x);
    expect(perSample.batch).toEqual(perSample.alone);
    expect(perSample.alone).toEqual(whole.alone); // alone, a batch of one: both rules agree
  });

  it("a conv image's patches are one block: its 'sample' scale and untiled ADC range are mvm's on that image alone", async () => {
    // mvm scales its whole call into ±maxInputVoltage and quantises its whole output once: called on one image's
    // patches, that is MemTorch's per-sample conv (scale after padding, one quantize over the (out, L) matrix).
    const original = seedWeights(conv.build(), 98);
    const [kernel, bias] = original.layers[0]!.getWeights();
    const x = inputs(conv.input, 99);
    const patched = await patchModel(original, {
      model: VTEAM,
      maxInputVoltage: 0.5,
      inputEncoding: 'sample',
      adc: { bits: 5 },
    });
    const got = (patched.predict(tf.tensor(x, [N, ...conv.input])) as tf.Tensor).dataSync();
    const [w] = flattenConvKernel(kernel!.dataSync() as Float32Array, kernel!.shape);
    const mapped = initCrossbars(w!, { model: VTEAM });
    const size = conv.input.reduce((a, b) => a * b, 1);
    const geometry = convGeometry('test', [1, ...conv.input], { kernelSize: [3, 2], strides: [2, 1], padding: 'same' });
    const b = bias!.dataSync();
    const expected: number[] = [];
    for (let i = 0; i < N; i++) {
      const patches = unfold(x.slice(i * size, (i + 1) * size), geometry);
      const y = mvm(patches.data, patches.rows, mapped, { mode: 'ideal', maxInputVoltage: 0.5, adc: { bits: 5 } });
      expected.push(...y.map((v, k) => v + b[k % 4]!));
    }
    expect(relativeError(got, expected)).toBeLessThan(1e-6);
  });

  it('rejects an unknown adcRange', async () => {
    await expect(
      patchModel(seedWeights(dense.build(), 97), { model: VTEAM, adcRange: 'image' as never }),
    ).rejects.toThrow(/adcRange/);
  });
});
