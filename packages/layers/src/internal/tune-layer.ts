import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@memsim/core';
import { calibrate } from '@memsim/mapping';
import type { OutputCalibration } from '@memsim/mapping';
import type { MemristiveLayer } from '../layers/memristive-layer';

/** Fit result of one crossbar set. */
export interface SetCalibration {
  layer: string;
  index: number;
  calibration: OutputCalibration;
}

/** Picks `n` rows of a rows × width matrix (all of them when there are at most n), seeded. */
export function sampleRows(chunks: Float32Array[], width: number, n: number, rng: Rng): { data: Float32Array; rows: number } {
  const total = chunks.reduce((s, c) => s + c.length / width, 0);
  const rows = Math.min(total, n);
  const pick = new Int32Array(rows);
  if (rows === total) for (let i = 0; i < rows; i++) pick[i] = i;
  else {
    // Floyd's algorithm: rows distinct indices, then sorted for a stable order.
    const chosen = new Set<number>();
    for (let j = total - rows; j < total; j++) {
      const t = rng.integer(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    Int32Array.from(chosen).sort().forEach((v, i) => {
      pick[i] = v;
    });
  }
  const data = new Float32Array(rows * width);
  let chunk = 0;
  let offset = 0;
  for (let i = 0; i < rows; i++) {
    while (pick[i]! >= offset + chunks[chunk]!.length / width) {
      offset += chunks[chunk]!.length / width;
      chunk++;
    }
    const r = pick[i]! - offset;
    data.set(chunks[chunk]!.subarray(r * width, (r + 1) * width), i * width);
  }
  return { data, rows };
}

/**
 * Fits the output calibration of crossbar set `index` of `layer` on the given input rows: the raw engine output
 * (no calibration) against the digital product input · W. Always from raw outputs, so tuning is idempotent.
 */
export function tuneSet(layer: MemristiveLayer, index: number, input: Float32Array, rows: number, perColumn: boolean): OutputCalibration {
  const weights = layer.crossbarWeights()[index]!;
  const raw = layer.engine(index)!(input, rows);
  const reference = tf.tidy(() =>
    tf.matMul(tf.tensor2d(input, [rows, weights.rows]), tf.tensor2d(weights.data, [weights.rows, weights.cols])).dataSync(),
  );
  try {
    return calibrate(raw, reference, { perColumn, cols: weights.cols });
  } catch (error) {
    // A constant column (e.g. all-zero weights) has no per-column slope: fall back to one line for the set.
    if (!perColumn) throw error;
    return calibrate(raw, reference, { perColumn: false, cols: weights.cols });
  }
}
