import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { initCrossbars, mvm, mvmConv } from '../../src/index';
import type { ConvPatches, MappedCrossbars, MvmConvOptions, MvmOptions, ReadNoise } from '../../src/index';

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

/** A product worth threads: 4 images of 32 × 32 × 16, 3 × 3 'same', 144 → 32; ideal and tiled + 6-bit ADC. */
function threadedCase() {
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
  const modes: MvmConvOptions[] = [{ mode: 'ideal' }, { mode: 'tiled', tileShape: [64, 16], adc: { bits: 6 } }];
  return { p, image, weights, modes };
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
  // Channels-last with a multiple of 4 channels (per group) takes the packer's 4 × 4 path (asm/gemm.ts
  // packImageQuads): padding, stride, dilation, a row count that is not a multiple of 4, 3-D, a gathered group.
  [
    '2-D 3×3 same, channels-last, 8 channels, 147 rows',
    geometry(3, [1, 7, 7], [1, 3, 3], [1, 1, 1], [1, 1, 1], [0, 1, 1], [1, 7, 7], 8, 1, 0, 'channels-last'),
  ],
  [
    '3-D, stride (1, 2, 1), dilation (1, 1, 2), channels-last, 4 channels',
    geometry(2, [3, 6, 5], [2, 3, 2], [1, 2, 1], [1, 1, 2], [0, 1, 0], [2, 3, 3], 4, 1, 0, 'channels-last'),
  ],
  [
    'grouped, group 1 of 2, channels-last, 4 channels per group',
    geometry(3, [1, 5, 5], [1, 3, 3], [1, 1, 1], [1, 1, 1], [0, 1, 1], [1, 5, 5], 8, 2, 1, 'channels-last'),
  ],
  [
    'depthwise, channel 2 of 4',
    geometry(3, [1, 5, 5], [1, 3, 3], [1, 2, 2], [1, 1, 1], [0, 1, 1], [1, 3, 3], 4, 4, 2, 'channels-first'),
  ],
];

/** A random image for `p`, random weights (11 outputs) and a scale per sample. */
function operands(p: ConvPatches) {
  const [D, H, W] = p.inSize;
  const image = random(p.samples * D * H * W * p.channels);
  const rows = p.kernel[0] * p.kernel[1] * p.kernel[2] * p.channelsPerGroup;
  const weights = initCrossbars({ rows, cols: 11, data: random(rows * 11) }, { model: VTEAM });
  const inputScale = Float64Array.from({ length: p.samples }, (_, i) => 0.3 / (1 + i));
  return { image, weights, inputScale };
}

