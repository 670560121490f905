import type { BoundaryCase, ExtremeCase } from '@memsim/core/testing';
import { formatFuzzTally, runBoundaryFuzz } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import {
  applyCalibration,
  calibrate,
  fitLinear,
  fitLinearPerColumn,
  identityCalibration,
  levelsMapping,
  mapWeights,
  naiveMap,
  naiveMapping,
  perColumnMapping,
  scaleInput,
  unscaleOutput,
} from '../../src/index';

// Issue 18: every public function of @memsim/mapping, generated bad values per parameter (fast-check via
// @memsim/core/testing) must be a memsim error naming the parameter; valid extremes are finite or a memsim error.
const W = { rows: 2, cols: 2, data: [0.5, -1, 0.25, 0] };
const OPTS = { rOn: 100, rOff: 16000, scheme: 'double-column' as const };
const mappers = { naiveMap, naiveMapping, perColumnMapping, mapWeights };

const cases: BoundaryCase[] = [
  ...Object.entries(mappers).flatMap(([fn, f]): BoundaryCase[] => [
    { fn, parameter: 'weights', kind: 'options', call: (b) => f(b as never, OPTS) },
    { fn, parameter: 'rows', kind: 'positiveInteger', call: (b) => f({ ...W, rows: b as number }, OPTS) },
    { fn, parameter: 'data', kind: 'numericArray', call: (b) => f({ ...W, data: b as never }, OPTS) },
    { fn, parameter: 'options', kind: 'options', call: (b) => f(W, b as never) },
    { fn, parameter: 'rOn', kind: 'positive', call: (b) => f(W, { ...OPTS, rOn: b as number }) },
    { fn, parameter: 'rOff', kind: 'positive', call: (b) => f(W, { ...OPTS, rOff: b as number }) },
    { fn, parameter: 'scheme', kind: 'string', call: (b) => f(W, { ...OPTS, scheme: b as never }) },
    { fn, parameter: 'pL', kind: 'proportion', call: (b) => f(W, { ...OPTS, pL: b as number }) },
  ]),
  {
    fn: 'levelsMapping',
    parameter: 'levels',
    kind: 'positiveInteger',
    call: (b) => levelsMapping(W, { ...OPTS, levels: b as number }),
  },
  {
    fn: 'scaleInput',
    parameter: 'x',
    kind: 'numericArray',
    call: (b) => scaleInput(b as never, { maxInputVoltage: 1, per: 'batch' }),
  },
  { fn: 'scaleInput', parameter: 'options', kind: 'options', call: (b) => scaleInput([1], b as never) },
  {
    fn: 'scaleInput',
    parameter: 'maxInputVoltage',
    kind: 'positive',
    call: (b) => scaleInput([1], { maxInputVoltage: b as number, per: 'batch' }),
  },
  {
    fn: 'scaleInput',
    parameter: 'per',
    kind: 'string',
    call: (b) => scaleInput([1], { maxInputVoltage: 1, per: b as never }),
  },
  {
    fn: 'scaleInput',
    parameter: 'batch',
    kind: 'positiveInteger',
    call: (b) => scaleInput([1], { maxInputVoltage: 1, per: 'batch', batch: b as number }),
  },
  { fn: 'unscaleOutput', parameter: 'y', kind: 'numericArray', call: (b) => unscaleOutput(b as never, [1]) },
  { fn: 'unscaleOutput', parameter: 'scale', kind: 'numericArray', call: (b) => unscaleOutput([1], b as never) },
  { fn: 'fitLinear', parameter: 'x', kind: 'numericArray', call: (b) => fitLinear(b as never, [1, 2, 3]) },
  { fn: 'fitLinear', parameter: 'y', kind: 'numericArray', call: (b) => fitLinear([1, 2, 3], b as never) },
  {
    fn: 'fitLinearPerColumn',
    parameter: 'rows',
    kind: 'positiveInteger',
    call: (b) => fitLinearPerColumn([1, 2, 3, 4], [1, 2, 3, 4], b as number, 2),
  },
  {
    fn: 'fitLinearPerColumn',
    parameter: 'cols',
    kind: 'positiveInteger',
    call: (b) => fitLinearPerColumn([1, 2, 3, 4], [1, 2, 3, 4], 2, b as number),
  },
  {
    fn: 'identityCalibration',
    parameter: 'cols',
    kind: 'positiveInteger',
    call: (b) => identityCalibration(b as number),
  },
  {
    fn: 'applyCalibration',
    parameter: 'y',
    kind: 'numericArray',
    call: (b) => applyCalibration(b as never, identityCalibration(1)),
  },
  { fn: 'applyCalibration', parameter: 'calibration', kind: 'options', call: (b) => applyCalibration([1], b as never) },
  { fn: 'calibrate', parameter: 'raw', kind: 'numericArray', call: (b) => calibrate(b as never, [1, 2, 3]) },
  { fn: 'calibrate', parameter: 'reference', kind: 'numericArray', call: (b) => calibrate([1, 2, 3], b as never) },
  { fn: 'calibrate', parameter: 'options', kind: 'options', call: (b) => calibrate([1, 2, 3], [1, 2, 3], b as never) },
];

const extremes: ExtremeCase[] = [
  { fn: 'naiveMap(rOn = 1e-320)', call: () => naiveMap(W, { ...OPTS, rOn: 1e-320, rOff: 1 }) },
  {
    fn: 'naiveMap(MAX_VALUE weights)',
    call: () => naiveMap({ ...W, data: [Number.MAX_VALUE, -Number.MAX_VALUE, 1, 0] }, OPTS),
  },
  { fn: 'perColumnMapping(subnormal)', call: () => perColumnMapping({ ...W, data: [5e-324, 0, 0, 5e-324] }, OPTS) },
  { fn: 'mapWeights(rOff = MAX_VALUE)', call: () => mapWeights(W, { ...OPTS, rOff: Number.MAX_VALUE }) },
  {
    fn: 'scaleInput(forceScale, subnormal)',
    call: () => scaleInput([5e-324], { maxInputVoltage: 1e300, per: 'batch', forceScale: true }),
  },
  {
    fn: 'scaleInput(fixed, tiny range)',
    call: () => scaleInput([1], { maxInputVoltage: 1e300, per: 'fixed', inputRange: 1e-300 }),
  },
  { fn: 'unscaleOutput(tiny scale)', call: () => unscaleOutput([1e300], [1e-300]) },
  { fn: 'fitLinear(MAX_VALUE)', call: () => fitLinear([Number.MAX_VALUE, -Number.MAX_VALUE, 0], [1, 2, 3]) },
  { fn: 'calibrate(1e300)', call: () => calibrate([1e300, -1e300, 1e299], [1, 2, 3]) },
  {
    fn: 'applyCalibration(1e308 slope)',
    call: () =>
      applyCalibration([1e308], {
        slope: Float64Array.of(1e308),
        intercept: Float64Array.of(0),
        r2: Float64Array.of(1),
      }),
  },
];

describe('@memsim/mapping fuzz: bad inputs are typed errors naming the parameter', () => {
  const tally = runBoundaryFuzz(cases, extremes, { runs: 30 });
  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/mapping', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
  });
});
