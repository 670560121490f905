import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { applyCalibration, calibrate, fitLinear, fitLinearPerColumn, identityCalibration } from '../../src/index';

const BAD_COUNTS = [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}];
const BAD_ARRAYS = [null, undefined, 5, '12', {}, [1, Number.NaN], [Number.NEGATIVE_INFINITY, 1]];
const raw = [1, 2, 3, 4];
const ref = [2, 4, 6, 8];

describe('calibration: bad values per parameter', () => {
  it.each(BAD_COUNTS)('calibrate cols = %s', (v) => {
    expect(() => calibrate(raw, ref, { cols: v as number })).toThrow(InvalidParameterError);
    expect(() => calibrate(raw, ref, { cols: v as number })).toThrow(/`cols`/);
  });
  it.each([0, 1, 'true', null, [], {}])('calibrate perColumn = %s', (v) => {
    expect(() => calibrate(raw, ref, { perColumn: v as boolean })).toThrow(/`perColumn` must be true or false/);
  });
  it.each([null, 5, 'x', []])('calibrate options = %s', (v) => {
    expect(() => calibrate(raw, ref, v as never)).toThrow(InvalidParameterError);
  });
  it.each([5, 'x', {}, { slope: new Float64Array([1]) }, { slope: [1], intercept: [0, 0], r2: [1] }])(
    'calibrate applied = %s',
    (v) => {
      expect(() => calibrate(raw, ref, { applied: v as never })).toThrow(/`applied/);
    },
  );
  it.each(BAD_ARRAYS)('calibrate raw = %s', (v) => {
    expect(() => calibrate(v as never, ref)).toThrow(/`raw/);
  });
  it.each(BAD_ARRAYS)('calibrate reference = %s', (v) => {
    expect(() => calibrate(raw, v as never)).toThrow(/`reference/);
  });
  it.each(BAD_ARRAYS)('fitLinear x = %s', (v) => {
    expect(() => fitLinear(v as never, [1, 2])).toThrow(/`x/);
  });
  it.each(BAD_COUNTS)('fitLinearPerColumn rows = %s', (v) => {
    expect(() => fitLinearPerColumn(raw, ref, v as number, 2)).toThrow(/`rows`/);
  });
  it.each(BAD_COUNTS)('fitLinearPerColumn cols = %s', (v) => {
    expect(() => fitLinearPerColumn(raw, ref, 2, v as number)).toThrow(/`cols`/);
  });
  it.each(BAD_ARRAYS)('applyCalibration y = %s', (v) => {
    expect(() => applyCalibration(v as never, identityCalibration())).toThrow(/`y/);
  });
  it.each([null, 5, {}, { slope: [Number.NaN], intercept: [0], r2: [1] }])('applyCalibration calibration = %s', (v) => {
    expect(() => applyCalibration(raw, v as never)).toThrow(/`calibration/);
  });
  it.each(BAD_COUNTS)('identityCalibration cols = %s', (v) => {
    expect(() => identityCalibration(v as number)).toThrow(/`cols` must be a positive integer/);
  });
});
