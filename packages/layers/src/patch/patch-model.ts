import type * as tf from '@tensorflow/tfjs';
import {
  checkBoolean,
  checkFiniteArray,
  checkKnownKeys,
  checkNonNegativeInteger,
  checkOneOf,
  checkPositiveInteger,
  checkPositiveNumber,
  createRng,
  InvalidParameterError,
  isRng,
  checkTileShape,
} from '@memsim/core';
import { initCrossbars, MVM_MODES } from '@memsim/crossbar';
import type { InitCrossbarsOptions, MappedCrossbars, MvmMode } from '@memsim/crossbar';
import { SCALE_PERS, SCHEMES } from '@memsim/mapping';
import { checkReadNoiseConfig } from '@memsim/nonideality';
import { convertModel } from '../internal/convert-model';
import { ROW_ORDERS } from '../unfold/row-order';
import { MemristiveLayer } from '../memristive/memristive-layer';
import { MemristiveModel } from '../model/memristive-model';
import type { LayerProgram } from '../model/layer-program';
import { ADC_RANGES } from './create-crossbar-engine';
import type { CrossbarEngineOptions } from './create-crossbar-engine';
import { DEFAULT_PATCH_OPTIONS, PATCH_OPTION_KEYS } from './patch-options';
import type { PatchOptions } from './patch-options';
import { LAYER_CLASS_ALIASES, SUPPORTED_LAYER_CLASSES } from './supported-layers';

const WHERE = 'patchModel';

/** Checks the options that contradict each other or are malformed, and returns the engine options they imply. */
function resolveEngineOptions(options: PatchOptions): CrossbarEngineOptions {
  const transistor = checkBoolean(WHERE, 'transistor', options.transistor ?? DEFAULT_PATCH_OPTIONS.transistor);
  const tileShape = options.tileShape === undefined ? undefined : checkTileShape(WHERE, 'tileShape', options.tileShape);
  const mode: MvmMode =
    options.mode !== undefined
      ? checkOneOf(WHERE, 'mode', options.mode, MVM_MODES)
      : !transistor
        ? 'passive'
        : tileShape
          ? 'tiled'
          : 'ideal';
  if (mode === 'passive') {
    for (const name of ['sourceResistance', 'lineResistance'] as const)
      if (options[name] === undefined)
        throw new InvalidParameterError({
          where: WHERE,
          parameter: name,
          value: undefined,
          expected: `given [Ω] for a passive read-out (transistor: false or mode 'passive')`,
        });
  }
  for (const name of ['sourceResistance', 'lineResistance'] as const) {
    if (options[name] === undefined) continue;
    checkPositiveNumber(WHERE, name, options[name]);
    if (mode !== 'passive')
      throw new InvalidParameterError({
        where: WHERE,
        parameter: name,
        value: options[name],
        expected: `omitted unless the read-out is passive (transistor: false or mode 'passive'); mode is '${mode}'`,
      });
  }
  if (mode === 'tiled' && tileShape === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'tileShape',
      value: undefined,
      expected: "given for mode 'tiled'",
    });
  if (options.adc !== undefined) {
    const adc = options.adc as unknown as Record<string, unknown>;
    if (typeof adc !== 'object' || adc === null)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'adc',
        value: adc,
        expected: 'an AdcConfig { bits, overflowRate?, method? }',
      });
    checkKnownKeys(`${WHERE} adc`, adc, ['bits', 'overflowRate', 'method']);
    if (adc.bits === undefined)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'adc.bits',
        value: undefined,
        expected: 'a positive integer (an ADC method or overflow rate needs a resolution)',
      });
    checkPositiveInteger(WHERE, 'adc.bits', adc.bits);
  }
  if (options.dac !== undefined) {
    const dac = options.dac as unknown as Record<string, unknown>;
    if (typeof dac !== 'object' || dac === null)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'dac',
        value: dac,
        expected: 'a DacConfig { bits, range }',
      });
    checkPositiveInteger(WHERE, 'dac.bits', dac.bits);
    checkPositiveNumber(WHERE, 'dac.range', dac.range);
  }
  const inputEncoding = checkOneOf(
    WHERE,
    'inputEncoding',
    options.inputEncoding ?? DEFAULT_PATCH_OPTIONS.inputEncoding,
    SCALE_PERS,
  );
  if (options.inputEncoding !== undefined && options.maxInputVoltage === undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'inputEncoding',
      value: options.inputEncoding,
      expected: 'given together with maxInputVoltage (there is no encoding without it)',
    });
  const engine: CrossbarEngineOptions = { mode, inputEncoding };
  if (options.adcRange !== undefined) engine.adcRange = checkOneOf(WHERE, 'adcRange', options.adcRange, ADC_RANGES);
  if (tileShape) engine.tileShape = tileShape;
  if (options.adc !== undefined) engine.adc = { ...options.adc };
  if (options.dac !== undefined) engine.dac = { ...options.dac };
  if (options.maxInputVoltage !== undefined)
    engine.maxInputVoltage = checkPositiveNumber(WHERE, 'maxInputVoltage', options.maxInputVoltage);
  if (options.sourceResistance !== undefined) engine.sourceResistance = options.sourceResistance;
  if (options.lineResistance !== undefined) engine.lineResistance = options.lineResistance;
  if (options.threads !== undefined) engine.threads = options.threads; // checked by createCrossbarEngine
  if (options.readNoise !== undefined) {
    if (mode !== 'ideal' && mode !== 'tiled')
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'readNoise',
        value: options.readNoise,
        expected: `omitted unless the read-out is 'ideal' or 'tiled' (mode is '${mode}')`,
      });
    engine.readNoise = checkReadNoiseConfig(WHERE, options.readNoise);
  }
  return engine;
}

