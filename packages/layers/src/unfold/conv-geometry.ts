import {
  checkPositiveInteger,
  InvalidParameterError,
  type OptionCheck,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
  ShapeMismatchError,
} from '@memsim/core';

/**
 * Padding modes of a convolution (tfjs names). `causal` exists for rank 1 only.
 *
 * @example
 * const padding: ConvPadding = 'same'; // output = ceil(input / stride) ('valid': no padding)
 * convGeometry('conv', [1, 5, 5, 2], { kernelSize: [3, 3], padding }).outShape; // → [5, 5]
 */
export type ConvPadding = 'valid' | 'same' | 'causal';

/**
 * Runtime list of {@link ConvPadding}.
 *
 * @example
 * CONV_PADDINGS; // → ['valid', 'same', 'causal']
 */
export const CONV_PADDINGS: readonly ConvPadding[] = Object.freeze(['valid', 'same', 'causal']);

/**
 * Hyper-parameters of a convolution, one entry per spatial axis.
 *
 * @example
 * const options: ConvGeometryOptions = { kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid', groups: 1 }; // all but kernelSize: defaults
 * convGeometry('conv', [1, 5, 5, 2], options).outShape; // → [3, 3]
 */
export interface ConvGeometryOptions {
  /** Kernel size per spatial axis. */
  kernelSize: readonly number[];
  /** Stride per spatial axis. @default all 1 */
  strides?: readonly number[];
  /** Dilation per spatial axis. @default all 1 */
  dilationRate?: readonly number[];
  /** `valid` (no padding), `same` (tfjs: output = ceil(input / stride)) or `causal` (rank 1: pad left only). @default 'valid' */
  padding?: ConvPadding;
  /** Number of channel groups; input and output channels are split into this many independent convolutions. @default 1 */
  groups?: number;
}

/**
 * Everything the unfold and the layers need to know about one convolution on one input shape.
 *
 * @example
 * const g: ConvGeometry = convGeometry('conv', [1, 5, 5, 2], { kernelSize: [3, 3] }); // one 5×5 image, 2 channels (NHWC)
 * [g.positions, g.kernelVolume * g.channelsPerGroup]; // → [9, 18]: 9 patches of 18 values (the crossbar rows)
 */
export interface ConvGeometry {
  /** Number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  /** Batch size. */
  readonly batch: number;
  /** Spatial input size, padded to 3 axes as [D, H, W] (missing leading axes are 1). */
  readonly inSize: readonly [number, number, number];
  /** Spatial output size as [D, H, W]. */
  readonly outSize: readonly [number, number, number];
  /** Kernel size as [kd, kh, kw]. */
  readonly kernel: readonly [number, number, number];
  /** Strides as [sd, sh, sw]. */
  readonly strides: readonly [number, number, number];
  /** Dilations as [dd, dh, dw]. */
  readonly dilation: readonly [number, number, number];
  /** Zero padding before each axis as [pd, ph, pw] (after is implied by the output size). */
  readonly padBefore: readonly [number, number, number];
  /** Input channels (all groups). */
  readonly channels: number;
  /** Channel groups. */
  readonly groups: number;
  /** Input channels per group. */
  readonly channelsPerGroup: number;
  /** Kernel volume kd·kh·kw. */
  readonly kernelVolume: number;
  /** Output positions per sample, D_out·H_out·W_out. */
  readonly positions: number;
  /** Spatial output shape of the original rank, e.g. [H_out, W_out]. */
  readonly outShape: readonly number[];
}

/** The rule of a per-axis option: an array of `rank` positive integers (each entry named in the message). */
function perAxis(rank: number): OptionCheck<readonly number[]> {
  return (where, parameter, value) => {
    if (!Array.isArray(value) || value.length !== rank)
      throw new InvalidParameterError({ where, parameter, value, expected: `an array of ${rank} positive integers` });
    return value.map((v, i) => checkPositiveInteger(where, `${parameter}[${i}]`, v));
  };
}

// One schema per rank (1 to 3 spatial axes): the per-axis rules know the array length, the defaults are all 1.
const SCHEMAS = [1, 2, 3].map(
  (rank) =>
    ({
      kernelSize: option.requiredByRule(perAxis(rank)),
      strides: option.withDefault(perAxis(rank), Object.freeze(new Array<number>(rank).fill(1))),
      dilationRate: option.withDefault(perAxis(rank), Object.freeze(new Array<number>(rank).fill(1))),
      padding: option.withDefault(rule.oneOf(CONV_PADDINGS), 'valid'),
      groups: option.withDefault(rule.positiveInteger, 1),
    }) satisfies OptionsSchema<ConvGeometryOptions>,
);

