import { initCrossbars, mvm } from '@memsim/crossbar';
import type { InitCrossbarsOptions } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { scaleInput, unscaleOutput } from '@memsim/mapping';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import type { PatchOptions } from '../../src/index';
import { seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

// Each option changes the chip exactly as @memsim/crossbar / @memsim/mapping predict for the same weights.
const OPTIONS: { name: string; patch: Partial<PatchOptions>; init: Partial<InitCrossbarsOptions> }[] = [
  { name: "scheme 'single-column'", patch: { scheme: 'single-column' }, init: { scheme: 'single-column' } },
  { name: "mapping 'per-column'", patch: { mapping: 'per-column' }, init: { mapping: 'per-column' } },
  {
    name: "mapping 'levels' (5 levels)",
    patch: { mapping: 'levels', levels: 5 },
    init: { mapping: 'levels', levels: 5 },
  },
  { name: 'pL 0.2', patch: { pL: 0.2 }, init: { pL: 0.2 } },
  {
    name: 'rOn/rOff parameters',
    patch: { params: { rOn: 200, rOff: 5000 } },
    init: { params: { rOn: 200, rOff: 5000 } },
  },
];

describe('patch options change the chip as the physics packages predict', () => {
  let original: tf.LayersModel;
  let weights: { rows: number; cols: number; data: Float32Array };
  const x = randomUniform(5 * 9, 92);
  beforeAll(() => {
    original = seedWeights(
      tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [9], useBias: false })] }),
      91,
    );
    weights = { rows: 9, cols: 4, data: original.layers[0]!.getWeights()[0]!.dataSync() as Float32Array };
  });

  it.each(OPTIONS)('$name', async (o) => {
    const patched = await patchModel(original, { model: VTEAM, ...o.patch });
    const mapped = initCrossbars(weights, { model: VTEAM, ...o.init });
    const set = patched.crossbars()[0]!.sets[0]!;
    expect(set.crossbars.length).toBe(mapped.crossbars.length);
    for (const [k, c] of set.crossbars.entries())
      expect(Array.from(c.conductance)).toEqual(Array.from(mapped.crossbars[k]!.conductance));
    expect(Array.from(set.gain)).toEqual(Array.from(mapped.gain));
    const got = (patched.predict(tf.tensor(x, [5, 9])) as tf.Tensor).dataSync();
    expect(relativeError(got, mvm(x, 5, mapped, { mode: 'ideal' }))).toBeLessThan(1e-6);
    const base = initCrossbars(weights, { model: VTEAM });
    const changed = set.crossbars[0]!.conductance.some((g, i) => g !== base.crossbars[0]!.conductance[i]);
    expect(changed).toBe(true);
  });

  it("inputEncoding 'sample' scales each input row on its own (visible through an ADC)", async () => {
    const adc = { bits: 3 };
    const results = [];
    for (const inputEncoding of ['batch', 'sample'] as const) {
      const patched = await patchModel(original, { model: VTEAM, maxInputVoltage: 0.2, inputEncoding, adc });
      const got = (patched.predict(tf.tensor(x, [5, 9])) as tf.Tensor).dataSync();
      const mapped = initCrossbars(weights, { model: VTEAM });
      const { voltages, scale } = scaleInput(x, { maxInputVoltage: 0.2, per: inputEncoding, batch: 5 });
      expect(relativeError(got, unscaleOutput(mvm(voltages, 5, mapped, { mode: 'ideal', adc }), scale))).toBeLessThan(
        1e-6,
      );
      results.push(Array.from(got));
    }
    expect(results[1]).not.toEqual(results[0]);
  });
});
