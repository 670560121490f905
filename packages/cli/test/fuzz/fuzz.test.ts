import type { BoundaryCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/commands/device';
import {
  getExperiment,
  loadDataset,
  parseCifar10Batch,
  parseCsv,
  parseIdx,
  parseNpy,
  resolveDeviceModel,
  sliceDataset,
} from '../../src/index';
import { SHARED_ARGS } from '../../src/commands/shared-args';
import { resolveArgs } from '../../src/internal/arg-rules';
import { outDirectory } from '../../src/internal/out-dir';
import { parseQuantity } from '../../src/internal/quantity';

// Issue 18: generated bad values for the CLI's parsing and loading functions (fast-check via @memsim/core/testing)
// must be memsim errors naming the parameter: nothing a user types or a corrupt file holds may crash the CLI with a
// TypeError or be accepted silently.
const bytes = (b: unknown) => (typeof b === 'string' ? new TextEncoder().encode(b) : b);
const cases: BoundaryCase[] = [
  {
    fn: 'parseCsv',
    parameter: 'CSV',
    kind: 'string',
    call: (b) => parseCsv(typeof b === 'string' ? `${b}\n` : (b as never)),
  },
  { fn: 'parseIdx', parameter: 'IDX data', kind: 'string', call: (b) => parseIdx(bytes(b) as never) },
  { fn: 'parseNpy', parameter: '.npy data', kind: 'string', call: (b) => parseNpy(bytes(b) as never) },
  {
    fn: 'parseCifar10Batch',
    parameter: 'CIFAR-10 batch',
    kind: 'string',
    call: (b) => parseCifar10Batch(bytes(b) as never),
  },
  { fn: 'loadDataset', parameter: 'dataset', kind: 'string', call: (b) => loadDataset({ dataset: b as never }) },
  { fn: 'loadDataset', parameter: 'data', kind: 'string', call: (b) => loadDataset({ data: b as never }) },
  { fn: 'resolveDeviceModel', parameter: 'model', kind: 'string', call: (b) => resolveDeviceModel(b as never) },
  { fn: 'getExperiment', parameter: 'name', kind: 'string', call: (b) => getExperiment(b as never) },
  { fn: 'parseParams', parameter: '--param', kind: 'string', call: (b) => parseParams(b as never) },
  {
    fn: 'resolveArgs',
    parameter: '--seed',
    kind: 'string',
    call: (b) => resolveArgs('x', { seed: b as never }, { seed: SHARED_ARGS.seed }).seed,
  },
  {
    fn: 'parseQuantity',
    parameter: '--dt',
    kind: 'string',
    call: (b) => parseQuantity('x', '--dt', b as string, 'time'),
  },
  {
    fn: 'outDirectory',
    parameter: '--out',
    kind: 'required',
    call: (b) => outDirectory('x', b === undefined ? '' : b, 'd'),
  },
  { fn: 'sliceDataset', parameter: 'data', kind: 'required', call: (b) => sliceDataset(b as never, 0, 1) },
];

describe('@memsim/cli fuzz: bad inputs are typed errors naming the parameter', () => {
  it('no untyped or silent outcome', () => {
    const tally = runBoundaryFuzz(cases, [], { runs: 20 });
    console.log(formatFuzzTally('@memsim/cli', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });
});
