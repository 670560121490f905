import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { initCrossbars } from '@memsim/crossbar';
import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrossbarEngine, MemristiveConv2D, patchModel } from '../../src/index';
import type { PatchOptions } from '../../src/index';
import { seedWeights } from '../fixtures';
import { setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

function model(): tf.LayersModel {
  return seedWeights(
    tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [2, 3] }),
        tf.layers.dense({ units: 3, name: 'fc1' }),
        tf.layers.dense({ units: 2, name: 'fc2' }),
      ],
    }),
    1,
  );
}

describe('patchModel bad input: typed errors naming the option (and the layer)', () => {
  const cases: [string, Partial<PatchOptions> | Record<string, unknown>, RegExp][] = [
    ['unknown key', { model: VTEAM, tileShap: [4, 4] }, /unknown key `tileShap`; did you mean `tileShape`/],
    ['missing device model', {}, /`model` must be a DeviceModel/],
    ['unsupported class name', { model: VTEAM, layers: ['Flatten'] }, /`layers\[0\]` must be one of 'Dense'/],
    ['empty layer list', { model: VTEAM, layers: [] }, /`layers`/],
    ['predicate selecting an unsupported layer', { model: VTEAM, layers: () => true }, /layer 'flatten.*Flatten/],
    ['passive without resistances', { model: VTEAM, transistor: false }, /`sourceResistance` must be given/],
    [
      'passive mode with one resistance',
      { model: VTEAM, mode: 'passive', sourceResistance: 5 },
      /`lineResistance` must be given/,
    ],
    [
      'resistances with a transistor read-out',
      { model: VTEAM, sourceResistance: 5, lineResistance: 5 },
      /`sourceResistance` must be omitted unless the read-out is passive/,
    ],
    ['ADC method without bits', { model: VTEAM, adc: { method: 'linear' } }, /`adc.bits` must be a positive integer/],
    ['ADC bits 0', { model: VTEAM, adc: { bits: 0 } }, /`adc.bits`/],
    ['ADC unknown key', { model: VTEAM, adc: { bits: 8, overflow: 0.1 } }, /unknown key `overflow`/],
    ['tiled mode without tiles', { model: VTEAM, mode: 'tiled' }, /`tileShape` must be given for mode 'tiled'/],
    ['bad tile shape', { model: VTEAM, tileShape: [0, 4] }, /`tileShape\[0\]` must be a positive integer/],
    [
      'negative max input voltage',
      { model: VTEAM, maxInputVoltage: -1 },
      /`maxInputVoltage` must be a finite number > 0/,
    ],
    ['NaN max input voltage', { model: VTEAM, maxInputVoltage: Number.NaN }, /`maxInputVoltage`/],
    [
      'encoding without max input voltage',
      { model: VTEAM, inputEncoding: 'sample' },
      /`inputEncoding` must be given together with maxInputVoltage/,
    ],
    ['unknown mode', { model: VTEAM, mode: 'analog' }, /`mode` must be one of/],
    ['unknown scheme', { model: VTEAM, scheme: 'triple-column' }, /`scheme`/],
    ['negative seed', { model: VTEAM, seed: -1 }, /`seed`/],
    ['bad verbose', { model: VTEAM, verbose: 'loud' }, /`verbose`/],
    ['unknown ADC range', { model: VTEAM, adcRange: 'image' }, /`adcRange` must be one of 'batch', 'sample'/],
    ['unknown row order', { model: VTEAM, rowOrder: 'kh-first' }, /`rowOrder` must be one of 'channels-first'/],
  ];
  it.each(cases)('%s', async (_label, options, pattern) => {
    await expect(patchModel(model(), options as PatchOptions)).rejects.toThrow(InvalidParameterError);
    await expect(patchModel(model(), options as PatchOptions)).rejects.toThrow(pattern);
  });

  it('NaN weights are rejected naming the layer', async () => {
    const m = model();
    const [k, b] = m.getLayer('fc2').getWeights();
    const data = k!.dataSync().slice();
    data[3] = Number.NaN;
    m.getLayer('fc2').setWeights([tf.tensor(data, k!.shape), b!]);
    await expect(patchModel(m, { model: VTEAM })).rejects.toThrow(/layer 'fc2'.*kernel\[3\]/);
  });

  it('a stateful SimpleRNN (not reproducible) is rejected naming the layer', async () => {
    const stateful = tf.sequential({
      layers: [tf.layers.simpleRNN({ units: 2, batchInputShape: [1, 3, 2], name: 'rnn2', stateful: true })],
    });
    await expect(patchModel(stateful, { model: VTEAM })).rejects.toThrow(/layer 'rnn2' stateful/);
  });

  it('an engine rejects a sample count that does not divide its rows, and an unknown ADC range', () => {
    const mapped = initCrossbars({ rows: 2, cols: 2, data: new Float32Array([1, 0, 0, 1]) }, { model: VTEAM });
    const engine = createCrossbarEngine(mapped, { mode: 'ideal', adc: { bits: 4 }, adcRange: 'sample' });
    expect(engine(new Float32Array(6), 3, 3)).toHaveLength(6);
    expect(() => engine(new Float32Array(6), 3, 2)).toThrow(ShapeMismatchError);
    expect(() => engine(new Float32Array(6), 3, 0)).toThrow(/`samples`/);
    expect(() => createCrossbarEngine(mapped, { mode: 'ideal', adcRange: 'all' as never })).toThrow(/`adcRange`/);
  });

  it('a conv layer rejects an unknown row order', () => {
    expect(() => new MemristiveConv2D({ filters: 2, kernelSize: 3, rowOrder: 'c-last' as never })).toThrow(
      /`rowOrder` must be one of/,
    );
  });

  it('verbose reports progress per layer', async () => {
    const messages: string[] = [];
    await patchModel(model(), { model: VTEAM, verbose: (m) => messages.push(m) });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/fc1 \(MemristiveDense, 1\/2\): 1 crossbar set\(s\), 36 devices/);
  });
});
