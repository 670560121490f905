import * as tf from '@tensorflow/tfjs';
import { base64ToBytes, createRng, MemsimError } from '@memsim/core';
import type { RngState } from '@memsim/core';
import { crossbarFromJSON } from '@memsim/crossbar';
import type { Crossbar, MappedCrossbars } from '@memsim/crossbar';
import { restoreDriftState } from '@memsim/nonideality';
import { SCHEMES } from '@memsim/mapping';
import type { OutputCalibration, Scheme } from '@memsim/mapping';
import { CONV_CLASS_NAMES } from '../internal/convert-model';
import { MemristiveLayer } from '../memristive/memristive-layer';
import { MEMRISTIVE_CLASS_OF } from '../patch/supported-layers';
import { MemristiveModel } from '../model/memristive-model';
import type { LayerProgram } from '../model/layer-program';
import { ROW_ORDERS } from '../unfold/row-order';
import type { CalibrationJSON, ChipArtifact, ChipLayerJSON, CrossbarJSON } from './chip-artifact';
import { chipArrays, chipChecksums, chipChecksumsV2, crc32Hex, weightSlices } from './chip-checksum';
import { ChipFormatError } from './chip-format-error';

const WHERE = 'loadChip';

/** Names of the artifact's parts in error messages: the files of a chip directory, or the in-memory artifact. */
export interface ChipSources {
  /** Holds format, version, checksums, topology and chip state (`chip.json`). */
  chip: string;
  /** Holds the tfjs weight bytes (`weights.bin`). */
  weights: string;
}

const IN_MEMORY: ChipSources = Object.freeze({ chip: 'artifact', weights: 'artifact.weightData' });

/** Throws a ChipFormatError for `field` of `file`. */
function bad(file: string, field: string, value: unknown, expected: string): never {
  throw new ChipFormatError({ where: WHERE, file, field, value, expected });
}

/**
 * Runs `fn` and turns any error it throws into a ChipFormatError for `field` (an InvalidParameterError's own
 * parameter, minus a leading `json.` or `state.`, is appended to the path), so every failure names file and field.
 */
