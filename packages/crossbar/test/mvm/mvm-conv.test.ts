import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { initCrossbars, mvm, mvmConv } from '../../src/index';
import type { ConvPatches, MvmConvOptions, MvmOptions } from '../../src/index';

const rng = createRng(14);

function random(length: number, scale = 1): Float32Array {
  const a = new Float32Array(length);
  rng.fillUniform(a, -scale, scale);
  return a;
}

/**
 * An independent im2col (one output position and one column at a time, straight from the definition) with the input
 * scale applied as f32(x·scale).
 */
function im2col(image: Float32Array, p: ConvPatches, scale: Float64Array): Float32Array {
  const [D, H, W] = p.inSize;
  const [OD, OH, OW] = p.outSize;
  const [KD, KH, KW] = p.kernel;
  const cg = p.channelsPerGroup;
  const volume = KD * KH * KW;
  const cols = volume * cg;
  const out = new Float32Array(p.samples * OD * OH * OW * cols);
  let row = 0;
  for (let b = 0; b < p.samples; b++)
    for (let od = 0; od < OD; od++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++, row++)
          for (let c = 0; c < cg; c++)
            for (let kd = 0; kd < KD; kd++)
              for (let kh = 0; kh < KH; kh++)
                for (let kw = 0; kw < KW; kw++) {
                  const tap = (kd * KH + kh) * KW + kw;
                  const col = p.rowOrder === 'channels-first' ? c * volume + tap : tap * cg + c;
                  const id = od * p.strides[0] - p.padBefore[0] + kd * p.dilation[0];
                  const ih = oh * p.strides[1] - p.padBefore[1] + kh * p.dilation[1];
                  const iw = ow * p.strides[2] - p.padBefore[2] + kw * p.dilation[2];
                  if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  const x = image[(((b * D + id) * H + ih) * W + iw) * p.channels + p.group * cg + c]!;
                  out[row * cols + col] = x * scale[b]!;
                }
  return out;
}

/** The checked path: im2col, mvm, then each sample's outputs times 1 / scale in float64 (the engine's unscale). */
function reference(
  image: Float32Array,
  p: ConvPatches,
  options: MvmConvOptions,
  weights: ReturnType<typeof initCrossbars>,
) {
  const scale = options.inputScale ?? new Float64Array(p.samples).fill(1);
  const v = im2col(image, p, scale);
  const rows = v.length / weights.rows;
  const { inputScale: _, ...rest } = options;
  const y = mvm(v, rows, weights, rest as MvmOptions);
  const per = (rows / p.samples) * weights.cols;
  for (let i = 0; i < y.length; i++) y[i] = y[i]! * (1 / scale[Math.floor(i / per)]!);
  return y;
}

function geometry(
  samples: number,
  inSize: [number, number, number],
  kernel: [number, number, number],
  strides: [number, number, number],
  dilation: [number, number, number],
  padBefore: [number, number, number],
  outSize: [number, number, number],
  channels: number,
  groups: number,
  group: number,
  rowOrder: ConvPatches['rowOrder'],
): ConvPatches {
  return {
    samples,
    inSize,
    outSize,
    kernel,
    strides,
    dilation,
    padBefore,
    channels,
    group,
    channelsPerGroup: channels / groups,
    rowOrder,
  };
}

const CASES: [string, ConvPatches][] = [
  [
    '2-D 3×3 same',
    geometry(3, [1, 8, 8], [1, 3, 3], [1, 1, 1], [1, 1, 1], [0, 1, 1], [1, 8, 8], 5, 1, 0, 'channels-first'),
  ],
  [
    '2-D 3×3 valid, stride 2',
    geometry(2, [1, 9, 7], [1, 3, 3], [1, 2, 2], [1, 1, 1], [0, 0, 0], [1, 4, 3], 3, 1, 0, 'channels-last'),
  ],
  [
    '2-D dilation 2, same',
    geometry(2, [1, 7, 6], [1, 3, 2], [1, 1, 1], [1, 2, 3], [0, 2, 1], [1, 7, 6], 4, 1, 0, 'channels-first'),
  ],
  [
    '1-D causal',
    geometry(4, [1, 1, 12], [1, 1, 3], [1, 1, 1], [1, 1, 2], [0, 0, 4], [1, 1, 12], 6, 1, 0, 'channels-first'),
  ],
  [
    '3-D same, stride (1, 2, 1)',
    geometry(2, [4, 5, 5], [2, 3, 3], [1, 2, 1], [1, 1, 1], [0, 1, 1], [4, 3, 5], 3, 1, 0, 'channels-last'),
  ],
  [
    'grouped, group 1 of 2',
    geometry(2, [1, 6, 6], [1, 3, 3], [1, 1, 1], [1, 1, 1], [0, 1, 1], [1, 6, 6], 6, 2, 1, 'channels-first'),
  ],
  [
    'depthwise, channel 2 of 4',
    geometry(3, [1, 5, 5], [1, 3, 3], [1, 2, 2], [1, 1, 1], [0, 1, 1], [1, 3, 3], 4, 4, 2, 'channels-first'),
  ],
];

