import type * as tf from '@tensorflow/tfjs';
import {
  checkFiniteArray,
  checkOneOf,
  createRng,
  InvalidParameterError,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionCheck, OptionsSchema, ResolvedOptions, Rng } from '@memsim/core';
import { initCrossbars } from '@memsim/crossbar';
import type { InitCrossbarsOptions, MappedCrossbars, MvmMode, ProgramOptions } from '@memsim/crossbar';
import { DEVICE_CONFIG_SCHEMA } from '../config/device-config';
import type { DeviceConfig } from '../config/device-config';
import { FLAT_PATCH_OPTIONS_DEPRECATION, flatToConfig, isFlatPatchOptions } from '../config/flat-options';
import { MAPPING_CONFIG_SCHEMA } from '../config/mapping-config';
import type { MappingConfig } from '../config/mapping-config';
import type { PatchConfig } from '../config/patch-config';
import { PROGRAMMING_CONFIG_SCHEMA } from '../config/programming-config';
import type { ProgrammingConfig } from '../config/programming-config';
import { DEFAULT_READOUT_CONFIG, READOUT_CONFIG_SCHEMA } from '../config/readout-config';
import type { ReadoutConfig } from '../config/readout-config';
import { convertModel } from '../internal/convert-model';
import { warnDeprecated } from '../internal/deprecation';
import type { RowOrder } from '../unfold/row-order';
import { MemristiveLayer } from '../memristive/memristive-layer';
import { MemristiveModel } from '../model/memristive-model';
import type { LayerProgram } from '../model/layer-program';
import type { CrossbarEngineOptions } from './create-crossbar-engine';
import { DEFAULT_PATCH_OPTIONS } from './patch-options';
import type { EngineFactory, PatchOptions } from './patch-options';
import { LAYER_CLASS_ALIASES, SUPPORTED_LAYER_CLASSES } from './supported-layers';

const WHERE = 'patchModel';

const checkVerbose: OptionCheck<boolean | ((message: string) => void)> = (where, parameter, value) => {
  if (typeof value !== 'boolean' && typeof value !== 'function')
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'true, false or a function (message) => void',
    });
  return value as boolean | ((message: string) => void);
};
const checkEngine: OptionCheck<EngineFactory> = (where, parameter, value) => {
  if (typeof value !== 'function')
    throw new InvalidParameterError({ where, parameter, value, expected: 'an EngineFactory function' });
  return value as EngineFactory;
};
// Each config is resolved by its own schema below (errors name `readout.adc.bits`, …).
const config = <T>() => option.optional(rule.any<T>());

/** The rules of {@link PatchConfig}'s own keys. */
const SCHEMA = {
  device: config<DeviceConfig>(),
  mapping: config<MappingConfig>(),
  programming: config<ProgrammingConfig>(),
  readout: config<ReadoutConfig>(),
  layers: option.optional(rule.any<NonNullable<PatchConfig['layers']>>()), // checked by `selector`
  seed: option.withDefault(rule.nonNegativeInteger, DEFAULT_PATCH_OPTIONS.seed),
  rng: option.optional(rule.rng),
  verbose: option.withDefault(checkVerbose, DEFAULT_PATCH_OPTIONS.verbose as boolean | ((m: string) => void)),
  engine: option.optional(checkEngine),
  threads: option.optional(rule.integerRange(1, 64)),
} satisfies OptionsSchema<PatchConfig>;

/** A patch with every config checked: what `initCrossbars` and the engines receive. @internal */
export interface ResolvedPatch {
  /** `initCrossbars` options without the generator (null with a custom engine). */
  init: Omit<InitCrossbarsOptions, 'rng'> | null;
  /** Engine options of every crossbar set (the chip's read-out settings). */
  engine: CrossbarEngineOptions;
  rowOrder: RowOrder;
  seed: number;
  rng: Rng | undefined;
  verbose: boolean | ((message: string) => void);
  layers: PatchConfig['layers'];
  engineFactory: EngineFactory | null;
}

/**
 * Checks a {@link PatchConfig} once — its own keys, then each config with its own rules — and the rules between
 * configs (a passive read-out needs its resistances, 'tiled' needs tiles, an encoding needs `maxInputVoltage`, read
 * noise only on 'ideal' and 'tiled'). @internal
 */
