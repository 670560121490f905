import {
  checkFiniteArray,
  checkPositiveInteger,
  InvalidParameterError,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
  ShapeMismatchError,
} from '@memsim/core';
import type { Matrix } from '@memsim/core';
import { DEFAULT_ROW_ORDER, ROW_ORDERS } from './row-order';
import type { RowOrder } from './row-order';

/**
 * Options of {@link flattenConvKernel}.
 *
 * @example
 * const k = new Float32Array(3 * 3 * 2 * 4).fill(0.1); // a 3×3 kernel, 2 input and 4 output channels (HWIO)
 * const options: FlattenConvKernelOptions = { groups: 1, depthwise: false, rowOrder: 'channels-first' }; // the defaults
 * flattenConvKernel(k, [3, 3, 2, 4], options)[0].cols; // → 4
 */
export interface FlattenConvKernelOptions {
  /** Number of channel groups (1 = ordinary conv; C_in with a depthwise kernel). @default 1 */
  groups?: number;
  /** The kernel is a tfjs depthwise kernel [...k, C_in, multiplier] (output channel c·multiplier + m). @default false */
  depthwise?: boolean;
  /** Row order: (c, kd, kh, kw) (MemTorch's) or (kd, kh, kw, c) (tfjs's layout). @default 'channels-first' */
  rowOrder?: RowOrder;
}

const SCHEMA = {
  groups: option.withDefault(rule.positiveInteger, 1),
  depthwise: option.withDefault(rule.boolean, false),
  rowOrder: option.withDefault(rule.oneOf(ROW_ORDERS), DEFAULT_ROW_ORDER),
} satisfies OptionsSchema<FlattenConvKernelOptions>;

/**
 * Flattens a tfjs conv kernel ([...k, C_in/groups, C_out], or depthwise [...k, C_in, multiplier]) into one crossbar
 * matrix per group, rows in the `rowOrder` of {@link unfold} ((c, kd, kh, kw) by default, MemTorch's; or
 * (kd, kh, kw, c), tfjs's kernel layout), columns = the group's output channels
 * (group g owns output channels g·C_out/groups … (g + 1)·C_out/groups − 1, as in tfjs and PyTorch).
 *
 * @param kernel - kernel data, row-major in the tfjs layout.
 * @param kernelShape - the tfjs kernel shape (rank + 2 entries).
 * @returns `groups` matrices of kernelVolume·C_in/groups rows and C_out/groups columns (new arrays).
 * @throws {ShapeMismatchError} when the data length or the output channels do not fit the shape and groups.
 * @throws {InvalidParameterError} when the kernel holds NaN or Infinity, an option is unknown, `groups` is not a
 *   positive integer, `depthwise` not a boolean or `rowOrder` unknown.
 * @example
 * const k = new Float32Array(3 * 3 * 2 * 4).fill(0.1); // a 3×3 kernel, 2 input and 4 output channels (HWIO)
 * flattenConvKernel(k, [3, 3, 2, 4])[0].rows; // → 18
 */
export function flattenConvKernel(
  kernel: Float32Array,
  kernelShape: readonly number[],
  options: FlattenConvKernelOptions = {},
): Matrix<Float32Array>[] {
  const where = 'flattenConvKernel';
  if (!Array.isArray(kernelShape) || kernelShape.length < 3)
    throw new InvalidParameterError({
      where,
      parameter: 'kernelShape',
      value: kernelShape,
      expected: '[...kernel, inChannels, outChannels]',
    });
  for (const [i, v] of kernelShape.entries()) checkPositiveInteger(where, `kernelShape[${i}]`, v);
  checkFiniteArray(where, 'kernel', kernel);
  const total = kernelShape.reduce((a, b) => a * b, 1);
  if (kernel.length !== total)
    throw new ShapeMismatchError({ where, parameter: 'kernel', expectedShape: [total], actualShape: [kernel.length] });
  const kernelVolume = kernelShape.slice(0, -2).reduce((a, b) => a * b, 1);
  const a = kernelShape[kernelShape.length - 2]!;
  const b = kernelShape[kernelShape.length - 1]!;
  const o = resolveOptions(where, options, SCHEMA);
  const depthwise = o.depthwise;
  const channelsFirst = o.rowOrder === 'channels-first';
  // A depthwise kernel [...k, C, m] is the grouped layout [...k, 1, C·m] with groups = C.
  const groups = depthwise ? a : o.groups;
  const cg = depthwise ? 1 : a;
  const outChannels = depthwise ? a * b : b;
  if (outChannels % groups !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'kernelShape (output channels)',
      expectedShape: [groups * Math.max(1, Math.round(outChannels / groups))],
      actualShape: [outChannels],
      detail: `(output channels must be a multiple of groups = ${groups})`,
    });
  const og = outChannels / groups;
  const rows = kernelVolume * cg;
  const result: Matrix<Float32Array>[] = [];
  for (let g = 0; g < groups; g++) {
    const data = new Float32Array(rows * og);
    for (let k = 0; k < kernelVolume; k++)
      for (let c = 0; c < cg; c++) {
        const src = (k * cg + c) * outChannels + g * og;
        const dst = (channelsFirst ? c * kernelVolume + k : k * cg + c) * og;
        for (let o = 0; o < og; o++) data[dst + o] = kernel[src + o]!;
      }
    result.push({ rows, cols: og, data });
  }
  return result;
}
