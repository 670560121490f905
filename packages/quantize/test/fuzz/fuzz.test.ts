import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { quantize, quantizeInput, quantizeLevels } from '../../src/index';

// Issue 18: every public function of @memsim/quantize, generated bad values per parameter slot (fast-check via
// @memsim/core/testing) must be a memsim error naming the parameter; valid extremes are finite or a memsim error.
const x = () => new Float64Array([0.1, -0.4, 0.9]);
const cases: BoundaryCase[] = [
  { fn: 'quantize', parameter: 'x', kind: 'numericArray', call: (b) => quantize(b as never, { bits: 4 }) },
  { fn: 'quantize', parameter: 'options', kind: 'options', call: (b) => quantize(x(), b as never) },
  { fn: 'quantize', parameter: 'bits', kind: 'positiveInteger', call: (b) => quantize(x(), { bits: b as number }) },
  {
    fn: 'quantize',
    parameter: 'overflowRate',
    kind: 'proportion',
    call: (b) => quantize(x(), { bits: 4, overflowRate: b as number }),
  },
  { fn: 'quantize', parameter: 'method', kind: 'string', call: (b) => quantize(x(), { bits: 4, method: b as never }) },
  { fn: 'quantize', parameter: 'out', kind: 'options', call: (b) => quantize(x(), { bits: 4 }, b as never) },
  { fn: 'quantizeLevels', parameter: 'x', kind: 'numericArray', call: (b) => quantizeLevels(b as never, 3, 0, 1) },
  {
    fn: 'quantizeLevels',
    parameter: 'levels',
    kind: 'positiveInteger',
    call: (b) => quantizeLevels(x(), b as number, 0, 1),
  },
  { fn: 'quantizeLevels', parameter: 'min', kind: 'finite', call: (b) => quantizeLevels(x(), 3, b as number, 1e300) },
  {
    fn: 'quantizeInput',
    parameter: 'bits',
    kind: 'positiveInteger',
    call: (b) => quantizeInput(x(), { bits: b as number, range: 1 }),
  },
  {
    fn: 'quantizeInput',
    parameter: 'range',
    kind: 'positive',
    call: (b) => quantizeInput(x(), { bits: 4, range: b as number }),
  },
  { fn: 'quantizeInput', parameter: 'options', kind: 'options', call: (b) => quantizeInput(x(), b as never) },
];
const methods = ['linear', 'log', 'log_minmax', 'minmax', 'tanh'] as const;
const extremes: ExtremeCase[] = [
  ...methods.flatMap((method): ExtremeCase[] => [
    {
      fn: `quantize ${method} MAX_VALUE`,
      call: () => quantize(new Float64Array([Number.MAX_VALUE, -Number.MAX_VALUE, 0]), { bits: 53, method }),
    },
    {
      fn: `quantize ${method} subnormal`,
      call: () => quantize(new Float64Array([5e-324, -5e-324]), { bits: 1, method }),
    },
    {
      fn: `quantize ${method} float32 max`,
      call: () => quantize(new Float32Array([3.4e38, -3.4e38, 1]), { bits: 8, method }),
    },
  ]),
  {
    fn: 'quantizeLevels(2^53 - 1 levels)',
    call: () => quantizeLevels(x(), 2 ** 53 - 1, -Number.MAX_VALUE, Number.MAX_VALUE),
  },
  {
    fn: 'quantizeInput(range 2^960)',
    call: () => quantizeInput(new Float64Array([1e300, -1e300]), { bits: 53, range: 2 ** 960 }),
  },
];

describe('@memsim/quantize fuzz: bad inputs are typed errors naming the parameter', () => {
  const tally = runBoundaryFuzz(cases, extremes, { runs: 40 });
  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/quantize', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });
});