export function resolvePatchConfig(options: PatchConfig, flat = false): ResolvedPatch {
  // Errors name what the caller wrote: `readout.adc.bits` in the configs, `adc.bits` in the deprecated flat form.
  const path = (config: string) => (flat ? undefined : config);
  const top = resolveOptions(WHERE, options, SCHEMA);
  const engineFactory = top.engine ?? null;
  if (engineFactory === null && top.device === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'device',
      value: undefined,
      expected:
        'a DeviceConfig { model, params?, initialState? } (deprecated flat form: `model` must be a DeviceModel of @memsim/devices), unless a custom `engine` is given',
    });
  const device = top.device === undefined ? null : resolveConfig('device', top.device, DEVICE_CONFIG_SCHEMA, path);
  const mapping = resolveConfig('mapping', top.mapping, MAPPING_CONFIG_SCHEMA, path);
  const { transistor, ...pulses } = resolveConfig('programming', top.programming, PROGRAMMING_CONFIG_SCHEMA, path);
  const readout = resolveConfig('readout', top.readout, READOUT_CONFIG_SCHEMA, path);
  const engine = engineOptions(readout, transistor, mapping.tileShape, top.threads, flat);
  const init: Omit<InitCrossbarsOptions, 'rng'> | null =
    device === null || engineFactory !== null
      ? null
      : {
          model: device.model,
          scheme: mapping.scheme,
          transistor,
          mapping: mapping.routine,
          initialState: device.initialState,
          ...(device.params === undefined ? {} : { params: device.params }),
          ...(mapping.tileShape === undefined ? {} : { tileShape: mapping.tileShape }),
          ...(mapping.levels === undefined ? {} : { levels: mapping.levels }),
          ...(mapping.pL === undefined ? {} : { pL: mapping.pL }),
          ...(Object.keys(pulses).length === 0 ? {} : { programming: pulses as ProgramOptions }),
        };
  return {
    init,
    engine,
    rowOrder: mapping.rowOrder,
    seed: top.seed,
    rng: top.rng,
    verbose: top.verbose,
    layers: top.layers,
    engineFactory,
  };
}

/** Resolves one config; absent (undefined) configs take every default. */
function resolveConfig<O extends object, S extends OptionsSchema<O>>(
  name: string,
  value: O | undefined,
  schema: S,
  path: (config: string) => string | undefined,
) {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value)))
    throw new InvalidParameterError({ where: WHERE, parameter: name, value, expected: 'a config object' });
  return resolveOptions(WHERE, value, schema, path(name));
}

/** The engine options the read-out implies, after the rules between configs. */
function engineOptions(
  readout: ResolvedOptions<ReadoutConfig, typeof READOUT_CONFIG_SCHEMA>,
  transistor: boolean,
  physicalTiles: [number, number] | undefined,
  threads: number | undefined,
  flat: boolean,
): CrossbarEngineOptions {
  const tileShape = readout.tileShape ?? physicalTiles;
  const mode: MvmMode = readout.mode ?? (!transistor ? 'passive' : tileShape ? 'tiled' : 'ideal');
  const passiveWhy = flat
    ? "(transistor: false or mode 'passive')"
    : "(programming.transistor: false or readout.mode 'passive')";
  const at = flat ? '' : 'readout.';
  for (const name of ['sourceResistance', 'lineResistance'] as const) {
    if (mode === 'passive' && readout[name] === undefined)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `${at}${name}`,
        value: undefined,
        expected: `given [Ω] (≥ 0) for a passive read-out ${passiveWhy}`,
      });
    if (mode !== 'passive' && readout[name] !== undefined)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `${at}${name}`,
        value: readout[name],
        expected: `omitted unless the read-out is passive ${passiveWhy}; mode is '${mode}'`,
      });
  }
  if (mode === 'tiled' && tileShape === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: `${at}tileShape`,
      value: undefined,
      expected: flat ? "given for mode 'tiled'" : "given for mode 'tiled' (or mapping.tileShape)",
    });
  if (readout.inputEncoding !== undefined && readout.maxInputVoltage === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: `${at}inputEncoding`,
      value: readout.inputEncoding,
      expected: 'given together with maxInputVoltage (there is no encoding without it)',
    });
  if (readout.readNoise !== undefined && mode !== 'ideal' && mode !== 'tiled')
    throw new InvalidParameterError({
      where: WHERE,
      parameter: `${at}readNoise`,
      value: readout.readNoise,
      expected: `omitted unless the read-out is 'ideal' or 'tiled' (mode is '${mode}')`,
    });
  // The same keys, in the same order, as the chip settings have always held (saved chips compare equal).
  const engine: CrossbarEngineOptions = {
    mode,
    inputEncoding: readout.inputEncoding ?? DEFAULT_READOUT_CONFIG.inputEncoding,
  };
  if (readout.adcRange !== undefined) engine.adcRange = readout.adcRange;
  if (tileShape) engine.tileShape = tileShape;
  if (readout.adc !== undefined) engine.adc = readout.adc;
  if (readout.dac !== undefined) engine.dac = readout.dac;
  if (readout.maxInputVoltage !== undefined) engine.maxInputVoltage = readout.maxInputVoltage;
  if (readout.sourceResistance !== undefined) engine.sourceResistance = readout.sourceResistance;
  if (readout.lineResistance !== undefined) engine.lineResistance = readout.lineResistance;
  if (threads !== undefined) engine.threads = threads;
  if (readout.readNoise !== undefined) engine.readNoise = readout.readNoise;
  return engine;
}

