import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { convGeometry, flattenConvKernel, unfold } from '../../src/index';

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

// unfold and flattenConvKernel resolve their options the same way (schemas typed against UnfoldOptions and
// FlattenConvKernelOptions); `group < groups` and the length of `out` are checked against the geometry after.
const geometry = convGeometry('conv', [1, 4, 4, 2], { kernelSize: [3, 3], groups: 2 });
const input = new Float32Array(1 * 4 * 4 * 2);
const kernel = new Float32Array(3 * 3 * 2 * 4);
const unfoldCases: [string, () => unknown, RegExp][] = [
  [
    'unfold: unknown key',
    () => unfold(input, geometry, { groups: 1 } as never),
    /^unfold: unknown key `groups`; did you mean `group`\?/,
  ],
  [
    'unfold: group of the wrong type',
    () => unfold(input, geometry, { group: '1' as never }),
    /^unfold: `group` must be a non-negative integer/,
  ],
  [
    'unfold: negative group',
    () => unfold(input, geometry, { group: -1 }),
    /^unfold: `group` must be a non-negative integer.*received -1/,
  ],
  [
    'unfold: group out of range',
    () => unfold(input, geometry, { group: 2 }),
    /^unfold: `group` must be an integer in \[0, 1\]; received 2/,
  ],
  [
    'unfold: unknown rowOrder',
    () => unfold(input, geometry, { rowOrder: 'kh-first' as never }),
    /^unfold: `rowOrder` must be one of/,
  ],
  [
    'flattenConvKernel: unknown key',
    () => flattenConvKernel(kernel, [3, 3, 2, 4], { group: 1 } as never),
    /^flattenConvKernel: unknown key `group`; did you mean `groups`\?/,
  ],
  [
    'flattenConvKernel: depthwise of the wrong type',
    () => flattenConvKernel(kernel, [3, 3, 2, 4], { depthwise: 1 as never }),
    /^flattenConvKernel: `depthwise` must be true or false; received 1/,
  ],
  [
    'flattenConvKernel: groups out of range',
    () => flattenConvKernel(kernel, [3, 3, 2, 4], { groups: 0 }),
    /^flattenConvKernel: `groups` must be a positive integer.*received 0/,
  ],
  [
    'flattenConvKernel: unknown rowOrder',
    () => flattenConvKernel(kernel, [3, 3, 2, 4], { rowOrder: 'x' as never }),
    /^flattenConvKernel: `rowOrder` must be one of/,
  ],
];

describe('unfold and flattenConvKernel options', () => {
  it.each(unfoldCases)('rejects %s', (_case, call, message) => {
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(message);
  });

  it('absent options take their defaults (group 0, channels-first, one group, not depthwise)', () => {
    expect(unfold(input, geometry)).toEqual(unfold(input, geometry, { group: 0, rowOrder: 'channels-first' }));
    const [m] = flattenConvKernel(kernel, [3, 3, 2, 4]);
    expect([m!.rows, m!.cols]).toEqual([18, 4]);
  });
});
