import { InvalidParameterError } from '@memsim/core';
import { initCrossbars, mvm } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flatToConfig } from '../../src/config/flat-options';
import {
  DEFAULT_DEVICE_CONFIG,
  DEFAULT_MAPPING_CONFIG,
  DEFAULT_PATCH_OPTIONS,
  DEFAULT_PROGRAMMING_CONFIG,
  DEFAULT_READOUT_CONFIG,
  FLAT_PATCH_OPTIONS_DEPRECATION,
  patchModel,
} from '../../src/index';
import type { PatchConfig, PatchOptions } from '../../src/index';
import { resolvePatchConfig } from '../../src/patch/patch-model';
import { seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

// Issue 20: one config per concern. The flat form is the deprecated alias; both must build the same chip.
const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

beforeAll(async () => {
  await setupBackend();
});
afterAll(() => {
  emitWarning.mockRestore();
});

function dense(): tf.LayersModel {
  return seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [12] })] }), 201);
}
function conv(): tf.LayersModel {
  return seedWeights(
    tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', inputShape: [5, 5, 2] }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4 }),
      ],
    }),
    202,
  );
}

/** Pairs of (flat, nested) options that must give the same chip and bit-identical outputs. */
const PAIRS: { name: string; model: () => tf.LayersModel; input: number[]; flat: PatchOptions; nested: PatchConfig }[] =
  [
    {
      name: 'defaults',
      model: dense,
      input: [12],
      flat: { model: VTEAM },
      nested: { device: { model: VTEAM } },
    },
    {
      name: 'tiles + ADC + DAC + encoding + per-column mapping',
      model: conv,
      input: [5, 5, 2],
      flat: {
        model: VTEAM,
        mapping: 'per-column',
        tileShape: [8, 4],
        adc: { bits: 6 },
        dac: { bits: 8, range: 0.3 },
        maxInputVoltage: 0.3,
        inputEncoding: 'sample',
        adcRange: 'sample',
        rowOrder: 'channels-last',
        seed: 3,
      },
      nested: {
        device: { model: VTEAM },
        mapping: { routine: 'per-column', tileShape: [8, 4], rowOrder: 'channels-last' },
        readout: {
          adc: { bits: 6 },
          dac: { bits: 8, range: 0.3 },
          maxInputVoltage: 0.3,
          inputEncoding: 'sample',
          adcRange: 'sample',
        },
        seed: 3,
      },
    },
    {
      name: 'single column, levels, pL, random initial state, read noise',
      model: dense,
      input: [12],
      flat: {
        model: VTEAM,
        scheme: 'single-column',
        mapping: 'levels',
        levels: 9,
        pL: 0.9,
        randomInitialState: true,
        readNoise: { model: 'gaussian', relative: 0.02 },
        seed: 5,
      },
      nested: {
        device: { model: VTEAM, initialState: 'random' },
        mapping: { scheme: 'single-column', routine: 'levels', levels: 9, pL: 0.9 },
        readout: { readNoise: { model: 'gaussian', relative: 0.02 } },
        seed: 5,
      },
    },
    {
      name: '0T1R pulse programming + passive read-out',
      model: dense,
      input: [12],
      flat: {
        model: VTEAM,
        transistor: false,
        programming: { relTol: 0.05, maxIterations: 50 },
        sourceResistance: 2,
        lineResistance: 1,
      },
      nested: {
        device: { model: VTEAM },
        programming: { transistor: false, relTol: 0.05, maxIterations: 50 },
        readout: { sourceResistance: 2, lineResistance: 1 },
      },
    },
  ];