/** Turns `layers` into a predicate, checking class names. */
function selector(layers: PatchConfig['layers']): (layer: tf.layers.Layer) => boolean {
  if (layers === undefined)
    return (layer) =>
      (SUPPORTED_LAYER_CLASSES as readonly string[]).includes(layer.getClassName()) ||
      layer.getClassName() in LAYER_CLASS_ALIASES ||
      MemristiveLayer.isMemristiveLayer(layer);
  if (typeof layers === 'function') return layers;
  if (!Array.isArray(layers) || layers.length === 0)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'layers',
      value: layers,
      expected: 'a non-empty array of layer class names or a predicate',
    });
  for (const [i, name] of layers.entries()) checkOneOf(WHERE, `layers[${i}]`, name, SUPPORTED_LAYER_CLASSES);
  const set = new Set<string>(layers);
  return (layer) =>
    set.has(layer.getClassName()) ||
    set.has(LAYER_CLASS_ALIASES[layer.getClassName()]?.as ?? '') ||
    MemristiveLayer.isMemristiveLayer(layer);
}

/**
 * Makes a tfjs model memristive (MemTorch's `patch_model`): builds a NEW model with the same topology and weights
 * in which every selected layer computes on simulated crossbars, programs the crossbars from the layer weights
 * (`@memsim/crossbar` `initCrossbars`: mapping, device model, tiles, 1T1R or pulse programming) and returns it with
 * the chip. The original model is not changed. Biases stay digital; activations are kept.
 *
 * The options are one config per concern ({@link PatchConfig}: `device`, `mapping`, `programming`, `readout`). The
 * flat form of earlier releases ({@link PatchOptions}: `{ model, tileShape, adc, … }`) is still accepted for one
 * release: it is translated to the configs (same chip, bit-identical outputs) and warns once per process
 * (`FLAT_PATCH_OPTIONS_DEPRECATION`).
 *
 * @param model - a tfjs LayersModel (Sequential or functional).
 * @param options - see {@link PatchConfig} (or the deprecated flat {@link PatchOptions}).
 * @returns the patched model (memristive forward on; call `tune()` next).
 * @throws {InvalidParameterError} when an option is unknown or invalid, options contradict (passive without
 * resistances, an ADC without bits, resistances with a transistor read-out), a selected layer is unsupported or uses
 * an option memsim cannot reproduce, or a layer's weights hold NaN (each message names the layer).
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'relu', inputShape: [8] })] });
 * const x = tf.ones([2, 8]);
 * const patched = await patchModel(model, {
 *   device: { model: VTEAM },
 *   mapping: { tileShape: [128, 128] },
 *   readout: { adc: { bits: 8 } },
 * });
 * patched.tune();
 * patched.predict(x);
 */
export async function patchModel(model: tf.LayersModel, options: PatchConfig | PatchOptions): Promise<MemristiveModel> {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'options',
      value: options,
      expected: 'a PatchConfig object { device, mapping?, programming?, readout?, … }',
    });
  let config: PatchConfig;
  if (isFlatPatchOptions(options)) {
    warnDeprecated(
      FLAT_PATCH_OPTIONS_DEPRECATION,
      'patchModel: the flat options ({ model, tileShape, adc, … }) are deprecated and will be removed in the next minor release; pass { device, mapping, programming, readout } configs instead.',
    );
    config = flatToConfig(WHERE, options);
  } else config = options as PatchConfig;
  const resolved = resolvePatchConfig(config, config !== options);
  if (typeof model !== 'object' || model === null || typeof (model as tf.LayersModel).getLayer !== 'function')
    throw new InvalidParameterError({ where: WHERE, parameter: 'model', value: model, expected: 'a tfjs LayersModel' });
  const { engine, seed, engineFactory, verbose } = resolved;
  const rng = resolved.rng ?? createRng(seed);
  const log = verbose === true ? (m: string) => console.log(m) : verbose === false ? null : verbose;
  const converted = await convertModel(WHERE, model, selector(resolved.layers), { rowOrder: resolved.rowOrder });
  const init: InitCrossbarsOptions | null = resolved.init === null ? null : { ...resolved.init, rng };
  const programs: LayerProgram[] = [];
  const started = Date.now();
  converted.layers.forEach((layer, li) => {
    const weights = layer.crossbarWeights();
    const sets: (MappedCrossbars | null)[] = weights.map((w, index) => {
      checkFiniteArray(
        `${WHERE}: layer '${layer.name}'`,
        index === 0 ? 'kernel' : `kernel (crossbar set ${index})`,
        w.data,
      );
      return init === null ? null : initCrossbars(w, init);
    });
    programs.push({ layer, sets });
    if (log) {
      const devices = sets.reduce((s, m) => s + (m ? m.crossbars.reduce((a: number, x) => a + x.size, 0) : 0), 0);
      log(
        `patchModel: ${layer.name} (${layer.getClassName()}, ${li + 1}/${converted.layers.length}): ${weights.length} crossbar set(s), ${devices} devices, ${((Date.now() - started) / 1000).toFixed(2)} s`,
      );
    }
  });
  return new MemristiveModel({ model: converted.model, programs, settings: { engine, seed }, engineFactory });
}
