import { initCrossbars, mvm } from '@memsim/crossbar';
import type { MvmOptions } from '@memsim/crossbar';
import { DataDriven, VTEAM } from '@memsim/devices';
import { nonLinear } from '@memsim/nonideality';
import { beforeAll, describe, expect, it } from 'vitest';
import { convGeometry, flattenConvKernel, patchModel, unfold } from '../../src/index';
import type { PatchOptions } from '../../src/index';
import { seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

const MODES: {
  name: string;
  patch: Partial<PatchOptions>;
  mvm: MvmOptions;
  init: { tileShape?: [number, number]; model?: typeof VTEAM | typeof DataDriven };
  nonLinear?: boolean;
}[] = [
  {
    name: 'tiles 4×4 + 4-bit ADC',
    patch: { tileShape: [4, 4], adc: { bits: 4 } },
    mvm: { mode: 'tiled', adc: { bits: 4 } },
    init: { tileShape: [4, 4] },
  },
  {
    name: '4-bit DAC (±0.5 V) after encoding into ±0.5 V',
    patch: { dac: { bits: 4, range: 0.5 }, maxInputVoltage: 0.5 },
    mvm: { mode: 'ideal', dac: { bits: 4, range: 0.5 }, maxInputVoltage: 0.5 },
    init: {},
  },
  { name: 'untiled 3-bit ADC', patch: { adc: { bits: 3 } }, mvm: { mode: 'ideal', adc: { bits: 3 } }, init: {} },
  {
    name: 'passive 0T1R read-out (5 Ω source, 2 Ω line)',
    patch: { mode: 'passive', sourceResistance: 5, lineResistance: 2 },
    mvm: { mode: 'passive', sourceResistance: 5, lineResistance: 2 },
    init: {},
  },
  // VTEAM is ohmic at read-out; the data-driven RRAM model has a sinh-like I(V).
  {
    name: 'non-linear I-V (simulate, DataDriven devices)',
    patch: { model: DataDriven },
    mvm: { mode: 'nonlinear' },
    init: { model: DataDriven },
    nonLinear: true,
  },
];

describe('read-out modes change the outputs as @memsim/crossbar predicts (computed independently here)', () => {
  it.each(MODES)('Dense: $name', async (m) => {
    const original = seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [12] })] }), 61);
    const [kernel, bias] = original.layers[0]!.getWeights();
    const x = randomUniform(3 * 12, 62);
    const patched = await patchModel(original, { model: VTEAM, ...m.patch });
    if (m.nonLinear) patched.applyNonidealities([{ kind: 'nonLinear', mode: 'simulate' }]);
    const got = (patched.predict(tf.tensor(x, [3, 12])) as tf.Tensor).dataSync();
    const mapped = initCrossbars(
      { rows: 12, cols: 5, data: kernel!.dataSync() as Float32Array },
      { model: VTEAM, ...m.init },
    );
    if (m.nonLinear) for (const xbar of mapped.crossbars) nonLinear(xbar, { mode: 'simulate' });
    const y = mvm(x, 3, mapped, m.mvm);
    const b = bias!.dataSync();
    const expected = y.map((v, i) => v + b[i % 5]!);
    expect(relativeError(got, expected)).toBeLessThan(1e-6);
    const ideal = (original.predict(tf.tensor(x, [3, 12])) as tf.Tensor).dataSync();
    // the mode matters: outputs move away from the digital ones by the amount the crossbar computes
    const predicted = relativeError(expected, ideal);
    expect(predicted).toBeGreaterThan(1e-4);
    expect(Math.abs(relativeError(got, ideal) - predicted)).toBeLessThan(1e-5);
  });

  it('Conv2D: tiles 4×4 + 4-bit ADC on the unfolded patches', async () => {
    const original = seedWeights(
      tf.sequential({
        layers: [tf.layers.conv2d({ filters: 3, kernelSize: [3, 2], padding: 'same', inputShape: [5, 4, 2] })],
      }),
      63,
    );
    const [kernel, bias] = original.layers[0]!.getWeights();
    const x = randomUniform(2 * 5 * 4 * 2, 64);
    const patched = await patchModel(original, { model: VTEAM, tileShape: [4, 4], adc: { bits: 4 } });
    const got = (patched.predict(tf.tensor(x, [2, 5, 4, 2])) as tf.Tensor).dataSync();
    const [w] = flattenConvKernel(kernel!.dataSync() as Float32Array, kernel!.shape);
    const patches = unfold(x, convGeometry('test', [2, 5, 4, 2], { kernelSize: [3, 2], padding: 'same' }));
    const mapped = initCrossbars(w!, { model: VTEAM, tileShape: [4, 4] });
    const y = mvm(patches.data, patches.rows, mapped, { mode: 'tiled', adc: { bits: 4 } });
    const b = bias!.dataSync();
    expect(
      relativeError(
        got,
        y.map((v, i) => v + b[i % 3]!),
      ),
    ).toBeLessThan(1e-6);
  });

  it('setReadout switches a tiled + ADC chip to the ideal read-out without reprogramming', async () => {
    const original = seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [12] })] }), 65);
    const x = tf.tensor(randomUniform(3 * 12, 66), [3, 12]);
    const ideal = (original.predict(x) as tf.Tensor).dataSync();
    const patched = await patchModel(original, { model: VTEAM, tileShape: [4, 4], adc: { bits: 3 } });
    const tiled = relativeError((patched.predict(x) as tf.Tensor).dataSync(), ideal);
    patched.setReadout({ mode: 'ideal', adc: undefined });
    expect(relativeError((patched.predict(x) as tf.Tensor).dataSync(), ideal)).toBeLessThan(1e-5);
    expect(tiled).toBeGreaterThan(1e-3);
    expect(() => patched.setReadout({ mode: 'passive' })).toThrow(/createCrossbarEngine: `sourceResistance`/);
    expect(patched.settings.engine.mode).toBe('ideal'); // a failed change leaves the read-out as it was
    expect(relativeError((patched.predict(x) as tf.Tensor).dataSync(), ideal)).toBeLessThan(1e-5);
  });

  it('0T1R: pulse-programmed devices read out passively, as initCrossbars(transistor: false) + passive mvm predict', async () => {
    const original = seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] }), 81);
    const [kernel, bias] = original.layers[0]!.getWeights();
    const x = randomUniform(2 * 4, 82);
    const patched = await patchModel(original, {
      model: VTEAM,
      transistor: false,
      sourceResistance: 5,
      lineResistance: 1,
    });
    expect(patched.settings.engine.mode).toBe('passive');
    const got = (patched.predict(tf.tensor(x, [2, 4])) as tf.Tensor).dataSync();
    const mapped = initCrossbars(
      { rows: 4, cols: 3, data: kernel!.dataSync() as Float32Array },
      { model: VTEAM, transistor: false },
    );
    expect(Array.from(patched.crossbars()[0]!.sets[0]!.crossbars[0]!.conductance)).toEqual(
      Array.from(mapped.crossbars[0]!.conductance),
    );
    const y = mvm(x, 2, mapped, { mode: 'passive', sourceResistance: 5, lineResistance: 1 });
    const b = bias!.dataSync();
    expect(
      relativeError(
        got,
        y.map((v, i) => v + b[i % 3]!),
      ),
    ).toBeLessThan(1e-6);
  });
});
