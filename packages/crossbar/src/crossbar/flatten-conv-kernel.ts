// MODULES //

import { InvalidParameterError, ShapeMismatchError, checkFiniteArray, checkOneOf } from '@memsim/core';
import type { Matrix, NumericArray } from '@memsim/core';

// MAIN //

/**
 * Memory layout of a convolution kernel.
 *
 * @example
 * const layout: KernelLayout = 'channels-first'; // rows in (c, kh, kw) order, as MemTorch unfolds
 * flattenConvKernel([1, 2, 3, 4], [1, 2, 2, 1], layout).rows; // → 4
 */
export type KernelLayout = 'channels-last' | 'channels-first';

/**
 * Runtime list of {@link KernelLayout} values.
 *
 * @example
 * KERNEL_LAYOUTS; // → ['channels-last', 'channels-first']
 */
export const KERNEL_LAYOUTS: readonly KernelLayout[] = Object.freeze(['channels-last', 'channels-first']);

/**
 * Flattens a Conv1D/2D/3D kernel of any channel count into the crossbar matrix
 * `[kernelVolume · inChannels, outChannels]` (rows = inputs, cols = outputs).
 *
 * - `'channels-last'` (TensorFlow.js): shape `[...k, inChannels, outChannels]`. Row index = the row-major index of
 *   `(...k, inChannel)`, i.e. `((kd·KH + kh)·KW + kw)·C + c` for 3-D: the order of `tf.image.extractPatches` and of
 *   an unfolded NHWC input patch.
 * - `'channels-first'` (PyTorch / MemTorch): shape `[outChannels, inChannels, ...k]`. Row index = the row-major
 *   index of `(inChannel, ...k)`, i.e. `((c·KD + kd)·KH + kh)·KW + kw`: the order of `torch.nn.Unfold` on NCHW.
 *
 * The layer that unfolds its inputs must use the same order.
 *
 * @param kernel - kernel values, row-major in `layout` (not modified).
 * @param shape - kernel shape (3, 4 or 5 dimensions: Conv1D, Conv2D, Conv3D).
 * @param layout - `'channels-last'` or `'channels-first'`.
 * @returns a new Float64 matrix.
 * @throws {InvalidParameterError} when the shape has the wrong rank or non-positive sizes, a value is not finite, or the layout is unknown.
 * @throws {ShapeMismatchError} when `kernel` does not hold the product of `shape` values.
 * @example
 * flattenConvKernel([1, 2, 3, 4], [1, 2, 2, 1], 'channels-first'); // → { rows: 4, cols: 1, data: [1, 2, 3, 4] }
 */
export function flattenConvKernel(
  kernel: NumericArray,
  shape: readonly number[],
  layout: KernelLayout,
): Matrix<Float64Array> {
  const where = 'flattenConvKernel';
  const l = checkOneOf(where, 'layout', layout, KERNEL_LAYOUTS);
  if (
    !Array.isArray(shape) ||
    shape.length < 3 ||
    shape.length > 5 ||
    !shape.every((s) => Number.isInteger(s) && s >= 1)
  )
    throw new InvalidParameterError({
      where,
      parameter: 'shape',
      value: shape,
      expected: 'an array of 3 to 5 positive integers (Conv1D, Conv2D or Conv3D kernel)',
    });
  checkFiniteArray(where, 'kernel', kernel);
  const total = shape.reduce((a, b) => a * b, 1);
  if (kernel.length !== total)
    throw new ShapeMismatchError({
      where,
      parameter: 'kernel',
      expectedShape: [total],
      actualShape: [kernel.length],
      detail: `(shape [${shape.join(', ')}])`,
    });
  if (l === 'channels-last') {
    const cols = shape[shape.length - 1]!;
    return { rows: total / cols, cols, data: Float64Array.from(kernel) };
  }
  const cols = shape[0]!;
  const rows = total / cols;
  const data = new Float64Array(total);
  for (let o = 0; o < cols; o++) for (let r = 0; r < rows; r++) data[r * cols + o] = kernel[o * rows + r]!;
  return { rows, cols, data };
}