describe('nested configs and the deprecated flat form', () => {
  it.each(PAIRS)('$name: same chip, same settings, bit-identical forward', async (p) => {
    const original = p.model();
    const x = tf.tensor(randomUniform(3 * p.input.reduce((a, b) => a * b, 1), 203), [3, ...p.input]);
    const flat = await patchModel(original, { ...p.flat, threads: 1 });
    const nested = await patchModel(original, { ...p.nested, threads: 1 });
    expect(nested.settings).toEqual(flat.settings);
    const a = flat.crossbars().flatMap((l) => l.sets.flatMap((s) => s.crossbars.map((c) => Array.from(c.conductance))));
    const b = nested
      .crossbars()
      .flatMap((l) => l.sets.flatMap((s) => s.crossbars.map((c) => Array.from(c.conductance))));
    expect(b).toEqual(a);
    const yFlat = (flat.predict(x) as tf.Tensor).dataSync();
    const yNested = (nested.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(yNested)).toEqual(Array.from(yFlat)); // bit for bit
    expect(yNested.every(Number.isFinite)).toBe(true);
    tf.dispose(x);
  });

  it('the flat form warns once per process with its typed code; the nested form never warns', async () => {
    const deprecations = () =>
      emitWarning.mock.calls.filter(
        (c) => (c[1] as { code?: string } | undefined)?.code === FLAT_PATCH_OPTIONS_DEPRECATION,
      );
    const before = deprecations().length; // the table above may have warned already (this file's module instance)
    await patchModel(dense(), { model: VTEAM });
    await patchModel(dense(), { model: VTEAM, seed: 2 });
    expect(deprecations().length).toBe(Math.max(before, 1));
    expect(deprecations()[0]![1]).toMatchObject({ type: 'DeprecationWarning' });
    const count = emitWarning.mock.calls.length;
    await patchModel(dense(), { device: { model: VTEAM } });
    expect(emitWarning.mock.calls.length).toBe(count);
  });
});

describe('each config resolves to the old defaults (compared as resolved objects)', () => {
  it('nested with only a device equals the flat form with every old default written out', () => {
    const nested = resolvePatchConfig({ device: { model: VTEAM } });
    // An encoding given without maxInputVoltage was (and is) an error, so that default is compared on its own.
    const { inputEncoding, ...written } = DEFAULT_PATCH_OPTIONS;
    const flat = resolvePatchConfig(flatToConfig('patchModel', { model: VTEAM, ...written }), true);
    expect(nested.engine.inputEncoding).toBe(inputEncoding);
    expect(nested).toEqual(flat);
  });

  it('the configs’ default objects hold the old flat defaults', () => {
    const o = DEFAULT_PATCH_OPTIONS;
    expect({ ...DEFAULT_MAPPING_CONFIG }).toEqual({ scheme: o.scheme, routine: o.mapping, rowOrder: o.rowOrder });
    expect({ ...DEFAULT_PROGRAMMING_CONFIG }).toEqual({ transistor: o.transistor });
    expect({ ...DEFAULT_READOUT_CONFIG }).toEqual({ inputEncoding: o.inputEncoding });
    expect(DEFAULT_DEVICE_CONFIG.initialState).toBe(o.randomInitialState ? 'random' : 'hrs');
  });

  it('the defaults reach initCrossbars as its own defaults (same chip as initCrossbars without options)', () => {
    const { init } = resolvePatchConfig({ device: { model: VTEAM } });
    const w = { rows: 3, cols: 2, data: [0.5, -1, 0.25, 0.75, -0.125, 0] };
    const a = initCrossbars(w, { ...init!, seed: 0 });
    const b = initCrossbars(w, { model: VTEAM, seed: 0 });
    expect(a.crossbars.map((c) => Array.from(c.conductance))).toEqual(
      b.crossbars.map((c) => Array.from(c.conductance)),
    );
    expect(a.scheme).toBe(b.scheme);
  });
});

