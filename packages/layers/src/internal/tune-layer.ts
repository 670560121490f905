import * as tf from '@tensorflow/tfjs';
import { calibrate } from '@memsim/mapping';
import type { OutputCalibration } from '@memsim/mapping';
import type { MemristiveLayer } from '../memristive/memristive-layer';

/**
 * Fits the output calibration of crossbar set `index` of `layer` on the given input rows: the raw engine output
 * (no calibration) against the digital product input · W. Always from raw outputs, so tuning is idempotent.
 * The rows are one sample for the engine (one data-dependent ADC range and input scale over all of them).
 */
export function tuneSet(
  layer: MemristiveLayer,
  index: number,
  input: Float32Array,
  rows: number,
  perColumn: boolean,
): OutputCalibration {
  const weights = layer.crossbarWeights()[index]!;
  // The fitting rows are read as one block (one sample): one ADC range and input scale over them, like the range an
  // image's many rows share at inference (read row by row, a one-column set would not be quantised at all).
  const raw = layer.engine(index)!(input, rows, 1);
  // The tensor leaves tidy, not its data: tidy walks a returned typed array element by element (seconds for 10^5).
  const product = tf.tidy(() =>
    tf.matMul(tf.tensor2d(input, [rows, weights.rows]), tf.tensor2d(weights.data, [weights.rows, weights.cols])),
  );
  const reference = product.dataSync() as Float32Array;
  product.dispose();
  try {
    return calibrate(raw, reference, { perColumn, cols: weights.cols });
  } catch (error) {
    // A constant column (e.g. all-zero weights) has no per-column slope: fall back to one line for the set.
    if (!perColumn) throw error;
    return calibrate(raw, reference, { perColumn: false, cols: weights.cols });
  }
}
