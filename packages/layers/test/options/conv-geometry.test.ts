import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { convGeometry } from '../../src/index';

// Issue 20, "one options resolver": convGeometry resolves its options through a schema typed against
// ConvGeometryOptions (one per rank, so the per-axis rules know the array length). Each bad option throws
// InvalidParameterError naming the parameter, the value and what is allowed.
const shape = [1, 5, 5, 3];

// [case, options, message pattern]
const cases: [string, unknown, RegExp][] = [
  ['unknown key', { kernelSize: [3, 3], stride: [1, 1] }, /^conv: unknown key `stride`; did you mean `strides`\?/],
  ['not an object', 3, /^conv: `options` must be an options object; received 3/],
  ['missing kernelSize', {}, /^conv: `kernelSize` must be an array of 2 positive integers; received undefined/],
  [
    'kernelSize not an array',
    { kernelSize: 3 },
    /^conv: `kernelSize` must be an array of 2 positive integers; received 3/,
  ],
  ['kernelSize of the wrong rank', { kernelSize: [3, 3, 3] }, /`kernelSize` must be an array of 2 positive integers/],
  ['kernelSize entry of the wrong type', { kernelSize: [3, '3'] }, /`kernelSize\[1\]` must be a positive integer/],
  [
    'strides entry out of range',
    { kernelSize: [3, 3], strides: [0, 1] },
    /`strides\[0\]` must be a positive integer.*; received 0/,
  ],
  [
    'dilationRate entry not an integer',
    { kernelSize: [3, 3], dilationRate: [1, 1.5] },
    /`dilationRate\[1\]`.*received 1\.5/,
  ],
  ['unknown padding', { kernelSize: [3, 3], padding: 'full' }, /`padding` must be one of .*'valid'.*received 'full'/],
  ['padding of the wrong type', { kernelSize: [3, 3], padding: 1 }, /`padding` must be one of/],
  ['groups out of range', { kernelSize: [3, 3], groups: 0 }, /`groups` must be a positive integer.*; received 0/],
  ['groups of the wrong type', { kernelSize: [3, 3], groups: '1' }, /`groups` must be a positive integer/],
];

describe('convGeometry options', () => {
  it.each(cases)('rejects %s', (_case, options, message) => {
    const call = () => convGeometry('conv', shape, options as never);
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(message);
  });

  it('absent options take their defaults (all 1, valid, one group)', () => {
    const g = convGeometry('conv', shape, { kernelSize: [3, 3] });
    expect([g.strides, g.dilation, g.padBefore, g.groups, g.outShape]).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
      1,
      [3, 3],
    ]);
    expect(convGeometry('conv', [1, 7, 2], { kernelSize: [3], padding: 'causal' }).padBefore).toEqual([0, 0, 2]);
  });
});
