import { normal, VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import { MODEL_CASES, seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

const functional = MODEL_CASES.find((c) => c.name.startsWith('functional'))!;

function input(shape: number[], batch: number, seed: number): tf.Tensor {
  return tf.tensor(randomUniform(batch * shape.reduce((a, b) => a * b, 1), seed), [batch, ...shape]);
}

describe('MemristiveModel', () => {
  it('patching, tuning and non-idealities leave the original model unchanged', async () => {
    const original = seedWeights(functional.build(), 41);
    const x = input(functional.input, 3, 42);
    const weightsBefore = original.getWeights().map((w) => Array.from(w.dataSync()));
    const outBefore = Array.from((original.predict(x) as tf.Tensor).dataSync());
    const patched = await patchModel(original, { model: VTEAM, tileShape: [8, 4], adc: { bits: 6 } });
    patched.tune();
    patched.applyNonidealities([
      { kind: 'deviceFaults', lrsProportion: 0.1, hrsProportion: 0.1, electroformProportion: 0, seed: 3 },
    ]);
    patched.predict(x);
    expect(original.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weightsBefore);
    expect(Array.from((original.predict(x) as tf.Tensor).dataSync())).toEqual(outBefore);
    expect(original.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'Conv2D',
      'Flatten',
      'Dense',
      'Dense',
      'Add',
    ]);
    expect(patched.model.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'MemristiveConv2D',
      'Flatten',
      'MemristiveDense',
      'MemristiveDense',
      'Add',
    ]);
  });

  it.each([
    ['per layer, random inputs', { perColumn: false }],
    ['per column, random inputs', { perColumn: true }],
    ['per column, calibration data', { perColumn: true, data: true }],
  ] as const)('tune twice = tune once (%s) on a non-ideal chip', async (_label, options) => {
    const original = seedWeights(functional.build(), 43);
    const x = input(functional.input, 4, 44);
    const patched = await patchModel(original, { model: VTEAM, tileShape: [8, 4], adc: { bits: 5 } });
    const tuneOptions = {
      perColumn: options.perColumn,
      ...('data' in options ? { data: input(functional.input, 6, 45) } : {}),
    };
    const first = patched.tune(tuneOptions);
    const once = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const second = patched.tune(tuneOptions);
    const twice = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    expect(twice).toEqual(once);
    expect(second.map((r) => Array.from(r.calibration.slope))).toEqual(
      first.map((r) => Array.from(r.calibration.slope)),
    );
    expect(second.map((r) => Array.from(r.calibration.intercept))).toEqual(
      first.map((r) => Array.from(r.calibration.intercept)),
    );
    if (options.perColumn) expect(first[0]!.calibration.slope.length).toBe(3);
    // the ADC makes the fit non-trivial: the slope is not exactly 1
    expect(first.some((r) => Array.from(r.calibration.slope).some((s) => s !== 1))).toBe(true);
  });

  it('tune brings a degraded chip closer to the digital model', async () => {
    const c = MODEL_CASES[0]!;
    const original = seedWeights(c.build(), 46);
    const x = input(c.input, 8, 47);
    const ref = (original.predict(x) as tf.Tensor).dataSync();
    const patched = await patchModel(original, { model: VTEAM, scheme: 'double-column', adc: { bits: 4 } });
    patched.applyNonidealities([{ kind: 'finiteConductanceStates', states: 3 }]);
    const before = relativeError((patched.predict(x) as tf.Tensor).dataSync(), ref);
    patched.tune({ perColumn: true, samples: 512 });
    const after = relativeError((patched.predict(x) as tf.Tensor).dataSync(), ref);
    expect(before).toBeGreaterThan(1e-3);
    expect(after).toBeLessThan(before);
  });

  it('setLegacy(true) gives the digital model exactly; setLegacy(false) the crossbars again', async () => {
    const original = seedWeights(functional.build(), 48);
    const x = input(functional.input, 2, 49);
    const patched = await patchModel(original, { model: VTEAM, adc: { bits: 4 } });
    const memristive = Array.from((patched.predict(x) as tf.Tensor).dataSync());
    patched.setLegacy(true);
    // Same tfjs ops as the original layers; XNNPACK (wasm) may round the last bit differently between two models.
    expect(
      relativeError((patched.predict(x) as tf.Tensor).dataSync(), (original.predict(x) as tf.Tensor).dataSync()),
    ).toBeLessThan(1e-6);
    patched.setLegacy(false);
    expect(Array.from((patched.predict(x) as tf.Tensor).dataSync())).toEqual(memristive);
    expect(() => patched.setLegacy('yes' as never)).toThrow(/setLegacy.*on/);
  });

  it('crossbars() and summary() describe the chip; G⁺ − G⁻ = gain · W for ideal devices', async () => {
    const original = seedWeights(
      tf.sequential({ layers: [tf.layers.dense({ units: 6, inputShape: [10] }), tf.layers.dense({ units: 3 })] }),
      50,
    );
    const patched = await patchModel(original, { model: VTEAM, tileShape: [4, 4] });
    const summary = patched.summary();
    expect(summary.map((s) => [s.className, s.sets, s.crossbars, s.tiles, s.weights])).toEqual([
      ['MemristiveDense', 1, 2, 2 * 3 * 2, 60],
      ['MemristiveDense', 1, 2, 2 * 2 * 1, 18],
    ]);
    expect(summary[0]!.devices).toBe(2 * 12 * 8); // tile padding included
    const [set] = patched.crossbars()[0]!.sets;
    const kernel = original.layers[0]!.getWeights()[0]!.dataSync();
    const geff = set!.crossbars[0]!.conductance.map((g, i) => g - set!.crossbars[1]!.conductance[i]!);
    const scaled = Array.from(kernel, (w, i) => w * set!.gain[i % 6]!);
    expect(relativeError(geff, scaled)).toBeLessThan(1e-6);
  });

  it('applyNonidealities changes the outputs reproducibly (same seed → same chip)', async () => {
    const c = MODEL_CASES[0]!;
    const original = seedWeights(c.build(), 51);
    const x = input(c.input, 4, 52);
    const run = async (seed: number) => {
      const patched = await patchModel(original, { model: VTEAM });
      patched.tune();
      const clean = Array.from((patched.predict(x) as tf.Tensor).dataSync());
      const report = patched.applyNonidealities([
        { kind: 'deviceFaults', lrsProportion: 0.2, hrsProportion: 0.2, electroformProportion: 0, seed },
      ]);
      expect(report.crossbars).toBe(2);
      return { clean, faulty: Array.from((patched.predict(x) as tf.Tensor).dataSync()) };
    };
    const a = await run(7);
    const b = await run(7);
    const c8 = await run(8);
    expect(a.faulty).toEqual(b.faulty);
    expect(a.faulty).not.toEqual(a.clean);
    expect(c8.faulty).not.toEqual(a.faulty);
  });

  it('stochastic device parameters: same seed → same chip, another seed → another chip', async () => {
    const c = MODEL_CASES[0]!;
    const original = seedWeights(c.build(), 53);
    const x = input(c.input, 4, 54);
    const params = { rOn: normal({ mean: 50, std: 5, min: 20 }), rOff: normal({ mean: 1000, std: 100, min: 500 }) };
    const run = async (seed: number) => {
      const patched = await patchModel(original, { model: VTEAM, params, seed });
      return Array.from((patched.predict(x) as tf.Tensor).dataSync());
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
    // device-to-device variability is a real error before tuning
    expect(relativeError(a, (original.predict(x) as tf.Tensor).dataSync())).toBeGreaterThan(1e-3);
  });
});
