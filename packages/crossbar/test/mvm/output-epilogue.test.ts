import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { applyOutputEpilogue, initCrossbars, mvmConv } from '../../src/index';
import type { ConvPatches, MvmConvOptions, OutputEpilogue } from '../../src/index';

const rng = createRng(41);

function random(length: number, scale = 1): Float32Array {
  return rng.fillUniform(new Float32Array(length), -scale, scale) as Float32Array;
}

function epilogueFor(cols: number, relu: boolean, pre = false): OutputEpilogue {
  return {
    scale: Float64Array.from({ length: cols }, (_, c) => 0.5 + 0.37 * c),
    shift: Float64Array.from({ length: cols }, (_, c) => (c % 3) * 0.21 - 0.3),
    relu,
    ...(pre
      ? {
          pre: {
            scale: Float64Array.from({ length: cols }, (_, c) => 1.1 - 0.01 * c),
            shift: Float64Array.from({ length: cols }, (_, c) => 0.013 * c - 0.1),
          },
        }
      : {}),
  };
}

/** 4 images of 32 × 32 × 16 (3 × 3 'same', 144 → 32): big enough for the threads to share the blocks. */
const BIG: ConvPatches = {
  samples: 4,
  inSize: [1, 32, 32],
  outSize: [1, 32, 32],
  kernel: [1, 3, 3],
  strides: [1, 1, 1],
  dilation: [1, 1, 1],
  padBefore: [0, 1, 1],
  channels: 16,
  group: 0,
  channelsPerGroup: 16,
  rowOrder: 'channels-first',
};

/** Group 1 of 2 over 6 channels, stride 2, channels-last rows: the epilogue sits beside a gathered image. */
const GROUPED: ConvPatches = {
  samples: 3,
  inSize: [1, 7, 7],
  outSize: [1, 4, 4],
  kernel: [1, 3, 3],
  strides: [1, 2, 2],
  dilation: [1, 1, 1],
  padBefore: [0, 1, 1],
  channels: 6,
  group: 1,
  channelsPerGroup: 3,
  rowOrder: 'channels-last',
};

describe('applyOutputEpilogue', () => {
  it('is f32(scale·y + shift) per column (after the pre stage, rounded), negatives to 0 with relu (the definition)', () => {
    const cols = 5;
    const y = random(7 * cols, 3);
    for (const [relu, pre] of [
      [false, false],
      [true, false],
      [true, true],
    ] as const) {
      const e = epilogueFor(cols, relu, pre);
      const out = applyOutputEpilogue(y.slice(), cols, e);
      const one = new Float32Array(1);
      for (let i = 0; i < y.length; i++) {
        const c = i % cols;
        one[0] = pre ? e.pre!.scale[c]! * y[i]! + e.pre!.shift[c]! : y[i]!;
        one[0] = e.scale[c]! * one[0]! + e.shift[c]!;
        expect(out[i]).toBe(relu ? Math.max(one[0]!, 0) : one[0]);
      }
    }
  });
});

