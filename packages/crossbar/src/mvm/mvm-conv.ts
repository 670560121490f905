// MODULES //

import {
  InvalidParameterError,
  ShapeMismatchError,
  checkPositiveInteger,
  checkTileShape,
  option,
  requireOptions,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionsSchema, ResolvedOptions } from '@memsim/core';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { MappedCrossbars } from '../array/mapped-crossbars';
import { checkTarget } from '../internal/check-target';
import { adcConverter, adcRule, dacRule } from '../internal/converters';
import { readNoiseKernel } from '../read-noise/read-noise';
import type { FusedPerturb, FusedReadNoise, ReadNoise } from '../read-noise/read-noise';
import { effectiveMatrix } from './effective-matrix';
import { checkOutputEpilogue } from './output-epilogue';
import type { OutputEpilogue } from './output-epilogue';
import { effectivePassiveMatrix } from './passive-mode';
import { checkPassive, rejectPassiveKeys } from '../internal/check-passive';
import { PASSIVE_RULES } from '../passive/passive-options';
import { tiledWasmKernel } from './tiled-wasm';

// TYPES //

/**
 * The patches of a convolution over a channels-last image (NWC, NHWC, NDHWC with 1-sized leading spatial axes): the
 * rows of {@link mvmConv}'s implicit im2col matrix are the output positions (sample, then d, h, w), its columns the
 * kernel window of one channel group in `rowOrder`.
 *
 * @example
 * // A 3×3 'same' conv over 4×4 images with 2 channels (padding 1 before each spatial axis).
 * const patches: ConvPatches = {
 *   samples: 2, inSize: [1, 4, 4], outSize: [1, 4, 4], kernel: [1, 3, 3], strides: [1, 1, 1], dilation: [1, 1, 1],
 *   padBefore: [0, 1, 1], channels: 2, group: 0, channelsPerGroup: 2, rowOrder: 'channels-first',
 * };
 */
export interface ConvPatches {
  /** Samples (images). */
  samples: number;
  /** Spatial input size [D, H, W]. */
  inSize: readonly [number, number, number];
  /** Spatial output size [D, H, W]. */
  outSize: readonly [number, number, number];
  /** Kernel size [kd, kh, kw]. */
  kernel: readonly [number, number, number];
  /** Strides [sd, sh, sw]. */
  strides: readonly [number, number, number];
  /** Dilations [dd, dh, dw]. */
  dilation: readonly [number, number, number];
  /** Zero padding before each spatial axis [pd, ph, pw]. */
  padBefore: readonly [number, number, number];
  /** Channels of the image (all groups). */
  channels: number;
  /** The channel group the crossbars hold (channels group·channelsPerGroup …). */
  group: number;
  /** Channels per group. */
  channelsPerGroup: number;
  /** Column order of a patch = crossbar row order: (c, kd, kh, kw) or (kd, kh, kw, c). */
  rowOrder: 'channels-first' | 'channels-last';
}

/**
 * Options of {@link mvmConv}: the read-outs its fused kernel covers.
 *
 * @example
 * const options: MvmConvOptions = { mode: 'tiled', tileShape: [128, 128], adc: { bits: 8 }, threads: 2 };
 * const passive: MvmConvOptions = { mode: 'passive', sourceResistance: 1, lineResistance: 1 }; // wire resistance
 */
export interface MvmConvOptions {
  /**
   * `'ideal'` (V·G), `'tiled'` (per-tile partial sums, each through its ADC, added digitally) or `'passive'` (linear
   * devices with wire resistance: V·T through each array's cached transfer matrix, per-tile ADC on tiled crossbars),
   * as {@link mvm}.
   */
  mode: 'ideal' | 'tiled' | 'passive';
  /** Tile shape, mode 'tiled'. @default the crossbars' own `tileShape` */
  tileShape?: [number, number];
  /** Per-tile ADC, mode 'tiled' or 'passive' on tiled crossbars. @default none */
  adc?: AdcConfig;
  /** Source (driver) resistance [Ω], ≥ 0, required in mode 'passive' (as {@link MvmOptions}). */
  sourceResistance?: number;
  /** Line resistance per cell segment [Ω], ≥ 0, required in mode 'passive'. */
  lineResistance?: number;
  /** Word-line segment resistance [Ω], mode 'passive'. @default lineResistance */
  wordLineResistance?: number;
  /** Bit-line segment resistance [Ω], mode 'passive'. @default lineResistance */
  bitLineResistance?: number;
  /** Access-device series resistance [Ω], mode 'passive'. @default 0 */
  accessResistance?: number;
  /** DAC on the input voltages, as {@link MvmOptions} `dac` (applied to f32(x · scale) inside the packing). @default none */
  dac?: DacConfig;
  /** Threads, as {@link MvmOptions}; results do not depend on it. @default 1 */
  threads?: number;
  /**
   * Input scale per sample (> 0): voltages are f32(x · scale[sample]) and each sample's outputs are divided by its
   * scale (the input encoding of `@memsim/mapping` scaleInput and unscaleOutput). @default all 1 (inputs are voltages)
   */
  inputScale?: Float64Array;
  /**
   * Read noise, as {@link MvmOptions} `readNoise` (both draws; advances `readNoise.rng` exactly as `mvm` on the
   * im2col rows does, and not at all when the call returns null). @default none
   */
  readNoise?: ReadNoise;
  /**
   * A per-column affine map and ReLU applied to each output last (after the division by the scale; see
   * {@link OutputEpilogue}), by each thread on its own rows: a layer's bias, activation and folded batch norm at no
   * serial cost. @default none
   */
  epilogue?: OutputEpilogue;
}