describe('unknown keys: rejected naming the key and the allowed keys', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'top level',
      { device: { model: VTEAM }, readouts: {} },
      /patchModel: unknown key `readouts`.*`device`, `mapping`/,
    ],
    [
      'device',
      { device: { model: VTEAM, parms: {} } },
      /patchModel device: unknown key `parms`.*`model`, `params`, `initialState`/,
    ],
    [
      'mapping',
      { device: { model: VTEAM }, mapping: { rout: 'naive' } },
      /patchModel mapping: unknown key `rout`.*`scheme`, `routine`/,
    ],
    [
      'programming',
      { device: { model: VTEAM }, programming: { relTOL: 0.1 } },
      /patchModel programming: unknown key `relTOL`.*`transistor`, `relTol`/,
    ],
    [
      'readout',
      { device: { model: VTEAM }, readout: { adcBits: 8 } },
      /patchModel readout: unknown key `adcBits`.*`mode`, `tileShape`, `adc`/,
    ],
    [
      'readout.adc',
      { device: { model: VTEAM }, readout: { adc: { bits: 8, rate: 0 } } },
      /patchModel readout.adc: unknown key `rate`.*`bits`, `overflowRate`, `method`/,
    ],
    [
      'flat form',
      { model: VTEAM, tileShap: [4, 4] },
      /patchModel: unknown key `tileShap`; did you mean `tileShape`\? Allowed keys are `layers`, `model`/,
    ],
  ];
  it.each(cases)('%s', async (_label, options, pattern) => {
    await expect(patchModel(dense(), options as PatchConfig)).rejects.toThrow(InvalidParameterError);
    await expect(patchModel(dense(), options as PatchConfig)).rejects.toThrow(pattern);
  });

  it('bad values in a config name their path (readout.adc.bits, mapping.tileShape[1], device)', async () => {
    await expect(patchModel(dense(), { device: { model: VTEAM }, readout: { adc: { bits: 0 } } })).rejects.toThrow(
      /`readout.adc.bits` must be a positive integer/,
    );
    await expect(patchModel(dense(), { device: { model: VTEAM }, mapping: { tileShape: [4, 0] } })).rejects.toThrow(
      /`mapping.tileShape\[1\]`/,
    );
    await expect(patchModel(dense(), {})).rejects.toThrow(/`device` must be a DeviceConfig/);
    await expect(patchModel(dense(), { device: { model: VTEAM }, readout: 5 as never })).rejects.toThrow(
      /`readout` must be a config object/,
    );
  });
});

describe('passive resistances: ≥ 0 at patchModel as in mvm (0 = ideal source), both boundaries', () => {
  const x = randomUniform(2 * 12, 204);
  async function passive(sourceResistance: number) {
    return patchModel(dense(), {
      device: { model: VTEAM },
      readout: { mode: 'passive', sourceResistance, lineResistance: 1 },
      threads: 1,
    });
  }
  it('sourceResistance 0 is accepted and reads as mvm reads it', async () => {
    const patched = await passive(0);
    const set = patched.crossbars()[0]!.sets[0]!;
    const raw = (patched.model.layers[0]!.getWeights()[1] as tf.Tensor).dataSync();
    const got = (patched.predict(tf.tensor(x, [2, 12])) as tf.Tensor).dataSync();
    const y = mvm(x, 2, set, { mode: 'passive', sourceResistance: 0, lineResistance: 1 });
    expect(
      relativeError(
        got,
        y.map((v, k) => v + raw[k % 5]!),
      ),
    ).toBeLessThan(1e-6);
  });
  it.each([-1e-12, -1, Number.NaN, Number.POSITIVE_INFINITY])('sourceResistance %o is rejected', async (r) => {
    await expect(passive(r)).rejects.toThrow(/`readout.sourceResistance`/);
    expect(() =>
      mvm(new Float32Array(12), 1, initCrossbars({ rows: 12, cols: 1, data: new Float64Array(12) }, { model: VTEAM }), {
        mode: 'passive',
        sourceResistance: r,
        lineResistance: 1,
      }),
    ).toThrow(/`sourceResistance`/);
  });
  it('the flat form follows the same rule (0 accepted)', async () => {
    await expect(
      patchModel(dense(), { model: VTEAM, transistor: false, sourceResistance: 0, lineResistance: 1, threads: 1 }),
    ).resolves.toBeDefined();
  });
});

describe('setReadout takes a ReadoutConfig', () => {
  it('the same read-out given at patch time or through setReadout gives bit-identical outputs', async () => {
    const x = tf.tensor(randomUniform(3 * 12, 205), [3, 12]);
    const readout = { adc: { bits: 5 }, maxInputVoltage: 0.2, inputEncoding: 'sample' as const };
    const direct = await patchModel(dense(), { device: { model: VTEAM }, readout, threads: 1 });
    const later = await patchModel(dense(), { device: { model: VTEAM }, threads: 1 });
    later.setReadout(readout);
    expect(Array.from((later.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((direct.predict(x) as tf.Tensor).dataSync()),
    );
    expect(() => later.setReadout({ adcBits: 4 } as never)).toThrow(/unknown key `adcBits`/);
    tf.dispose(x);
  });
});