/** Turns `layers` into a predicate, checking class names. */
function selector(layers: PatchOptions['layers']): (layer: tf.layers.Layer) => boolean {
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
 * @param model - a tfjs LayersModel (Sequential or functional).
 * @param options - see {@link PatchOptions}.
 * @returns the patched model (memristive forward on; call `tune()` next).
 * @throws {InvalidParameterError} when an option is unknown or invalid, options contradict (passive without
 * resistances, an ADC without bits, resistances with a transistor read-out), a selected layer is unsupported or uses
 * an option memsim cannot reproduce, or a layer's weights hold NaN (each message names the layer).
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'relu', inputShape: [8] })] });
 * const x = tf.ones([2, 8]);
 * const patched = await patchModel(model, { model: VTEAM, tileShape: [128, 128], adc: { bits: 8 } });
 * patched.tune();
 * patched.predict(x);
 */
export async function patchModel(model: tf.LayersModel, options: PatchOptions): Promise<MemristiveModel> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'options',
      value: options,
      expected: 'a PatchOptions object',
    });
  checkKnownKeys(WHERE, options, PATCH_OPTION_KEYS);
  if (typeof model !== 'object' || model === null || typeof (model as tf.LayersModel).getLayer !== 'function')
    throw new InvalidParameterError({ where: WHERE, parameter: 'model', value: model, expected: 'a tfjs LayersModel' });
  const engineFactory = options.engine ?? null;
  if (engineFactory !== null && typeof engineFactory !== 'function')
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'engine',
      value: engineFactory,
      expected: 'an EngineFactory function',
    });
  if (
    engineFactory === null &&
    (typeof options.model !== 'object' || options.model === null || typeof options.model.validate !== 'function')
  )
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'model',
      value: options.model,
      expected: 'a DeviceModel of @memsim/devices (e.g. VTEAM), or a custom `engine`',
    });
  const engine = resolveEngineOptions(options);
  const scheme = checkOneOf(WHERE, 'scheme', options.scheme ?? DEFAULT_PATCH_OPTIONS.scheme, SCHEMES);
  const seed = checkNonNegativeInteger(WHERE, 'seed', options.seed ?? DEFAULT_PATCH_OPTIONS.seed);
  if (options.rng !== undefined && !isRng(options.rng))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'rng',
      value: options.rng,
      expected: 'an Rng from createRng()',
    });
  const rng = options.rng ?? createRng(seed);
  const randomInitialState = checkBoolean(
    WHERE,
    'randomInitialState',
    options.randomInitialState ?? DEFAULT_PATCH_OPTIONS.randomInitialState,
  );
  const verbose = options.verbose ?? DEFAULT_PATCH_OPTIONS.verbose;
  if (typeof verbose !== 'boolean' && typeof verbose !== 'function')
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'verbose',
      value: verbose,
      expected: 'true, false or a function (message) => void',
    });
  const log = verbose === true ? (m: string) => console.log(m) : verbose === false ? null : verbose;

  const rowOrder = checkOneOf(WHERE, 'rowOrder', options.rowOrder ?? DEFAULT_PATCH_OPTIONS.rowOrder, ROW_ORDERS);
  const converted = await convertModel(WHERE, model, selector(options.layers), { rowOrder });
  const init: InitCrossbarsOptions | null =
    engineFactory !== null
      ? null
      : {
          model: options.model!,
          scheme,
          transistor: options.transistor ?? DEFAULT_PATCH_OPTIONS.transistor,
          mapping: options.mapping ?? DEFAULT_PATCH_OPTIONS.mapping,
          initialState: randomInitialState ? 'random' : 'hrs',
          rng,
          ...(options.params === undefined ? {} : { params: options.params }),
          ...(options.tileShape === undefined ? {} : { tileShape: engine.tileShape! }),
          ...(options.levels === undefined ? {} : { levels: options.levels }),
          ...(options.pL === undefined ? {} : { pL: options.pL }),
          ...(options.programming === undefined ? {} : { programming: options.programming }),
        };
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