/**
 * Works out the geometry of a channels-last convolution (NWC, NHWC or NDHWC) the way tfjs does: `same` padding
 * gives ceil(input / stride) outputs with the extra zero (if odd) after, `valid` gives
 * ceil((input − (k − 1)·d) / stride), `causal` pads (k − 1)·d zeros before a rank-1 input.
 *
 * @param inputShape - [batch, ...spatial, channels], 3 to 5 entries.
 * @param options - kernel, strides, dilation, padding, groups.
 * @throws {InvalidParameterError} when a size is not a positive integer, the padding is unknown, `causal` is used
 * with rank > 1, the groups do not divide the channels, or the kernel does not fit a `valid` input.
 * @example
 * convGeometry('conv', [2, 7, 5, 3], { kernelSize: [3, 2], strides: [2, 1], padding: 'same' }).outShape; // → [4, 5]
 */
export function convGeometry(where: string, inputShape: readonly number[], options: ConvGeometryOptions): ConvGeometry {
  if (!Array.isArray(inputShape) || inputShape.length < 3 || inputShape.length > 5)
    throw new InvalidParameterError({
      where,
      parameter: 'inputShape',
      value: inputShape,
      expected: '[batch, ...1 to 3 spatial axes, channels]',
    });
  const rank = inputShape.length - 2;
  for (const [i, v] of inputShape.entries()) checkPositiveInteger(where, `inputShape[${i}]`, v);
  const {
    kernelSize: kernel,
    strides,
    dilationRate: dilation,
    padding,
    groups,
  } = resolveOptions(where, options, SCHEMAS[rank - 1]!);
  if (padding === 'causal' && rank !== 1)
    throw new InvalidParameterError({
      where,
      parameter: 'padding',
      value: padding,
      expected: "'valid' or 'same' for a rank > 1 convolution ('causal' is 1-D only)",
    });
  const channels = inputShape[inputShape.length - 1]!;
  if (channels % groups !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'inputShape (channels)',
      expectedShape: [groups * Math.max(1, Math.round(channels / groups))],
      actualShape: [channels],
      detail: `(input channels must be a multiple of groups = ${groups})`,
    });
  const spatial = inputShape.slice(1, 1 + rank);
  const outShape: number[] = [];
  const padBefore: number[] = [];
  for (let a = 0; a < rank; a++) {
    const size = spatial[a]!;
    const effective = (kernel[a]! - 1) * dilation[a]! + 1;
    let out: number;
    let before: number;
    if (padding === 'same') {
      out = Math.ceil(size / strides[a]!);
      before = Math.floor(Math.max((out - 1) * strides[a]! + effective - size, 0) / 2);
    } else if (padding === 'causal') {
      out = Math.ceil(size / strides[a]!);
      before = effective - 1;
    } else {
      out = Math.ceil((size - effective + 1) / strides[a]!);
      before = 0;
    }
    if (out < 1)
      throw new ShapeMismatchError({
        where,
        parameter: 'inputShape',
        expectedShape: [effective],
        actualShape: [size],
        detail: `(spatial axis ${a} is smaller than the dilated kernel with 'valid' padding)`,
      });
    outShape.push(out);
    padBefore.push(before);
  }
  const lift = (v: readonly number[], fill: number): [number, number, number] => {
    const full = [...new Array<number>(3 - rank).fill(fill), ...v];
    return [full[0]!, full[1]!, full[2]!];
  };
  const outSize = lift(outShape, 1);
  const k3 = lift(kernel, 1);
  return Object.freeze({
    rank,
    batch: inputShape[0]!,
    inSize: lift(spatial, 1),
    outSize,
    kernel: k3,
    strides: lift(strides, 1),
    dilation: lift(dilation, 1),
    padBefore: lift(padBefore, 0),
    channels,
    groups,
    channelsPerGroup: channels / groups,
    kernelVolume: k3[0] * k3[1] * k3[2],
    positions: outSize[0] * outSize[1] * outSize[2],
    outShape: Object.freeze(outShape),
  });
}