describe('mvmConv epilogue (applied per thread inside the kernel)', () => {
  const image = random(4 * 32 * 32 * 16);
  const weights = initCrossbars({ rows: 144, cols: 32, data: random(144 * 32) }, { model: VTEAM });
  const tiles = initCrossbars({ rows: 144, cols: 32, data: random(144 * 32) }, { model: VTEAM, tileShape: [64, 16] });
  const inputScale = Float64Array.from({ length: 4 }, (_, i) => 0.4 / (1 + i));
  const modes: [string, MvmConvOptions, typeof weights][] = [
    ['ideal', { mode: 'ideal', inputScale }, weights],
    ['tiled + 6-bit ADC', { mode: 'tiled', tileShape: [64, 16], adc: { bits: 6 }, inputScale }, weights],
    [
      'tiled + ADC + DAC',
      { mode: 'tiled', tileShape: [64, 16], adc: { bits: 8 }, dac: { bits: 6, range: 0.2 } },
      weights,
    ],
    ['passive, tiles + ADC', { mode: 'passive', sourceResistance: 1, lineResistance: 1, adc: { bits: 8 } }, tiles],
  ];
  describe.each(modes)('%s', (_name, o, target) => {
    const plain = mvmConv(image, BIG, target, o)!;
    it.each([1, 2, 3])('threads %i: bit-identical to the unfused output mapped by applyOutputEpilogue', (threads) => {
      expect(plain).not.toBeNull();
      for (const [relu, pre] of [
        [false, false],
        [true, true],
      ] as const) {
        const epilogue = epilogueFor(32, relu, pre);
        const expected = applyOutputEpilogue(plain.slice(), 32, epilogue);
        const y = mvmConv(image, BIG, target, { ...o, threads, epilogue });
        expect(Array.from(y!)).toEqual(Array.from(expected));
      }
    });
  });

  it('a grouped image (gathered channels) with a DAC: the same', () => {
    const img = random(3 * 7 * 7 * 6);
    const w = initCrossbars({ rows: 27, cols: 5, data: random(27 * 5) }, { model: VTEAM });
    const o: MvmConvOptions = { mode: 'tiled', tileShape: [8, 3], adc: { bits: 7 }, dac: { bits: 5, range: 0.5 } };
    const epilogue = epilogueFor(5, true, true);
    const expected = applyOutputEpilogue(mvmConv(img, GROUPED, w, o)!, 5, epilogue);
    expect(Array.from(mvmConv(img, GROUPED, w, { ...o, epilogue })!)).toEqual(Array.from(expected));
  });

  it('one small image, 1000 output columns (split across threads by columns): threads 1, 2, 3 the same bits', () => {
    const small: ConvPatches = {
      ...BIG,
      samples: 1,
      inSize: [1, 4, 4],
      outSize: [1, 4, 4],
      channels: 64,
      channelsPerGroup: 64,
    };
    const img = random(16 * 64);
    const w = initCrossbars(
      { rows: 576, cols: 1000, data: random(576 * 1000) },
      { model: VTEAM, tileShape: [128, 128] },
    );
    const epilogue = epilogueFor(1000, true, true);
    for (const o of [
      { mode: 'ideal', inputScale: Float64Array.of(0.3) },
      { mode: 'tiled', tileShape: [128, 128], adc: { bits: 8 } },
    ] as MvmConvOptions[]) {
      const expected = applyOutputEpilogue(mvmConv(img, small, w, o)!, 1000, epilogue);
      for (const threads of [1, 2, 3])
        expect(Array.from(mvmConv(img, small, w, { ...o, threads, epilogue })!)).toEqual(Array.from(expected));
    }
  });

  it('names a wrong epilogue', () => {
    const o: MvmConvOptions = { mode: 'ideal' };
    const good = epilogueFor(32, false);
    expect(() => mvmConv(image, BIG, weights, { ...o, epilogue: { ...good, scale: new Float64Array(31) } })).toThrow(
      /epilogue\.scale/,
    );
    const shift = good.shift.slice();
    shift[4] = Number.NaN;
    expect(() => mvmConv(image, BIG, weights, { ...o, epilogue: { ...good, shift } })).toThrow(/epilogue\.shift\[4\]/);
    expect(() => mvmConv(image, BIG, weights, { ...o, epilogue: { ...good, relu: 1 as unknown as boolean } })).toThrow(
      /epilogue\.relu/,
    );
    expect(() =>
      mvmConv(image, BIG, weights, { ...o, epilogue: { ...good, scale: [1] as unknown as Float64Array } }),
    ).toThrow(/epilogue\.scale.*Float64Array/);
    const pre = epilogueFor(32, true, true).pre!;
    expect(() =>
      mvmConv(image, BIG, weights, { ...o, epilogue: { ...good, pre: { ...pre, shift: new Float64Array(3) } } }),
    ).toThrow(/epilogue\.pre\.shift/);
  });
});
