import * as tf from '@tensorflow/tfjs';
import { base64ToBytes, InvalidParameterError } from '@memsim/core';
import { Crossbar } from '@memsim/crossbar';
import type { MappedCrossbars } from '@memsim/crossbar';
import { populationFromJSON } from '@memsim/devices';
import { restoreDriftState } from '@memsim/nonideality';
import type { OutputCalibration } from '@memsim/mapping';
import type { Scheme } from '@memsim/mapping';
import { CONV_CLASS_NAMES } from '../internal/convert-model';
import { MemristiveLayer } from '../layers/memristive-layer';
import { MEMRISTIVE_CLASS_OF } from '../patch/supported-layers';
import { MemristiveModel } from '../model/memristive-model';
import type { LayerProgram } from '../model/layer-program';
import type { CalibrationJSON, ChipArtifact, CrossbarJSON, CrossbarSetJSON } from './chip-artifact';

const WHERE = 'loadChip';

function f64(text: string): Float64Array {
  return new Float64Array(base64ToBytes(text).buffer);
}

function crossbarFromJSON(json: CrossbarJSON): Crossbar {
  const population = populationFromJSON(json.population);
  const xbar = new Crossbar({
    model: population.model,
    rows: json.rows,
    cols: json.cols,
    ...(json.tileShape === null ? {} : { tileShape: json.tileShape }),
  });
  if (xbar.size !== population.size)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'population.size',
      value: population.size,
      expected: `${xbar.size} devices for this crossbar`,
    });
  xbar.population = population;
  xbar.stuck = json.stuck === null ? null : base64ToBytes(json.stuck);
  xbar.lookup =
    json.lookup === null ? null : { voltages: f64(json.lookup.voltages), currents: f64(json.lookup.currents) };
  const conductance = f64(json.conductance);
  if (conductance.length !== json.rows * json.cols)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'conductance',
      value: conductance.length,
      expected: `${json.rows * json.cols} values`,
    });
  xbar.update({ fromDevices: true });
  // The saved matrix is the one the chip computed with (bit-identical outputs), whatever the devices round to.
  xbar.conductance.set(conductance);
  if (json.drift != null)
    restoreDriftState(xbar, {
      t0: json.drift.t0,
      time: json.drift.time,
      nu: f64(json.drift.nu),
      programmed: f64(json.drift.programmed),
    });
  return xbar;
}

function setFromJSON(json: CrossbarSetJSON): MappedCrossbars {
  return {
    scheme: json.scheme as Scheme,
    crossbars: json.crossbars.map(crossbarFromJSON),
    gain: f64(json.gain),
    ...(json.referenceConductance === null ? {} : { referenceConductance: json.referenceConductance }),
    rows: json.rows,
    cols: json.cols,
    writeReports: [],
  };
}

/** A layer entry of a saved tfjs topology. */
interface TopologyLayer {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
}

/**
 * The saved topology with every memristive convolution's row order set from the chip record: a chip saved before
 * row orders existed has none and was programmed in (kd, kh, kw, c) order, so it gets `'channels-last'`. The
 * artifact is not modified.
 */
function withRowOrders(artifact: ChipArtifact): object {
  const topology = JSON.parse(JSON.stringify(artifact.modelTopology)) as { config?: { layers?: TopologyLayer[] } };
  const recorded = new Map(artifact.chip.layers.map((l) => [l.name, l.rowOrder] as const));
  for (const entry of topology.config?.layers ?? []) {
    if (!CONV_CLASS_NAMES.includes(entry.class_name)) continue;
    const name = (entry.config.name as string | undefined) ?? entry.name;
    entry.config.row_order =
      (name === undefined ? undefined : recorded.get(name)) ?? entry.config.row_order ?? 'channels-last';
  }
  return topology;
}

function calibrationFromJSON(json: CalibrationJSON | null): OutputCalibration | null {
  return json === null ? null : { slope: f64(json.slope), intercept: f64(json.intercept), r2: f64(json.r2) };
}

/**
 * Rebuilds a programmed chip saved by `saveChip`: the tfjs model with its memristive layers, every crossbar's
 * devices and conductances, stuck masks, lookups, calibrations and read-out settings. Its outputs equal the saved
 * model's bit for bit.
 *
 * @throws {InvalidParameterError} when the artifact is not a memsim chip (format/version) or is inconsistent.
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
 * const patched = await patchModel(model, { model: VTEAM, seed: 1 });
 * const copy = await loadChip(await saveChip(patched)); // the same devices, conductances and calibration
 */
export async function loadChip(artifact: ChipArtifact): Promise<MemristiveModel> {
  if (typeof artifact !== 'object' || artifact === null || artifact.format !== 'memsim.chip' || artifact.version !== 1)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'artifact',
      value: artifact,
      expected: "a ChipArtifact from saveChip (format 'memsim.chip', version 1)",
    });
  // Register the layer classes here too: with `sideEffects: false` a bundler may drop the modules' own registration.
  for (const cls of Object.values(MEMRISTIVE_CLASS_OF))
    tf.serialization.registerClass(
      cls as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
      'memsim',
    );
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: withRowOrders(artifact),
      weightSpecs: artifact.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: artifact.weightData,
    }),
  );
  const programs: LayerProgram[] = artifact.chip.layers.map((json) => {
    const layer = model.getLayer(json.name);
    if (!MemristiveLayer.isMemristiveLayer(layer))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `layer '${json.name}'`,
        value: layer.getClassName(),
        expected: 'a memristive layer',
      });
    return { layer, sets: json.sets.map(setFromJSON) };
  });
  const result = new MemristiveModel({ model, programs, settings: artifact.chip.settings, engineFactory: null });
  for (const [p, json] of artifact.chip.layers.entries())
    for (const [i, set] of json.sets.entries()) {
      const mapped = programs[p]!.sets[i]!;
      if (set.readNoiseRng != null) result.noiseState.restoreRng(mapped, set.readNoiseRng);
      if (set.driftCompensation !== undefined) result.noiseState.setFactor(mapped, set.driftCompensation);
    }
  for (const [p, json] of artifact.chip.layers.entries()) {
    const layer = programs[p]!.layer;
    for (const [i, c] of json.calibrations.entries()) layer.setCalibration(i, calibrationFromJSON(c));
    layer.setLegacy(json.legacy);
  }
  return result;
}
