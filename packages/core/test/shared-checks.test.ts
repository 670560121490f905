import { describe, expect, it } from 'vitest';
import { InvalidParameterError, checkTileShape, requireOptions } from '../src/index';

describe('requireOptions', () => {
  it.each([{}, { mode: 'ideal' }, Object.create(null)])('accepts an object %#', (options) => {
    expect(() => requireOptions('f', options)).not.toThrow();
  });
  it.each([undefined, null, [], 5, 'options', true])('rejects %s naming `options`', (options) => {
    expect(() => requireOptions('f', options)).toThrow(InvalidParameterError);
    expect(() => requireOptions('f', options)).toThrow(/^f: `options` must be an options object/);
  });
});

describe('checkTileShape', () => {
  it('returns a fresh copy of a valid pair', () => {
    const shape = [128, 64];
    const got = checkTileShape('mvm', 'tileShape', shape);
    expect(got).toEqual([128, 64]);
    shape[0] = 1;
    expect(got[0]).toBe(128);
  });
  it.each([[[128]], [[1, 2, 3]], [undefined], [{ 0: 1, 1: 1, length: 2 }]])(
    'rejects a non-pair %j naming the parameter',
    (value) => {
      expect(() => checkTileShape('mvm', 'tileShape', value)).toThrow(
        /^mvm: `tileShape` must be a pair \[tileRows, tileCols\] of positive integers/,
      );
    },
  );
  it.each([
    [[0, 4], 0, 'tileRows'],
    [[4, -1], 1, 'tileCols'],
    [[2.5, 4], 0, 'tileRows'],
    [[Number.NaN, 4], 0, 'tileRows'],
    [['2', 4], 0, 'tileRows'],
    [[4, 2 ** 53], 1, 'tileCols'],
  ])('rejects %j naming the bad element', (value, index, dimension) => {
    expect(() => checkTileShape('mvm', 'tileShape', value)).toThrow(
      new RegExp(`^mvm: \`tileShape\\[${index}\\]\` must be a positive integer <= 2\\^53 - 1 \\(${dimension}\\)`),
    );
  });
});
