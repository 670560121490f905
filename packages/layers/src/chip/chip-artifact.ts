import type { RngState } from '@memsim/core';
import type { CrossbarJSON as CrossbarOwnJSON } from '@memsim/crossbar';
import type { ChipSettings } from '../model/memristive-model';
import type { RowOrder } from '../unfold/row-order';

/**
 * One crossbar as saved: `crossbarToJSON` of `@memsim/crossbar` plus the drift clock.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const xbar: CrossbarJSON = (await saveChip(patched)).chip.layers[0].sets[0].crossbars[0];
 * [xbar.rows, xbar.cols, xbar.drift]; // → [6, 3, null] (no PCM drift clock)
 */
export interface CrossbarJSON extends CrossbarOwnJSON {
  /** PCM drift clock (`@memsim/nonideality` `driftState`): t₀ and time [s], ν and programmed [S] as base64 Float64. */
  drift?: { t0: number; time: number; nu: string; programmed: string } | null;
}

/**
 * One crossbar set (MappedCrossbars) as saved.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const set: CrossbarSetJSON = (await saveChip(patched)).chip.layers[0].sets[0];
 * [set.scheme, set.rows, set.cols, set.crossbars.length]; // → ['double-column', 6, 3, 2]
 */
export interface CrossbarSetJSON {
  scheme: string;
  rows: number;
  cols: number;
  /** Float64 gain per column [S per weight unit], base64. */
  gain: string;
  referenceConductance: number | null;
  crossbars: CrossbarJSON[];
  /** State of the set's read-noise generator (null: never used). */
  readNoiseRng?: RngState | null;
  /** Drift-compensation factor of the set's outputs (1 = none). */
  driftCompensation?: number;
}

/**
 * An output calibration as saved (Float64 arrays as base64).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * patched.tune();
 * const calibration: CalibrationJSON | null = (await saveChip(patched)).chip.layers[0].calibrations[0];
 * calibration?.slope; // → base64 of one Float64 slope (≈ 1)
 */
export interface CalibrationJSON {
  slope: string;
  intercept: string;
  r2: string;
}

/**
 * One memristive layer of the chip.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const [layer]: ChipLayerJSON[] = (await saveChip(patched)).chip.layers;
 * [layer.legacy, layer.sets.length, layer.calibrations]; // → [false, 1, [null]] (not tuned)
 */
export interface ChipLayerJSON {
  name: string;
  legacy: boolean;
  sets: CrossbarSetJSON[];
  calibrations: (CalibrationJSON | null)[];
  /**
   * Crossbar row order of a convolution's kernel (also in the layer's topology config). Absent in chips saved before
   * row orders existed: those were programmed in (kd, kh, kw, c) order and load as `'channels-last'`.
   */
  rowOrder?: RowOrder;
}

/**
 * A programmed chip in memory: the tfjs model (topology + weights, as `tf.io.ModelArtifacts` holds them) and the
 * chip state (every crossbar's devices and conductances, stuck masks, lookups, calibrations, read-out settings).
 * Plain JSON apart from `weightData`; `loadChip` rebuilds a model with bit-identical outputs.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const artifact: ChipArtifact = await saveChip(patched);
 * [artifact.format, artifact.version]; // → ['memsim.chip', 2]
 * const copy = await loadChip(artifact); // the same outputs, bit for bit
 */
export interface ChipArtifact {
  format: 'memsim.chip';
  /**
   * 3 since checksums are per array (saveChip writes 3); version 2 (one checksum per part) and version 1 (no
   * checksums) still load, with every field checked.
   */
  version: 3 | 2 | 1;
  /** CRC-32 checksums (8 hex digits): per array from version 3 ({@link ChipChecksums}), per part in version 2. */
  checksums?: ChipChecksums | ChipChecksumsV2;
  /** tfjs model topology (JSON). */
  modelTopology: object;
  /** tfjs weight specs. */
  weightSpecs: unknown[];
  /** tfjs weight values. */
  weightData: ArrayBuffer;
  /** The chip. */
  chip: { settings: ChipSettings; layers: ChipLayerJSON[] };
}

/**
 * CRC-32 checksums of a version 3 chip artifact, as 8 lower-case hex digits each: one per array, so a damaged array
 * is named on load.
 *
 * @example
 * const sums: ChipChecksums = {
 *   weights: { 'dense/kernel': '1c291ca3', 'dense/bias': '2144df1c' },
 *   model: '0d4a1185',
 *   arrays: { 'chip.layers[0].sets[0].gain': '7a1f22c0' },
 *   chip: '9e3b0a51',
 * };
 */
export interface ChipChecksums {
  /** Per tfjs weight tensor (its bytes in `weightData`, the `weights.bin` file), by weight name. */
  weights: Record<string, string>;
  /** Of `[modelTopology, weightSpecs]` as JSON. */
  model: string;
  /**
   * Per array of the chip state (its base64 text), by path: each crossbar's conductance, stuck mask, lookup and device
   * state and per-device parameters, each set's gain, each calibration's slope, intercept and r².
   */
  arrays: Record<string, string>;
  /** Of `[format, version, chip]` as JSON with the arrays left out (settings, shapes, names, scalars). */
  chip: string;
}

/**
 * CRC-32 checksums of a version 2 chip artifact: one per part (weights, model, chip state). Still accepted on load.
 *
 * @example
 * const sums: ChipChecksumsV2 = { weights: '1c291ca3', model: '0d4a1185', chip: '9e3b0a51' };
 */
export interface ChipChecksumsV2 {
  /** Of the tfjs weight bytes (`weightData`, the `weights.bin` file). */
  weights: string;
  /** Of `[modelTopology, weightSpecs]` as JSON. */
  model: string;
  /** Of `[format, version, chip]` as JSON (every crossbar, calibration and setting). */
  chip: string;
}
