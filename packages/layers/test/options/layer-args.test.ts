import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  MemristiveConv2D,
  MemristiveDense,
  MemristiveDepthwiseConv2D,
  MemristiveGRU,
  MemristiveLSTM,
  MemristiveSimpleRNN,
} from '../../src/index';

// Issue 20, "one options resolver": each layer resolves its own arguments through a schema typed against its args
// interface: an unknown key and a bad value are rejected naming the parameter; absent values take the defaults.
const cases: [string, () => unknown, RegExp, () => unknown, RegExp][] = [
  [
    'MemristiveDense',
    () => new MemristiveDense({ units: 2, bias: true } as never),
    /^MemristiveDense: unknown key `bias`/,
    () => new MemristiveDense({ units: 2, useBias: 1 as never }),
    /`useBias`/,
  ],
  [
    'MemristiveSimpleRNN',
    () => new MemristiveSimpleRNN({ units: 2, returnSequence: true } as never),
    /did you mean `returnSequences`/,
    () => new MemristiveSimpleRNN({ units: 0 }),
    /`units`/,
  ],
  [
    'MemristiveLSTM',
    () => new MemristiveLSTM({ units: 2, resetAfter: true } as never),
    /^MemristiveLSTM: unknown key `resetAfter`/,
    () => new MemristiveLSTM({ units: 2, goBackwards: 'no' as never }),
    /`goBackwards`/,
  ],
  [
    'MemristiveGRU',
    () => new MemristiveGRU({ units: 2, reset: true } as never),
    /^MemristiveGRU: unknown key `reset`/,
    () => new MemristiveGRU({ units: 2, resetAfter: 1 as never }),
    /`resetAfter`/,
  ],
  [
    'MemristiveConv2D',
    () => new MemristiveConv2D({ filters: 2, kernelSize: 3, stride: 1 } as never),
    /did you mean `strides`/,
    () => new MemristiveConv2D({ filters: 2, kernelSize: 3, groups: 0 }),
    /`groups`/,
  ],
  [
    'MemristiveDepthwiseConv2D',
    () => new MemristiveDepthwiseConv2D({ kernelSize: 3, filters: 2 } as never),
    /unknown key `filters`/,
    () => new MemristiveDepthwiseConv2D({ kernelSize: 3, depthMultiplier: 1.5 }),
    /`depthMultiplier`/,
  ],
];

describe('memristive layer arguments', () => {
  it.each(cases)('%s rejects an unknown key and a bad value, naming them', (_name, unknown, m1, bad, m2) => {
    expect(unknown).toThrow(InvalidParameterError);
    expect(unknown).toThrow(m1);
    expect(bad).toThrow(InvalidParameterError);
    expect(bad).toThrow(m2);
  });

  it('absent arguments take the documented defaults', () => {
    const gru = new MemristiveGRU({ units: 2 });
    expect([gru.activation, gru.recurrentActivation, gru.useBias, gru.resetAfter]).toEqual([
      'tanh',
      'hardSigmoid',
      true,
      false,
    ]);
    const conv = new MemristiveConv2D({ filters: 2, kernelSize: 3 });
    expect([conv.strides, conv.dilationRate, conv.padding, conv.groups]).toEqual([[1, 1], [1, 1], 'valid', 1]);
  });
});
