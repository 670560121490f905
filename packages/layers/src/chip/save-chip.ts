import * as tf from '@tensorflow/tfjs';
import { bytesToBase64, InvalidParameterError } from '@memsim/core';
import { crossbarToJSON } from '@memsim/crossbar';
import type { Crossbar, MappedCrossbars } from '@memsim/crossbar';
import { driftState } from '@memsim/nonideality';
import type { OutputCalibration } from '@memsim/mapping';
import type { RowOrder } from '../unfold/row-order';
import type { MemristiveModel } from '../model/memristive-model';
import type { ChipNoiseState } from '../model/noise-state';
import { chipChecksums } from './chip-checksum';
import type { CalibrationJSON, ChipArtifact, ChipLayerJSON, CrossbarJSON, CrossbarSetJSON } from './chip-artifact';

/** A crossbar's own JSON (`@memsim/crossbar`) plus its drift clock (kept by `@memsim/nonideality`). */
function crossbarEntry(xbar: Crossbar): CrossbarJSON {
  return { ...crossbarToJSON(xbar), drift: driftToJSON(xbar) };
}

function driftToJSON(xbar: Crossbar): CrossbarJSON['drift'] {
  const state = driftState(xbar);
  return state === null
    ? null
    : { t0: state.t0, time: state.time, nu: bytesToBase64(state.nu), programmed: bytesToBase64(state.programmed) };
}

function setToJSON(set: MappedCrossbars, noise: ChipNoiseState): CrossbarSetJSON {
  return {
    readNoiseRng: noise.rngState(set),
    driftCompensation: noise.factor(set),
    scheme: set.scheme,
    rows: set.rows,
    cols: set.cols,
    gain: bytesToBase64(set.gain),
    referenceConductance: set.referenceConductance ?? null,
    crossbars: set.crossbars.map(crossbarEntry),
  };
}

function calibrationToJSON(c: OutputCalibration | null): CalibrationJSON | null {
  return c === null
    ? null
    : { slope: bytesToBase64(c.slope), intercept: bytesToBase64(c.intercept), r2: bytesToBase64(c.r2) };
}

/**
 * Saves a programmed chip to an in-memory artifact (works in the browser): the tfjs model and every crossbar's
 * devices (parameters and state), conductances, stuck masks, I(V) lookups, the calibrations and the read-out
 * settings. Reload with `loadChip`; in Node, `saveChipToDirectory` from `@memsim/layers/node` writes it to files.
 *
 * @throws {InvalidParameterError} when the model runs on a custom engine factory (no crossbars to save).
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8] })] });
 * const patched = await patchModel(model, { model: VTEAM });
 * const artifact = await saveChip(patched);
 * const copy = await loadChip(artifact); // same outputs, bit for bit
 */
export async function saveChip(model: MemristiveModel): Promise<ChipArtifact> {
  const layers: ChipLayerJSON[] = model.layerPrograms.map((program) => {
    if (program.sets.some((s) => s === null))
      throw new InvalidParameterError({
        where: 'saveChip',
        parameter: `layer '${program.layer.name}'`,
        value: 'custom engine',
        expected: 'crossbars of @memsim/crossbar (a custom engine factory has no chip state to save)',
      });
    // Convolutions carry a row order (read by shape, not instanceof: the layer may come from another copy of memsim).
    const rowOrder = (program.layer as { rowOrder?: RowOrder }).rowOrder;
    return {
      name: program.layer.name,
      legacy: program.layer.legacy,
      sets: (program.sets as MappedCrossbars[]).map((set) => setToJSON(set, model.noiseState)),
      calibrations: program.sets.map((_, i) => calibrationToJSON(program.layer.calibration(i))),
      ...(rowOrder === undefined ? {} : { rowOrder }),
    };
  });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as unknown as tf.io.ModelArtifacts;
  const weightData = artifacts.weightData;
  const unsealed: Omit<ChipArtifact, 'checksums'> = {
    format: 'memsim.chip',
    version: 3,
    modelTopology: artifacts.modelTopology as object,
    weightSpecs: (artifacts.weightSpecs ?? []) as unknown[],
    weightData: Array.isArray(weightData)
      ? tf.io.concatenateArrayBuffers(weightData)
      : (weightData ?? new ArrayBuffer(0)),
    // Round-tripped through JSON so the checksum covers exactly what a saved file holds.
    chip: JSON.parse(JSON.stringify({ settings: withoutThreads(model.settings), layers })),
  };
  return { ...unsealed, checksums: chipChecksums(unsealed) };
}

/** The settings without the run-time thread count (a chip's numbers never depend on it). */
function withoutThreads(settings: MemristiveModel['settings']): MemristiveModel['settings'] {
  const { threads: _threads, ...engine } = settings.engine;
  return { ...settings, engine };
}
