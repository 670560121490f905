import * as tf from '@tensorflow/tfjs';
import { MemristiveConvNd } from './memristive-conv-nd';
import type { MemristiveConvNdArgs } from './memristive-conv-nd';

/**
 * Memristive 1-D (NWC) convolution: the tfjs `Conv1D` computed as unfold → crossbars (one set per group) → calibration
 * → digital bias → activation. Supports stride, dilation, `same`/`valid` padding (and `causal`), non-square kernels and
 * `groups`. Crossbar rows are in (kd, kh, kw, c) order; columns are the filters.
 *
 * @throws {InvalidParameterError} when a size is not a positive integer, the padding or activation is unknown,
 * `filters` is not a multiple of `groups`, or a key is unknown.
 * @example
 * const layer = new MemristiveConv1D({ filters: 8, kernelSize: 3, padding: 'same' });
 */
export class MemristiveConv1D extends MemristiveConvNd {
  static className = 'MemristiveConv1D';

  constructor(args: MemristiveConvNdArgs) {
    super(1, 'MemristiveConv1D', args);
  }
}
tf.serialization.registerClass(MemristiveConv1D, 'memsim');
