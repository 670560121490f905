import { VTEAM } from '@memsim/devices';
import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  convGeometry,
  createCrossbarEngine,
  MemristiveConv2D,
  MemristiveDense,
  MemristiveGRU,
  MemristiveSimpleRNN,
  patchModel,
} from '../../src/index';
import { loadModelFromDirectory } from '../../src/node/index';
import { initCrossbars } from '@memsim/crossbar';
import { seedWeights } from '../fixtures';
import { setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

// Issue 18: generated bad values for the public entries of @memsim/layers (fast-check via @memsim/core/testing) must
// be memsim errors naming the parameter; valid extremes are finite or a memsim error. patchModel is async, so its
// slots are checked through a synchronous probe of the same option check (createCrossbarEngine) plus an async pass.
const mapped = () => initCrossbars({ rows: 2, cols: 2, data: [1, -1, 0.5, 0] }, { model: VTEAM });
const cases: BoundaryCase[] = [
  { fn: 'MemristiveDense', parameter: 'args', kind: 'required', call: (b) => new MemristiveDense(b as never) },
  {
    fn: 'MemristiveDense',
    parameter: 'units',
    kind: 'positiveInteger',
    call: (b) => new MemristiveDense({ units: b as number }),
  },
  {
    fn: 'MemristiveConv2D',
    parameter: 'filters',
    kind: 'positiveInteger',
    call: (b) => new MemristiveConv2D({ filters: b as number, kernelSize: 3 }),
  },
  {
    fn: 'MemristiveSimpleRNN',
    parameter: 'units',
    kind: 'positiveInteger',
    call: (b) => new MemristiveSimpleRNN({ units: b as number }),
  },
  { fn: 'MemristiveGRU', parameter: 'args', kind: 'required', call: (b) => new MemristiveGRU(b as never) },
  {
    fn: 'createCrossbarEngine',
    parameter: 'mode',
    kind: 'string',
    call: (b) => createCrossbarEngine(mapped(), { mode: b as never }),
  },
  {
    fn: 'createCrossbarEngine',
    parameter: 'adc.bits',
    kind: 'positiveInteger',
    call: (b) => createCrossbarEngine(mapped(), { mode: 'ideal', adc: { bits: b as number } }),
  },
  {
    fn: 'createCrossbarEngine',
    parameter: 'maxInputVoltage',
    kind: 'positive',
    call: (b) => createCrossbarEngine(mapped(), { mode: 'ideal', maxInputVoltage: b as number }),
  },
  {
    fn: 'createCrossbarEngine',
    parameter: 'tileShape',
    kind: 'options',
    call: (b) => createCrossbarEngine(mapped(), { mode: 'tiled', tileShape: b as never }),
  },
  {
    fn: 'convGeometry',
    parameter: 'inputShape',
    kind: 'options',
    call: (b) => convGeometry('f', b as never, { kernelSize: [3, 3] }),
  },
];
const extremes: ExtremeCase[] = [
  {
    fn: 'engine at 1e30 inputs',
    call: () => createCrossbarEngine(mapped(), { mode: 'ideal' })(new Float32Array([1e30, 1e30]), 1),
  },
  {
    fn: 'engine maxInputVoltage 1e300',
    call: () => createCrossbarEngine(mapped(), { mode: 'ideal', maxInputVoltage: 1e300 })(new Float32Array([1, 1]), 1),
  },
];

describe('@memsim/layers fuzz: bad inputs are typed errors naming the parameter', () => {
  it('no untyped, silent or non-finite outcome (synchronous entries)', () => {
    const tally = runBoundaryFuzz(cases, extremes, { runs: 15 });
    console.log(formatFuzzTally('@memsim/layers', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });

  it('patchModel and loadModelFromDirectory reject bad arguments with memsim errors naming them', async () => {
    const model = seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] }), 3);
    const bad: [string, () => Promise<unknown>, RegExp][] = [
      ['model', () => patchModel(null as never, { model: VTEAM }), /`model`/],
      ['options', () => patchModel(model, null as never), /`options`/],
      ['adc.bits', () => patchModel(model, { model: VTEAM, adc: { bits: 64 } }), /`adc.bits`/],
      ['tileShape', () => patchModel(model, { model: VTEAM, tileShape: [0, 2] as never }), /`tileShape/],
      ['directory', () => loadModelFromDirectory(null as never), /`directory`/],
      ['directory', () => loadModelFromDirectory('/nonexistent/memsim'), /`directory`/],
    ];
    for (const [name, call, re] of bad) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).not.toBeNull();
      expect((error as Error).name, `${name}: ${(error as Error).message}`).toMatch(
        /InvalidParameterError|ShapeMismatchError/,
      );
      expect((error as Error).message).toMatch(re);
    }
  });
});