// MAIN //

const WHERE = 'mvmConv';
const MODES: readonly MvmConvOptions['mode'][] = Object.freeze(['ideal', 'tiled', 'passive']);
const SCHEMA = {
  mode: option.required(rule.oneOf(MODES)),
  tileShape: option.optional(checkTileShape),
  adc: option.optional(adcRule),
  dac: option.optional(dacRule),
  sourceResistance: option.optional(PASSIVE_RULES.sourceResistance.check),
  lineResistance: option.optional(PASSIVE_RULES.lineResistance.check),
  wordLineResistance: option.optional(PASSIVE_RULES.wordLineResistance.check),
  bitLineResistance: option.optional(PASSIVE_RULES.bitLineResistance.check),
  accessResistance: option.optional(PASSIVE_RULES.accessResistance.check),
  threads: option.optional(rule.integerRange(1, 64)),
  inputScale: option.optional(rule.any<Float64Array>()),
  readNoise: option.optional(rule.any<ReadNoise>()),
  epilogue: option.optional(rule.any<OutputEpilogue>()), // checked against the crossbars' columns below
} satisfies OptionsSchema<MvmConvOptions>;

/**
 * A convolution on crossbars without an im2col matrix (implicit GEMM): {@link mvm} of the patches of `image` (the
 * im2col rows of `patches`) in mode 'ideal', 'tiled' or 'passive', with the input encoding (`inputScale`) and the
 * division by the mapping gain (and the DAC, when given) fused into the WebAssembly kernel, which packs its panels
 * straight from the image on every thread. The outputs are those of `mvm(voltages, rows, target, options)` divided by
 * each sample's scale, bit for bit (mode 'passive': through the same cached transfer matrices), read noise included
 * (same generator state, same normals in the same order: the noise of each tile row is added to its partial sums
 * inside the kernel, σ from the packed voltages).
 * Returns null when the fused kernel does not cover the call — no WebAssembly SIMD, an ADC other than the plain linear
 * one (overflowRate 0, ≤ 23 bits), an ADC in mode 'ideal' or on untiled crossbars in mode 'passive' (one ADC range
 * over the whole output), read noise in mode 'passive', a non-finite voltage or output, operands beyond the memory
 * (read noise: its normals for the whole call must fit too) — and the caller then runs the im2col + `mvm` path (same
 * numbers; it raises the errors). A null return leaves the read-noise generator where it was. With an `epilogue` the
 * outputs are then mapped column by column (`applyOutputEpilogue` of the unfused result, bit for bit).
 *
 * @param image - channels-last image data, samples · D · H · W · channels (not modified).
 * @param patches - see {@link ConvPatches}.
 * @param target - crossbars from {@link initCrossbars} holding the group's flattened kernel (rows = kernel volume ·
 * channelsPerGroup in `rowOrder`).
 * @param options - see {@link MvmConvOptions}.
 * @returns `rows × cols` float32 (rows = samples · output positions), or null.
 * @throws {InvalidParameterError} on an invalid option or patch geometry.
 * @throws {ShapeMismatchError} when `image`, `inputScale` or the epilogue's arrays have the wrong length or the
 * crossbars the wrong rows.
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const w = { rows: 18, cols: 3, data: new Float64Array(54).fill(0.25) }; // a 3×3 kernel, 2 → 3 channels
 * const mapped = initCrossbars(w, { model: VTEAM });
 * const patches: ConvPatches = {
 *   samples: 1, inSize: [1, 4, 4], outSize: [1, 2, 2], kernel: [1, 3, 3], strides: [1, 1, 1], dilation: [1, 1, 1],
 *   padBefore: [0, 0, 0], channels: 2, group: 0, channelsPerGroup: 2, rowOrder: 'channels-first',
 * };
 * const y = mvmConv(new Float32Array(32).fill(0.5), patches, mapped, { mode: 'ideal' }); // 4 × 3 values ≈ 18·0.125, or null
 * // 1 Ω source and lines: ≈ 0.70–0.73 instead of 2.25 (the wires drop much of the voltage across 50 Ω devices).
 * const passive = mvmConv(new Float32Array(32).fill(0.5), patches, mapped, { mode: 'passive', sourceResistance: 1, lineResistance: 1 });
 */