describe('mvmConv (implicit GEMM in WebAssembly)', () => {
  describe.each(CASES)('%s', (_name, p) => {
    const [D, H, W] = p.inSize;
    const image = random(p.samples * D * H * W * p.channels);
    const rows = p.kernel[0] * p.kernel[1] * p.kernel[2] * p.channelsPerGroup;
    const cols = 11;
    const weights = initCrossbars({ rows, cols, data: random(rows * cols) }, { model: VTEAM });
    const inputScale = Float64Array.from({ length: p.samples }, (_, i) => 0.3 / (1 + i));
    const options: MvmConvOptions[] = [
      { mode: 'ideal' },
      { mode: 'ideal', inputScale },
      { mode: 'tiled', tileShape: [7, 4], adc: { bits: 8 }, inputScale },
      { mode: 'tiled', tileShape: [16, 8] },
    ];
    it.each(options)('%o: bit-identical to im2col + mvm', (o) => {
      const expected = reference(image, p, o, weights);
      const y = mvmConv(image, p, weights, o);
      expect(y).not.toBeNull();
      expect(Array.from(y!)).toEqual(Array.from(expected));
    });
    // Wire resistance: untiled (one circuit per array, one GEMM) and on 7×4 tiles (separate circuits) with a per-tile ADC.
    const tiledWeights = initCrossbars(
      { rows, cols, data: Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i + rows)) },
      { model: VTEAM, tileShape: [7, 4] },
    );
    const wires = { sourceResistance: 2, lineResistance: 1 };
    const passive: [string, MvmConvOptions, ReturnType<typeof initCrossbars>][] = [
      ['passive, untiled', { mode: 'passive', ...wires }, weights],
      ['passive, untiled, input scale, 2 threads', { mode: 'passive', ...wires, inputScale, threads: 2 }, weights],
      ['passive, 7×4 tiles, no ADC', { mode: 'passive', ...wires, inputScale }, tiledWeights],
      ['passive, 7×4 tiles + 8-bit ADC', { mode: 'passive', ...wires, adc: { bits: 8 }, inputScale }, tiledWeights],
    ];
    it.each(passive)('%s: bit-identical to im2col + passive mvm', (_label, o, target) => {
      const expected = reference(image, p, o, target);
      const y = mvmConv(image, p, target, o);
      expect(y).not.toBeNull();
      expect(Array.from(y!)).toEqual(Array.from(expected));
    });
  });

  it.each([1, 2, 3])(
    'threads %i: bit-identical to one thread (ideal, tiled + ADC, passive; a product worth threads)',
    (threads) => {
      const p = geometry(
        4,
        [1, 32, 32],
        [1, 3, 3],
        [1, 1, 1],
        [1, 1, 1],
        [0, 1, 1],
        [1, 32, 32],
        16,
        1,
        0,
        'channels-first',
      );
      const image = random(4 * 32 * 32 * 16);
      const weights = initCrossbars({ rows: 144, cols: 32, data: random(144 * 32) }, { model: VTEAM });
      for (const o of [
        { mode: 'ideal' },
        { mode: 'tiled', tileShape: [64, 16], adc: { bits: 6 } },
        { mode: 'passive', sourceResistance: 1, lineResistance: 1 },
      ] as MvmConvOptions[]) {
        const one = mvmConv(image, p, weights, o);
        const many = mvmConv(image, p, weights, { ...o, threads });
        expect(one).not.toBeNull();
        expect(Array.from(many!)).toEqual(Array.from(one!));
        expect(Array.from(one!)).toEqual(Array.from(reference(image, p, o, weights)));
      }
    },
  );

  it('returns null on a non-finite input (the checked path then raises its error)', () => {
    const p = CASES[0]![1];
    const image = new Float32Array(3 * 64 * 5).fill(0.5);
    image[17] = Number.NaN;
    const weights = initCrossbars({ rows: 45, cols: 2, data: new Float64Array(90).fill(0.5) }, { model: VTEAM });
    expect(mvmConv(image, p, weights, { mode: 'ideal' })).toBeNull();
  });

  it('returns null for an ADC the fused kernel does not cover', () => {
    const p = CASES[0]![1];
    const weights = initCrossbars({ rows: 45, cols: 2, data: new Float64Array(90).fill(0.5) }, { model: VTEAM });
    const image = new Float32Array(3 * 64 * 5).fill(0.5);
    expect(
      mvmConv(image, p, weights, { mode: 'tiled', tileShape: [8, 2], adc: { bits: 8, overflowRate: 0.1 } }),
    ).toBeNull();
  });

  it('passive: an untiled ADC (one range over the whole output) is not covered; a rewrite rebuilds the transfer', () => {
    const p = CASES[0]![1];
    const weights = initCrossbars({ rows: 45, cols: 2, data: random(90) }, { model: VTEAM });
    const image = random(3 * 64 * 5);
    const o: MvmConvOptions = { mode: 'passive', sourceResistance: 1, lineResistance: 2 };
    expect(mvmConv(image, p, weights, { ...o, adc: { bits: 8 } })).toBeNull();
    const before = mvmConv(image, p, weights, o)!;
    expect(Array.from(before)).toEqual(Array.from(reference(image, p, o, weights)));
    // A write bumps the crossbar version: the cached transfer matrix must not be reused.
    const g = weights.crossbars[0]!.conductance.map((x, i) => (i % 3 === 0 ? x * 0.5 : x));
    weights.crossbars[0]!.write(g);
    const after = mvmConv(image, p, weights, o)!;
    expect(Array.from(after)).not.toEqual(Array.from(before));
    expect(Array.from(after)).toEqual(Array.from(reference(image, p, o, weights)));
  });

  it('names the faulty parameter', () => {
    const p = CASES[0]![1];
    const weights = initCrossbars({ rows: 45, cols: 2, data: new Float64Array(90).fill(0.5) }, { model: VTEAM });
    const image = new Float32Array(3 * 64 * 5);
    expect(() => mvmConv(image.subarray(1), p, weights, { mode: 'ideal' })).toThrow(/image/);
    expect(() => mvmConv(image, { ...p, channelsPerGroup: 3 }, weights, { mode: 'ideal' })).toThrow(/patches.group/);
    expect(() => mvmConv(image, { ...p, group: 0, kernel: [1, 3, 2] }, weights, { mode: 'ideal' })).toThrow(
      /target.rows/,
    );
    expect(() => mvmConv(image, p, weights, { mode: 'ideal', inputScale: new Float64Array(3) })).toThrow(
      /inputScale\[0\]/,
    );
    expect(() => mvmConv(image, p, weights, { mode: 'ideal', adc: { bits: 8 } })).toThrow(/adc/);
    expect(() => mvmConv(image, p, weights, { mode: 'tiled' })).toThrow(/tileShape/);
    expect(() => mvmConv(image, p, weights, { mode: 'passive', lineResistance: 1 })).toThrow(/sourceResistance/);
    expect(() => mvmConv(image, p, weights, { mode: 'passive', sourceResistance: -1, lineResistance: 1 })).toThrow(
      /sourceResistance/,
    );
    expect(() => mvmConv(image, p, weights, { mode: 'ideal', lineResistance: 1 })).toThrow(/lineResistance/);
    expect(() =>
      mvmConv(image, p, weights, { mode: 'passive', sourceResistance: 1, lineResistance: 1, tileShape: [8, 2] }),
    ).toThrow(/tileShape/);
  });
});
