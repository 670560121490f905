import {
  InvalidParameterError,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
  ShapeMismatchError,
} from '@memsim/core';
import type { ConvGeometry } from './conv-geometry';
import { DEFAULT_ROW_ORDER, ROW_ORDERS } from './row-order';
import type { RowOrder } from './row-order';

/**
 * Options of {@link unfold}.
 *
 * @example
 * const x = new Float32Array(1 * 4 * 4 * 2).fill(1); // one 4×4 image with 2 channels (NHWC)
 * const geometry = convGeometry('conv', [1, 4, 4, 2], { kernelSize: [3, 3] });
 * const options: UnfoldOptions = { group: 0, rowOrder: 'channels-first' }; // the defaults; out: a new array
 * unfold(x, geometry, options).rows; // → 4 patches (2 × 2 output positions)
 */
export interface UnfoldOptions {
  /** Which channel group to unfold (0 ≤ group < geometry.groups). @default 0 */
  group?: number;
  /** Column order of the patches (= crossbar row order): (c, kd, kh, kw) or (kd, kh, kw, c). @default 'channels-first' */
  rowOrder?: RowOrder;
  /** Array to write the patches into (rows·cols entries, overwritten). @default a new one */
  out?: Float32Array;
}

// `group < geometry.groups` and the length of `out` depend on the geometry: checked below.
const SCHEMA = {
  group: option.withDefault(rule.nonNegativeInteger, 0),
  rowOrder: option.withDefault(rule.oneOf(ROW_ORDERS), DEFAULT_ROW_ORDER),
  out: option.optional(rule.any<Float32Array>()),
} satisfies OptionsSchema<UnfoldOptions>;

/**
 * im2col of a channels-last input (NWC, NHWC or NDHWC, flat row-major Float32Array): one row per output position
 * (batch, then d, h, w in row-major order) and one column per crossbar row, in **(c, kd, kh, kw)** order
 * (`rowOrder: 'channels-first'`, MemTorch's) or **(kd, kh, kw, c)** order (`'channels-last'`, tfjs's kernel layout),
 * c running over the channels of the chosen group. Zero padding and dilation are applied here; the result times the
 * kernel flattened by {@link flattenConvKernel} with the same `rowOrder` is the convolution, exactly.
 *
 * @param input - the input tensor data, length batch·D·H·W·C.
 * @param geometry - from {@link convGeometry}.
 * @returns a matrix of batch·positions rows and kernelVolume·channelsPerGroup columns (new array).
 * @throws {ShapeMismatchError} when `input` has the wrong length.
 * @throws {InvalidParameterError} when an option is unknown, `group` is out of range or `rowOrder` is unknown.
 * @example
 * const x = new Float32Array(1 * 4 * 4 * 2).fill(1); // one 4×4 image with 2 channels (NHWC)
 * unfold(x, convGeometry('conv', [1, 4, 4, 2], { kernelSize: [3, 3], padding: 'same' })).cols; // → 18
 */
export function unfold(
  input: Float32Array,
  geometry: ConvGeometry,
  options: UnfoldOptions = {},
): { rows: number; cols: number; data: Float32Array } {
  const where = 'unfold';
  const { batch, inSize, outSize, kernel, strides, dilation, padBefore, channels, channelsPerGroup: cg } = geometry;
  const [D, H, W] = inSize;
  if (!(input instanceof Float32Array) || input.length !== batch * D * H * W * channels)
    throw new ShapeMismatchError({
      where,
      parameter: 'input',
      expectedShape: [batch * D * H * W * channels],
      actualShape: [input instanceof Float32Array ? input.length : -1],
      detail: '(a Float32Array of batch·spatial·channels values)',
    });
  const { group, rowOrder, out: given } = resolveOptions(where, options, SCHEMA);
  if (group >= geometry.groups)
    throw new InvalidParameterError({
      where,
      parameter: 'group',
      value: group,
      expected: `an integer in [0, ${geometry.groups - 1}]`,
    });
  const [OD, OH, OW] = outSize;
  const [KD, KH, KW] = kernel;
  const [SD, SH, SW] = strides;
  const [DD, DH, DW] = dilation;
  const [PD, PH, PW] = padBefore;
  const volume = KD * KH * KW;
  const cols = volume * cg;
  const rows = batch * OD * OH * OW;
  let out: Float32Array;
  if (given === undefined) out = new Float32Array(rows * cols);
  else {
    out = given;
    if (!(out instanceof Float32Array) || out.length !== rows * cols)
      throw new ShapeMismatchError({
        where,
        parameter: 'out',
        expectedShape: [rows * cols],
        actualShape: [out instanceof Float32Array ? out.length : -1],
        detail: '(a Float32Array of rows·cols values)',
      });
    out.fill(0); // padding positions are skipped below
  }
  const channelOffset = group * cg;
  const channelsLast = rowOrder === 'channels-last';
  // `o` walks the patch in (kd, kh, kw, c) order; channels-first writes each value to its (c, kd, kh, kw) column.
  let o = 0;
  let patch = 0;
  for (let b = 0; b < batch; b++) {
    const sampleBase = b * D * H * W * channels;
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, patch = o) {
          for (let kd = 0; kd < KD; kd++) {
            const id = od * SD - PD + kd * DD;
            if (id < 0 || id >= D) {
              o += KH * KW * cg; // zeros already
              continue;
            }
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * SH - PH + kh * DH;
              if (ih < 0 || ih >= H) {
                o += KW * cg;
                continue;
              }
              const rowBase = sampleBase + (id * H + ih) * W * channels + channelOffset;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * SW - PW + kw * DW;
                if (iw >= 0 && iw < W) {
                  const src = rowBase + iw * channels;
                  if (channelsLast) for (let c = 0; c < cg; c++) out[o + c] = input[src + c]!;
                  // channels-first: column c·volume + k of this patch, k = o − patch start in the (kd, kh, kw) walk
                  else
                    for (let c = 0, dst = patch + (o - patch) / cg; c < cg; c++, dst += volume)
                      out[dst] = input[src + c]!;
                }
                o += cg;
              }
            }
          }
        }
      }
    }
  }
  return { rows, cols, data: out };
}