export function mvmConv(
  image: Float32Array,
  patches: ConvPatches,
  target: MappedCrossbars,
  options: MvmConvOptions,
): Float32Array | null {
  requireOptions(WHERE, options);
  const o = resolveOptions(WHERE, options, SCHEMA);
  const t = checkTarget(WHERE, target);
  const p = checkPatches(patches);
  const [D, H, W] = p.inSize;
  if (!(image instanceof Float32Array) || image.length !== p.samples * D * H * W * p.channels)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter: 'image',
      expectedShape: [p.samples, D, H, W, p.channels],
      actualShape: [image instanceof Float32Array ? image.length : -1],
      detail: '(a Float32Array of samples · D · H · W · channels values)',
    });
  const volume = p.kernel[0] * p.kernel[1] * p.kernel[2];
  if (t.rows !== volume * p.channelsPerGroup)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter: 'target.rows',
      expectedShape: [volume * p.channelsPerGroup],
      actualShape: [t.rows],
      detail: '(one word line per kernel tap and group channel)',
    });
  const scale = o.inputScale ?? new Float64Array(p.samples).fill(1);
  if (!(scale instanceof Float64Array) || scale.length !== p.samples)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter: 'inputScale',
      expectedShape: [p.samples],
      actualShape: [scale instanceof Float64Array ? scale.length : -1],
      detail: '(a Float64Array with one scale per sample)',
    });
  scale.forEach((s, i) => {
    if (!(s > 0 && Number.isFinite(s)))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `inputScale[${i}]`,
        value: s,
        expected: 'a finite number > 0',
      });
  });
  const epilogue = o.epilogue === undefined ? null : checkOutputEpilogue(WHERE, 'epilogue', o.epilogue, t.cols);
  const ownTiles = t.crossbars[0]!.tileShape;
  // A DAC range beyond float32's (quantizeInput rejects it for float32 voltages): the checked path raises the error.
  if (o.dac !== undefined && !(o.dac.range <= 2 ** 126)) return null;
  if (o.mode === 'passive') return passiveConv(image, p, t, o, scale, ownTiles, epilogue);
  rejectPassiveKeys(WHERE, o.mode, o);
  const tileShape = o.mode === 'tiled' ? (o.tileShape ?? ownTiles) : undefined;
  if (o.mode === 'ideal' && (o.tileShape !== undefined || o.adc !== undefined))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: o.tileShape !== undefined ? 'tileShape' : 'adc',
      value: o.tileShape ?? o.adc,
      expected: "omitted in mode 'ideal' (an untiled V·G without ADC); use mode 'tiled' for per-tile ADCs",
    });
  if (o.mode === 'tiled' && tileShape === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'tileShape',
      value: undefined,
      expected: "given for mode 'tiled' (in the options or as the crossbars' tileShape)",
    });
  const bits = o.adc === undefined ? 0 : adcConverter(o.adc).linearBits;
  if (bits === undefined) return null;
  const noise = o.readNoise === undefined ? null : readNoiseKernel(WHERE, o.readNoise, t);
  // Noise the tile loop cannot describe (output noise whose σ² does not round-trip) takes the checked path.
  if (noise !== null && noise.fused === null) return null;
  const [tr, tc] = tileShape ?? [t.rows, t.cols];
  // 'call' draws the call's device noise first (the kernel perturbs its packed matrix), as mvm does; a null return
  // puts the generator back, so the checked path draws the same values.
  const saved = noise === null ? null : o.readNoise!.rng.state;
  const fused = noise === null || noise.fused === 'none' ? null : noise.fused;
  const perturb = noise?.perturbFused ?? null;
  const threads = o.threads ?? 1;
  const geff = effectiveMatrix(t);
  const out = fusedConv(image, p, t, geff, tr, tc, bits, scale, threads, o.dac ?? null, fused, epilogue, perturb);
  if (out === null && saved !== null) o.readNoise!.rng.state = saved;
  return out;
}

/**
 * Mode 'passive' (linear devices): the matrix is each array's cached transfer matrix Teff (built on the first call
 * per programmed state, as `mvm` builds it); the tiles are the crossbars' own physical circuits. Without an ADC the
 * read-out is one GEMM over the whole matrix (mvm's passive GEMM: a tile row's partial currents are those with every
 * other word line at 0 V, so the sum over tiles is V·Teff); with one, each tile's partials go through it (tiled
 * crossbars) or, untiled, the ADC spans the whole output and the call is not covered (null). Read noise is not
 * modelled in the passive read-out: such a call is not covered either, and `mvm` raises the error.
 */