function at<T>(file: string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (ChipFormatError.isInstance(error)) throw error;
    const e = error as { parameter?: unknown; value?: unknown; expected?: unknown; message?: unknown };
    if (MemsimError.isInstance(error) && typeof e.parameter === 'string' && typeof e.expected === 'string') {
      const sub = e.parameter.replace(/^(json|state)\.?/, '');
      return bad(file, sub === '' ? field : `${field}.${sub}`, e.value, e.expected);
    }
    return bad(file, field, '(unreadable)', `valid (${String(e.message ?? error)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Base64 little-endian Float64 values: `length` of them, each passing `ok`. */
function f64(file: string, field: string, text: unknown, length: number, ok: (v: number) => boolean, rule: string) {
  if (typeof text !== 'string') bad(file, field, text, 'a base64 string');
  const bytes = at(file, field, () => base64ToBytes(text as string));
  if (bytes.length !== length * 8)
    bad(file, field, `${bytes.length} bytes`, `${length} Float64 values (${length * 8} bytes)`);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, length).slice();
  for (let i = 0; i < length; i++) if (!ok(values[i]!)) bad(file, `${field}[${i}]`, values[i], rule);
  return values;
}

const finite = (v: number) => Number.isFinite(v);
const positive = (v: number) => Number.isFinite(v) && v > 0;

function positiveInteger(file: string, field: string, value: unknown): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1))
    bad(file, field, value, 'a positive integer');
  return value as number;
}

function crossbarEntryFromJSON(file: string, field: string, json: unknown, rows: number, cols: number): Crossbar {
  if (!isObject(json)) bad(file, field, json, 'a crossbar object');
  if (json.rows !== rows || json.cols !== cols)
    bad(file, `${field}.rows`, [json.rows, json.cols], `the set's shape [${rows}, ${cols}]`);
  const { drift, ...own } = json as unknown as CrossbarJSON;
  const xbar = at(file, field, () => crossbarFromJSON(own));
  if (drift != null) {
    if (!isObject(drift)) bad(file, `${field}.drift`, drift, 'null or { t0, time, nu, programmed }');
    const n = rows * cols;
    const state = {
      t0: drift.t0 as number,
      time: drift.time as number,
      nu: f64(file, `${field}.drift.nu`, drift.nu, n, (v) => v >= 0 && Number.isFinite(v), 'ν ≥ 0'),
      programmed: f64(file, `${field}.drift.programmed`, drift.programmed, n, positive, 'a conductance > 0 [S]'),
    };
    at(file, `${field}.drift`, () => restoreDriftState(xbar, state));
  }
  return xbar;
}

function setFromJSON(file: string, field: string, json: unknown): MappedCrossbars {
  if (!isObject(json)) bad(file, field, json, 'a crossbar set object');
  const scheme = json.scheme as Scheme;
  if (!SCHEMES.includes(scheme))
    bad(file, `${field}.scheme`, scheme, `one of ${SCHEMES.map((x) => `'${x}'`).join(', ')}`);
  const rows = positiveInteger(file, `${field}.rows`, json.rows);
  const cols = positiveInteger(file, `${field}.cols`, json.cols);
  const gain = f64(file, `${field}.gain`, json.gain, cols, positive, 'a finite gain > 0');
  const ref = json.referenceConductance;
  if (scheme === 'single-column' ? !(typeof ref === 'number' && Number.isFinite(ref) && ref >= 0) : ref !== null)
    bad(
      file,
      `${field}.referenceConductance`,
      ref,
      scheme === 'single-column' ? 'a conductance ≥ 0 [S]' : 'null (double-column)',
    );
  const count = scheme === 'double-column' ? 2 : 1;
  const list = json.crossbars;
  if (!Array.isArray(list) || list.length !== count)
    bad(file, `${field}.crossbars`, list, `an array of ${count} crossbars (${scheme})`);
  const compensation = json.driftCompensation;
  if (compensation !== undefined && !(typeof compensation === 'number' && positive(compensation)))
    bad(file, `${field}.driftCompensation`, compensation, 'a finite factor > 0');
  const rng = json.readNoiseRng;
  if (rng != null) at(file, `${field}.readNoiseRng`, () => createRng({ state: rng as RngState }));
  return {
    scheme,
    crossbars: (list as unknown[]).map((x, i) =>
      crossbarEntryFromJSON(file, `${field}.crossbars[${i}]`, x, rows, cols),
    ),
    gain,
    ...(scheme === 'single-column' ? { referenceConductance: ref as number } : {}),
    rows,
    cols,
    writeReports: [],
  };
}

function calibrationFromJSON(file: string, field: string, json: unknown, cols: number): OutputCalibration | null {
  if (json === null) return null;
  if (!isObject(json)) bad(file, field, json, 'null or { slope, intercept, r2 }');
  const c = json as unknown as CalibrationJSON;
  // A calibration is per column (cols values) or one global fit (1 value).
  const length =
    typeof c.slope === 'string' && at(file, `${field}.slope`, () => base64ToBytes(c.slope)).length === 8 ? 1 : cols;
  return {
    slope: f64(file, `${field}.slope`, c.slope, length, finite, 'finite'),
    intercept: f64(file, `${field}.intercept`, c.intercept, length, finite, 'finite'),
    r2: f64(file, `${field}.r2`, c.r2, length, (v) => !Number.isNaN(v), 'a number'),
  };
}

const HEX8 = /^[0-9a-f]{8}$/;

/** A record of CRC-32 strings (8 hex digits each). */
function checkHexRecord(file: string, field: string, value: unknown): Record<string, string> {
  if (!isObject(value)) bad(file, field, value, 'an object of CRC-32 values (8 hex digits each)');
  for (const [key, sum] of Object.entries(value))
    if (!(typeof sum === 'string' && HEX8.test(sum)))
      bad(file, `${field}[${JSON.stringify(key)}]`, sum, 'a CRC-32 as 8 lower-case hex digits');
  return value as Record<string, string>;
}

/** Version 3: one CRC-32 per weight tensor and per chip array, so a damaged array is named. */
function checkArrayChecksums(artifact: Record<string, unknown>, files: ChipSources): void {
  const file = files.chip;
  const sums = artifact.checksums;
  if (!isObject(sums)) bad(file, 'checksums', sums, '{ weights, model, arrays, chip } (CRC-32, 8 hex digits each)');
  const weights = checkHexRecord(file, 'checksums.weights', sums.weights);
  const arrays = checkHexRecord(file, 'checksums.arrays', sums.arrays);
  for (const key of ['model', 'chip'] as const)
    if (!(typeof sums[key] === 'string' && HEX8.test(sums[key] as string)))
      bad(file, `checksums.${key}`, sums[key], 'a CRC-32 as 8 lower-case hex digits');
  if (!Array.isArray(artifact.weightSpecs)) bad(file, 'weightSpecs', artifact.weightSpecs, 'an array');
  // The model first: the weight specs say where each tensor lies in the weights.
  const model = crc32Hex(JSON.stringify([artifact.modelTopology, artifact.weightSpecs]));
  if (sums.model !== model)
    bad(
      file,
      'checksums.model',
      sums.model,
      `the CRC-32 of the topology and weight specs (${model}): they were changed`,
    );
  // Then the weight tensors: each by name, and a short or long weights file named by the tensor it cuts.
  const bytes = new Uint8Array(artifact.weightData as ArrayBuffer);
  const slices = weightSlices(artifact.weightSpecs as unknown[]) ?? [{ name: '(all)', start: 0, end: bytes.length }];
  const names = new Set(slices.map((s) => s.name));
  for (const name of Object.keys(weights))
    if (!names.has(name))
      bad(file, `checksums.weights[${JSON.stringify(name)}]`, name, 'the name of a weight in weightSpecs');
  for (const s of slices) {
    const field = `weights[${JSON.stringify(s.name)}]`;
    if (s.end > bytes.length)
      bad(
        files.weights,
        field,
        `${bytes.length} bytes in all`,
        `bytes ${s.start}..${s.end} present: the weights are truncated`,
      );
    const recorded = weights[s.name];
    if (recorded === undefined) bad(file, `checksums.${field}`, recorded, 'a CRC-32 of that weight tensor');
    const actual = crc32Hex(bytes.subarray(s.start, s.end));
    if (recorded !== actual)
      bad(
        files.weights,
        field,
        `CRC-32 ${actual}`,
        `the CRC-32 recorded in ${file} (${recorded}): the weight tensor '${s.name}' (or that record) is corrupt`,
      );
  }
  const total = slices.at(-1)?.end ?? 0;
  if (bytes.length !== total)
    bad(files.weights, 'weightData', `${bytes.length} bytes`, `${total} bytes (the weight specs' sizes): extra bytes`);
  // Then every array of the chip state, named by its path.
  const present = chipArrays(artifact.chip);
  for (const path of Object.keys(arrays))
    if (!present.has(path)) bad(file, path, '(missing)', `present: ${file} records a checksum for it`);
  for (const [path, text] of present) {
    const recorded = arrays[path];
    if (recorded === undefined)
      bad(file, `checksums.arrays[${JSON.stringify(path)}]`, recorded, `the CRC-32 of \`${path}\``);
    const actual = crc32Hex(text);
    if (recorded !== actual)
      bad(
        file,
        path,
        `CRC-32 ${actual}`,
        `the CRC-32 recorded in checksums.arrays (${recorded}): the array \`${path}\` (or that record) is corrupt`,
      );
  }
  const actual = chipChecksums(artifact as unknown as ChipArtifact);
  if (sums.chip !== actual.chip)
    bad(
      file,
      'checksums.chip',
      sums.chip,
      `the CRC-32 of the chip state besides its arrays (${actual.chip}): settings, shapes or names were changed`,
    );
}

/** Version 2: one CRC-32 per part (weights, model, chip state); damage is named by part only. */
function checkPartChecksums(artifact: Record<string, unknown>, files: ChipSources): void {
  const file = files.chip;
  const sums = artifact.checksums;
  if (!isObject(sums)) bad(file, 'checksums', sums, '{ weights, model, chip } (CRC-32, 8 hex digits each)');
  for (const key of ['weights', 'model', 'chip'] as const)
    if (!(typeof sums[key] === 'string' && HEX8.test(sums[key] as string)))
      bad(file, `checksums.${key}`, sums[key], 'a CRC-32 as 8 lower-case hex digits');
  const actual = chipChecksumsV2(artifact as unknown as ChipArtifact);
  if (sums.weights !== actual.weights)
    bad(
      files.weights,
      'checksums.weights',
      sums.weights,
      `the CRC-32 of the weights (${actual.weights}), as recorded in ${file}: the weights (or that record) are corrupt or truncated`,
    );
  if (sums.model !== actual.model)
    bad(
      file,
      'checksums.model',
      sums.model,
      `the CRC-32 of the topology and weight specs (${actual.model}): they were changed`,
    );
  if (sums.chip !== actual.chip)
    bad(file, 'checksums.chip', sums.chip, `the CRC-32 of the chip state (${actual.chip}): it was changed`);
}

/** Checks the header, the checksums and the shape of the chip record (layers, settings) before anything is built. */
function checkArtifact(artifact: unknown, files: ChipSources): asserts artifact is ChipArtifact {
  const file = files.chip;
  if (!isObject(artifact)) bad(file, '(artifact)', artifact, 'a ChipArtifact from saveChip');
  if (artifact.format !== 'memsim.chip') bad(file, 'format', artifact.format, "'memsim.chip'");
  if (artifact.version !== 1 && artifact.version !== 2 && artifact.version !== 3)
    bad(
      file,
      'version',
      artifact.version,
      'a supported version (1, 2 or 3; a newer one needs a newer @memsim/layers, or load it there and saveChip again)',
    );
  if (!(artifact.weightData instanceof ArrayBuffer))
    bad(files.weights, 'weightData', artifact.weightData, 'an ArrayBuffer');
  if (artifact.version === 1) {
    // A version 1 chip has no checksums: a chip that has them but says version 1 had its version changed.
    if (artifact.checksums !== undefined) bad(file, 'version', 1, 'a version with checksums (this chip carries them)');
  } else if (artifact.version === 2) checkPartChecksums(artifact, files);
  else checkArrayChecksums(artifact, files);
  const chip = artifact.chip;
  if (!isObject(chip)) bad(file, 'chip', chip, '{ settings, layers }');
  if (!isObject(chip.settings) || !isObject(chip.settings.engine))
    bad(file, 'chip.settings', chip.settings, '{ engine, seed }');
  if (!Number.isInteger(chip.settings.seed)) bad(file, 'chip.settings.seed', chip.settings.seed, 'an integer');
  if (!Array.isArray(chip.layers)) bad(file, 'chip.layers', chip.layers, 'an array of layers');
  for (const [i, layer] of (chip.layers as unknown[]).entries()) {
    const field = `chip.layers[${i}]`;
    if (!isObject(layer)) bad(file, field, layer, 'a layer object');
    if (typeof layer.name !== 'string' || layer.name === '') bad(file, `${field}.name`, layer.name, 'a layer name');
    if (typeof layer.legacy !== 'boolean') bad(file, `${field}.legacy`, layer.legacy, 'true or false');
    if (!Array.isArray(layer.sets) || layer.sets.length === 0)
      bad(file, `${field}.sets`, layer.sets, 'a non-empty array');
    if (!Array.isArray(layer.calibrations) || layer.calibrations.length !== layer.sets.length)
      bad(file, `${field}.calibrations`, layer.calibrations, `an array of ${layer.sets.length} (one per set)`);
    if (layer.rowOrder !== undefined && !ROW_ORDERS.includes(layer.rowOrder as never))
      bad(file, `${field}.rowOrder`, layer.rowOrder, `one of ${ROW_ORDERS.map((x) => `'${x}'`).join(', ')}`);
  }
  if (!Array.isArray(artifact.weightSpecs)) bad(file, 'weightSpecs', artifact.weightSpecs, 'an array');
  if (!isObject(artifact.modelTopology)) bad(file, 'modelTopology', artifact.modelTopology, 'a tfjs model topology');
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

/**
 * Rebuilds a programmed chip saved by `saveChip`: the tfjs model with its memristive layers, every crossbar's
 * devices and conductances, stuck masks, lookups, calibrations and read-out settings. Its outputs equal the saved
 * model's bit for bit. Everything is checked first: the format and version, the CRC-32 checksums (version 3: one per
 * weight tensor and per chip array, so the error names the damaged array; version 2: one per part), then every field (shapes, finite conductances inside each device's range,
 * stuck masks, gains, schemes, calibrations, settings).
 *
 * @throws {ChipFormatError} (an InvalidParameterError) naming the file (`artifact` here) and the field, when the
 *   artifact is not a memsim chip, a checksum does not match (corrupt, truncated or edited data) or a field is invalid.
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
 * const patched = await patchModel(model, { model: VTEAM, seed: 1 });
 * const copy = await loadChip(await saveChip(patched)); // the same devices, conductances and calibration
 */
export async function loadChip(artifact: ChipArtifact): Promise<MemristiveModel> {
  return loadChipFrom(artifact, IN_MEMORY);
}

/** {@link loadChip} with the names of the artifact's sources (files) used in error messages. @internal */
export async function loadChipFrom(artifact: ChipArtifact, files: ChipSources): Promise<MemristiveModel> {
  checkArtifact(artifact, files);
  const file = files.chip;
  // Register the layer classes here too: with `sideEffects: false` a bundler may drop the modules' own registration.
  for (const cls of Object.values(MEMRISTIVE_CLASS_OF))
    tf.serialization.registerClass(
      cls as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
      'memsim',
    );
  const layers = artifact.chip.layers;
  const sets = layers.map((json, p) =>
    json.sets.map((set, i) => setFromJSON(file, `chip.layers[${p}].sets[${i}]`, set)),
  );
  const calibrations = layers.map((json, p) =>
    json.calibrations.map((c, i) =>
      calibrationFromJSON(file, `chip.layers[${p}].calibrations[${i}]`, c, sets[p]![i]!.cols),
    ),
  );
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: withRowOrders(artifact),
        weightSpecs: artifact.weightSpecs as tf.io.WeightsManifestEntry[],
        weightData: artifact.weightData,
      }),
    );
  } catch (error) {
    return bad(file, 'modelTopology', '(unreadable)', `a tfjs model with its weights (${(error as Error).message})`);
  }
  const programs: LayerProgram[] = layers.map((json: ChipLayerJSON, p) => {
    const field = `chip.layers[${p}].name`;
    const layer = at(file, field, () => model.getLayer(json.name));
    if (!MemristiveLayer.isMemristiveLayer(layer))
      bad(file, field, json.name, 'the name of a memristive layer of the model');
    return { layer, sets: sets[p]! };
  });
  const result = at(
    file,
    'chip.settings',
    () => new MemristiveModel({ model, programs, settings: artifact.chip.settings, engineFactory: null }),
  );
  for (const [p, json] of layers.entries())
    for (const [i, set] of json.sets.entries()) {
      const mapped = programs[p]!.sets[i]!;
      if (set.readNoiseRng != null) result.noiseState.restoreRng(mapped, set.readNoiseRng);
      if (set.driftCompensation !== undefined) result.noiseState.setFactor(mapped, set.driftCompensation);
    }
  for (const [p, json] of layers.entries()) {
    const layer = programs[p]!.layer;
    for (const [i, c] of calibrations[p]!.entries())
      at(file, `chip.layers[${p}].calibrations[${i}]`, () => layer.setCalibration(i, c));
    layer.setLegacy(json.legacy);
  }
  return result;
}