describe('mvmConv (implicit GEMM in WebAssembly)', () => {
  describe.each(CASES)('%s', (_name, p) => {
    const { image, weights, inputScale } = operands(p);
    const options: MvmConvOptions[] = [
      { mode: 'ideal' },
      { mode: 'ideal', inputScale },
      { mode: 'tiled', tileShape: [7, 4], adc: { bits: 8 }, inputScale },
      { mode: 'tiled', tileShape: [16, 8] },
      // A DAC (fused into the packing): a coarse one that moves most voltages, and one that saturates some.
      { mode: 'ideal', dac: { bits: 4, range: 0.3 }, inputScale },
      { mode: 'tiled', tileShape: [7, 4], adc: { bits: 8 }, dac: { bits: 6, range: 0.1 }, inputScale },
    ];
    it.each(options)('%o: bit-identical to im2col + mvm', (o) => {
      const expected = reference(image, p, o, weights);
      const y = mvmConv(image, p, weights, o);
      expect(y).not.toBeNull();
      expect(Array.from(y!)).toEqual(Array.from(expected));
    });
    // Wire resistance: untiled (one circuit per array, one GEMM) and on 7×4 tiles (separate circuits) with a per-tile ADC.
    const { rows, cols } = weights;
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
      const { p, image, weights, modes } = threadedCase();
      for (const o of [...modes, { mode: 'passive', sourceResistance: 1, lineResistance: 1 } as MvmConvOptions]) {
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

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'returns null on a non-finite input in the 4-channel packer too (%d)',
    (bad) => {
      const p = CASES.find(([name]) => name.startsWith('2-D 3×3 same, channels-last'))![1];
      const image = new Float32Array(3 * 49 * 8).fill(0.5);
      image[2 * 49 * 8 + 5] = bad; // the last sample: rows past the end share its last panel
      const weights = initCrossbars({ rows: 72, cols: 2, data: new Float64Array(144).fill(0.5) }, { model: VTEAM });
      expect(mvmConv(image, p, weights, { mode: 'ideal' })).toBeNull();
      image[2 * 49 * 8 + 5] = 0.5;
      expect(mvmConv(image, p, weights, { mode: 'ideal' })).not.toBeNull();
    },
  );

  it('the DAC: bit-identical to quantizeInput of the voltages for 2…53 bits; a range beyond float32 returns null', () => {
    const p = CASES[1]![1];
    const image = random(2 * 9 * 7 * 3, 2);
    const weights = initCrossbars({ rows: 27, cols: 4, data: random(108) }, { model: VTEAM });
    for (const bits of [2, 3, 8, 24, 31, 32, 53]) {
      const o: MvmConvOptions = { mode: 'ideal', dac: { bits, range: 1 } };
      expect(Array.from(mvmConv(image, p, weights, o)!)).toEqual(Array.from(reference(image, p, o, weights)));
    }
    expect(mvmConv(image, p, weights, { mode: 'ideal', dac: { bits: 8, range: 2 ** 127 } })).toBeNull();
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
    expect(() => mvmConv(image, p, weights, { mode: 'ideal', dac: { bits: 1, range: 1 } })).toThrow(/dac.bits/);
    expect(() => mvmConv(image, p, weights, { mode: 'ideal', readNoise: { rng: createRng(1), additive: -1 } })).toThrow(
      /readNoise.additive/,
    );
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

/** Read-noise specs (generator added per call): flat σ, per-device σ (variance GEMM), output noise, both draws. */
function noiseSpecs(weights: MappedCrossbars): [string, Omit<ReadNoise, 'rng'>][] {
  const deviceStd = weights.crossbars.map((x, k) => x.conductance.map((g, i) => (1 + ((i + k) % 3)) * 1e-3 * g));
  return [
    ['additive, per vector', { additive: 2e-6 }],
    ['relative + output, per vector', { relative: 0.03, output: 1e-7 }],
    ['per-device σ, per vector', { deviceStd }],
    ['relative, per call', { relative: 0.03, draw: 'call' }],
    ['additive + output, per call', { additive: 1e-6, output: 2e-7, draw: 'call' }],
  ];
}

describe('mvmConv with read noise', () => {
  describe.each(CASES)('%s', (_name, p) => {
    const { image, weights, inputScale } = operands(p);
    const modes: MvmConvOptions[] = [
      { mode: 'ideal', inputScale },
      { mode: 'tiled', tileShape: [7, 4], adc: { bits: 8 }, inputScale },
      { mode: 'tiled', tileShape: [16, 8] },
      { mode: 'tiled', tileShape: [7, 4], adc: { bits: 8 }, dac: { bits: 5, range: 0.2 }, inputScale },
    ];
    const cases = noiseSpecs(weights).flatMap(([name, spec]) => modes.map((o) => [name, o, spec] as const));
    it.each(cases)('%s, %o: bit-identical to im2col + mvm for the same generator state', (_n, o, spec) => {
      const ours = createRng(31);
      const theirs = createRng(31);
      const y = mvmConv(image, p, weights, { ...o, readNoise: { rng: ours, ...spec } });
      const expected = reference(image, p, { ...o, readNoise: { rng: theirs, ...spec } }, weights);
      expect(y).not.toBeNull();
      expect(Array.from(y!)).toEqual(Array.from(expected));
      // The same normals were drawn: both generators end in the same state, and the noise is there.
      expect(ours.state).toEqual(theirs.state);
      expect(Array.from(y!)).not.toEqual(Array.from(mvmConv(image, p, weights, o)!));
    });
  });

  it.each([1, 2, 3])('threads %i: bit-identical to one thread and to im2col + mvm, every kind of noise', (threads) => {
    const { p, image, weights, modes } = threadedCase();
    for (const [, spec] of noiseSpecs(weights))
      for (const o of modes) {
        const one = mvmConv(image, p, weights, { ...o, readNoise: { rng: createRng(8), ...spec } });
        const many = mvmConv(image, p, weights, { ...o, threads, readNoise: { rng: createRng(8), ...spec } });
        expect(one).not.toBeNull();
        expect(Array.from(many!)).toEqual(Array.from(one!));
        const expected = reference(image, p, { ...o, readNoise: { rng: createRng(8), ...spec } }, weights);
        expect(Array.from(one!)).toEqual(Array.from(expected));
      }
  });

  it('same seed → same outputs; successive calls draw afresh', () => {
    const p = CASES[0]![1];
    const image = random(3 * 64 * 5);
    const weights = initCrossbars({ rows: 45, cols: 6, data: random(270) }, { model: VTEAM });
    for (const [, spec] of noiseSpecs(weights)) {
      const o: MvmConvOptions = { mode: 'tiled', tileShape: [16, 4], adc: { bits: 8 } };
      const rng = createRng(3);
      const a = mvmConv(image, p, weights, { ...o, readNoise: { rng, ...spec } })!;
      const b = mvmConv(image, p, weights, { ...o, readNoise: { rng, ...spec } })!;
      expect(Array.from(b)).not.toEqual(Array.from(a));
      const again = createRng(3);
      expect(Array.from(mvmConv(image, p, weights, { ...o, readNoise: { rng: again, ...spec } })!)).toEqual(
        Array.from(a),
      );
      expect(Array.from(mvmConv(image, p, weights, { ...o, readNoise: { rng: again, ...spec } })!)).toEqual(
        Array.from(b),
      );
    }
  });

  it('a null return leaves the generator untouched (the checked path then draws the same values)', () => {
    const p = CASES[0]![1];
    const image = new Float32Array(3 * 64 * 5).fill(0.5);
    image[17] = Number.NaN;
    const weights = initCrossbars({ rows: 45, cols: 2, data: new Float64Array(90).fill(0.5) }, { model: VTEAM });
    for (const draw of ['vector', 'call'] as const) {
      const rng = createRng(4);
      const state = rng.state;
      expect(
        mvmConv(image, p, weights, { mode: 'ideal', readNoise: { rng, relative: 0.02, output: 1e-7, draw } }),
      ).toBeNull();
      expect(rng.state).toEqual(state);
    }
  });

  // σ per output against the closed form Σ_i v_i²·Σ_k σ_kij² (+ output² per tile row), in weight units (÷ gain):
  // a constant image under a 'valid' 3×3 kernel makes every patch the same vector v, so each output position is an
  // independent read of it ('vector'), or each call one draw of the devices ('call').
  const chans = 2;
  const cols = 5;
  const weights = initCrossbars({ rows: 9 * chans, cols, data: random(9 * chans * cols) }, { model: VTEAM });
  const x = Float32Array.of(0.8, -0.5);
  const constant = (samples: number, size: number) => {
    const img = new Float32Array(samples * size * size * chans);
    for (let i = 0; i < img.length; i++) img[i] = x[i % chans]!;
    return img;
  };
  const patchesOf = (samples: number, size: number): ConvPatches =>
    geometry(
      samples,
      [1, size, size],
      [1, 3, 3],
      [1, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
      [1, size - 2, size - 2],
      chans,
      1,
      0,
      'channels-first',
    );
  const scale = 0.3;
  /** Closed-form σ of output j [weight units] for per-cell variance `variance(cell)` [S²] and output² `outVar`. */
  const closedForm = (variance: (cell: number) => number, outVar: number, tiles: number) =>
    Array.from({ length: cols }, (_, j) => {
      let s = outVar * tiles;
      for (let i = 0; i < 9 * chans; i++) {
        // Row i of the channels-first patch: channel ⌊i / 9⌋; the voltage is f32(x·scale).
        const v = Math.fround(x[Math.floor(i / 9)]! * scale);
        s += v * v * variance(i * cols + j);
      }
      return Math.sqrt(s) / weights.gain[j]! / scale;
    });
  const relative = 0.05;
  const relVar = (cell: number) => weights.crossbars.reduce((a, c) => a + (relative * c.conductance[cell]!) ** 2, 0);
  const stats = (samples: Float32Array[], j: number) => {
    const n = samples.length;
    const mean = samples.reduce((a, y) => a + y[j]!, 0) / n;
    const sd = Math.sqrt(samples.reduce((a, y) => a + (y[j]! - mean) ** 2, 0) / (n - 1));
    return { mean, sd, n };
  };

  it.each([
    ['ideal', { mode: 'ideal' } as MvmConvOptions, 1],
    ['tiled 7×5 (3 tile rows), no ADC', { mode: 'tiled', tileShape: [7, 5] } as MvmConvOptions, 3],
  ])("'vector', %s: σ per output = closed form within 3 standard errors, mean = noise-free", (_n, o, tiles) => {
    const samples = 2;
    const size = 102; // 2 × 100 × 100 = 20 000 independent reads of v
    const p = patchesOf(samples, size);
    const image = constant(samples, size);
    const inputScale = new Float64Array(samples).fill(scale);
    const clean = mvmConv(image, p, weights, { ...o, inputScale })!;
    for (const [spec, variance, outVar] of [
      [{ additive: 3e-6 }, () => 2 * 9e-12, 0],
      [{ relative, output: 2e-7 }, relVar, 4e-14],
    ] as const) {
      const y = mvmConv(image, p, weights, { ...o, inputScale, readNoise: { rng: createRng(12), ...spec } })!;
      const rowsOut = y.length / cols;
      const want = closedForm(variance, outVar, tiles);
      for (let j = 0; j < cols; j++) {
        const reads = Array.from({ length: rowsOut }, (_, r) => y.subarray(r * cols, (r + 1) * cols));
        const { mean, sd, n } = stats(reads, j);
        expect(Math.abs(sd - want[j]!)).toBeLessThan((3 * want[j]!) / Math.sqrt(2 * n));
        expect(Math.abs(mean - clean[j]!)).toBeLessThan((3 * want[j]!) / Math.sqrt(n));
      }
    }
  });

  it("'call': the call's positions share one device draw; over calls σ = closed form within 3 standard errors", () => {
    const p = patchesOf(1, 4); // 2 × 2 positions of the same v
    const image = constant(1, 4);
    const inputScale = new Float64Array(1).fill(scale);
    const o: MvmConvOptions = { mode: 'tiled', tileShape: [7, 5], inputScale };
    const clean = mvmConv(image, p, weights, o)!;
    const rng = createRng(13);
    const calls = 4000;
    const firsts: Float32Array[] = [];
    for (let c = 0; c < calls; c++) {
      const y = mvmConv(image, p, weights, { ...o, readNoise: { rng, relative, draw: 'call' } })!;
      for (let r = 1; r < 4; r++)
        expect(Array.from(y.subarray(r * cols, (r + 1) * cols))).toEqual(Array.from(y.subarray(0, cols)));
      firsts.push(y.slice(0, cols));
    }
    const want = closedForm(relVar, 0, 3);
    for (let j = 0; j < cols; j++) {
      const { mean, sd, n } = stats(firsts, j);
      expect(Math.abs(sd - want[j]!)).toBeLessThan((3 * want[j]!) / Math.sqrt(2 * n));
      expect(Math.abs(mean - clean[j]!)).toBeLessThan((3 * want[j]!) / Math.sqrt(n));
    }
  });
});
