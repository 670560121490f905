import type { MappedCrossbars } from '@memsim/crossbar';
import type { MemristiveLayer } from '../memristive/memristive-layer';

/** The programmed state of one memristive layer: its crossbar sets (null when a custom engine is used). */
export interface LayerProgram {
  /** The memristive layer in the patched tfjs model. */
  readonly layer: MemristiveLayer;
  /** One entry per crossbar set (conv group; RNN input and recurrent kernels). */
  readonly sets: (MappedCrossbars | null)[];
}

/**
 * Per-layer view returned by `MemristiveModel.crossbars()`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const [dense]: LayerCrossbars[] = patched.crossbars();
 * [dense.className, dense.sets[0].crossbars.length]; // → ['MemristiveDense', 2] (double-column: a positive and a negative array)
 */
export interface LayerCrossbars {
  /** Layer name. */
  layer: string;
  /** Layer class name (e.g. 'MemristiveConv2D'). */
  className: string;
  /** The crossbar sets (inspect `crossbars[k].conductance`, `gain`, `rows`, `cols`). */
  sets: MappedCrossbars[];
}

/**
 * One row of `MemristiveModel.summary()`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const [row]: LayerSummary[] = patched.summary();
 * [row.weights, row.crossbars, row.devices]; // → [18, 2, 36]
 */
export interface LayerSummary {
  /** Layer name. */
  layer: string;
  /** Layer class name. */
  className: string;
  /** Crossbar sets (conv groups; 2 for an RNN). */
  sets: number;
  /** Crossbar arrays (2 per set for double-column). */
  crossbars: number;
  /** Physical tiles over all arrays (1 per untiled array). */
  tiles: number;
  /** Devices over all arrays (tile padding included). */
  devices: number;
  /** Weights stored (rows·cols summed over sets). */
  weights: number;
}