function passiveConv(
  image: Float32Array,
  p: ConvPatches,
  t: MappedCrossbars,
  o: ResolvedOptions<MvmConvOptions, typeof SCHEMA>,
  scale: Float64Array,
  ownTiles: [number, number] | undefined,
  epilogue: OutputEpilogue | null,
): Float32Array | null {
  const resistances = checkPassive(WHERE, o, o.tileShape, ownTiles);
  if (o.readNoise !== undefined) return null;
  const bits = o.adc === undefined ? 0 : adcConverter(o.adc).linearBits;
  if (bits === undefined || (o.adc !== undefined && ownTiles === undefined)) return null;
  const threads = o.threads ?? 1;
  const teff = effectivePassiveMatrix(t, resistances, threads);
  const [tr, tc] = o.adc === undefined ? [t.rows, t.cols] : ownTiles!;
  return fusedConv(image, p, t, teff, tr, tc, bits, scale, threads, o.dac ?? null, null, epilogue);
}

/** The fused kernel on the implicit im2col rows of `image` with matrix `geff`; null when it does not run. */
function fusedConv(
  image: Float32Array,
  p: ConvPatches,
  t: MappedCrossbars,
  geff: Float32Array,
  tr: number,
  tc: number,
  bits: number,
  scale: Float64Array,
  threads: number,
  dac: DacConfig | null,
  noise: FusedReadNoise | null,
  epilogue: OutputEpilogue | null,
  perturb: FusedPerturb | null = null,
): Float32Array | null {
  const { rows, cols } = t;
  const m = p.samples * p.outSize[0] * p.outSize[1] * p.outSize[2];
  const out = new Float32Array(m * cols);
  const source = {
    ...p,
    data: image,
    channelOffset: p.group * p.channelsPerGroup,
    channelsFirst: p.rowOrder === 'channels-first',
    scale,
    gain: t.gain,
    dac,
    epilogue,
  };
  return tiledWasmKernel(image, m, rows, cols, geff, tr, tc, bits, out, threads, noise, source, perturb) ? out : null;
}

/** Checks the patch geometry: positive sizes, a group in range, an output size the input and padding can give. */
function checkPatches(patches: ConvPatches): ConvPatches {
  if (typeof patches !== 'object' || patches === null)
    throw new InvalidParameterError({ where: WHERE, parameter: 'patches', value: patches, expected: 'a ConvPatches' });
  const triple = (name: keyof ConvPatches, min: number): [number, number, number] => {
    const v = patches[name] as unknown;
    if (!Array.isArray(v) || v.length !== 3 || v.some((x) => !Number.isInteger(x) || x < min))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `patches.${name}`,
        value: v,
        expected: `3 integers ≥ ${min} ([D, H, W]; 1 for missing leading axes)`,
      });
    return v as [number, number, number];
  };
  const p: ConvPatches = {
    samples: checkPositiveInteger(WHERE, 'patches.samples', patches.samples),
    inSize: triple('inSize', 1),
    outSize: triple('outSize', 1),
    kernel: triple('kernel', 1),
    strides: triple('strides', 1),
    dilation: triple('dilation', 1),
    padBefore: triple('padBefore', 0),
    channels: checkPositiveInteger(WHERE, 'patches.channels', patches.channels),
    group: patches.group,
    channelsPerGroup: checkPositiveInteger(WHERE, 'patches.channelsPerGroup', patches.channelsPerGroup),
    rowOrder: patches.rowOrder,
  };
  if (p.rowOrder !== 'channels-first' && p.rowOrder !== 'channels-last')
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'patches.rowOrder',
      value: p.rowOrder,
      expected: "'channels-first' or 'channels-last'",
    });
  const groups = p.channels / p.channelsPerGroup;
  if (!Number.isInteger(groups) || !Number.isInteger(p.group) || p.group < 0 || p.group >= groups)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'patches.group',
      value: p.group,
      expected: `an integer in [0, ${Math.floor(groups) - 1}] with channelsPerGroup dividing channels (${p.channels})`,
    });
  for (let a = 0; a < 3; a++) {
    // The last output position's window must start inside the padded input (the padding after is implied).
    const last = (p.outSize[a]! - 1) * p.strides[a]! - p.padBefore[a]!;
    if (last >= p.inSize[a]! || p.padBefore[a]! >= (p.kernel[a]! - 1) * p.dilation[a]! + 1)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `patches.outSize[${a}]`,
        value: p.outSize[a],
        expected: `an output size whose windows start inside the input (size ${p.inSize[a]}, padding ${p.padBefore[a]} before)`,
      });
  }
  return p;
}
