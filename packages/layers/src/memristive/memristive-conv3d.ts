import * as tf from '@tensorflow/tfjs';
import { MemristiveConvNd } from './memristive-conv-nd';
import type { MemristiveConvNdArgs } from './memristive-conv-nd';

/**
 * Memristive 3-D (NDHWC) convolution: the tfjs `Conv3D` computed as unfold → crossbars (one set per group) → calibration
 * → digital bias → activation. Supports stride, dilation, `same`/`valid` padding, non-square kernels and
 * `groups`. Crossbar rows are in (kd, kh, kw, c) order; columns are the filters.
 *
 * @throws {InvalidParameterError} when a size is not a positive integer, the padding or activation is unknown,
 * `filters` is not a multiple of `groups`, or a key is unknown.
 * @example
 * const layer = new MemristiveConv3D({ filters: 8, kernelSize: 3, padding: 'same' });
 */
export class MemristiveConv3D extends MemristiveConvNd {
  static className = 'MemristiveConv3D';

  constructor(args: MemristiveConvNdArgs) {
    super(3, 'MemristiveConv3D', args);
  }
}
tf.serialization.registerClass(MemristiveConv3D, 'memsim');
