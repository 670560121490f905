import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '@memsim/core';
import { MemristiveLayer } from '../memristive/memristive-layer';
import { LAYER_CLASS_ALIASES, MEMRISTIVE_CLASS_OF, SUPPORTED_LAYER_CLASSES } from '../patch/supported-layers';
import type { RowOrder } from '../unfold/row-order';

const MEMRISTIVE_CLASS_NAMES: readonly string[] = Object.values(MEMRISTIVE_CLASS_OF).map((c) => c.className);
import type { SupportedLayerClass } from '../patch/supported-layers';

/** Training-only keys of the tfjs layer configs (snake_case, as in the topology JSON): irrelevant to inference. */
const TRAINING_ONLY_KEYS = new Set([
  'kernel_initializer',
  'bias_initializer',
  'recurrent_initializer',
  'depthwise_initializer',
  'kernel_regularizer',
  'bias_regularizer',
  'recurrent_regularizer',
  'depthwise_regularizer',
  'activity_regularizer',
  'kernel_constraint',
  'bias_constraint',
  'recurrent_constraint',
  'depthwise_constraint',
  'dropout',
  'recurrent_dropout',
  'unroll',
  // LSTM: unit_forget_bias only initialises the bias; implementation is ignored by tfjs (always its fused form).
  'unit_forget_bias',
  'implementation',
]);

/** Memristive classes whose crossbar rows are a flattened kernel window (they take a `rowOrder`). */
export const CONV_CLASS_NAMES: readonly string[] = Object.freeze([
  'MemristiveConv1D',
  'MemristiveConv2D',
  'MemristiveConv3D',
  'MemristiveDepthwiseConv2D',
]);

/** Keys that must hold a given value for memsim to reproduce the layer, and that value. */
const REQUIRED_VALUES: Record<string, unknown> = { stateful: false, data_format: 'channels_last' };

interface LayerEntry {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
}

/**
 * Builds a new tfjs model with the same topology and weights as `model`, where every layer `select` accepts is
 * replaced by its memristive class (no engines yet: it computes digitally), convolutions with the given crossbar
 * `rowOrder`. The original model is not touched.
 *
 * @throws {InvalidParameterError} naming the layer when a selected layer is of an unsupported class or uses an option
 * memsim cannot reproduce (e.g. `returnState`, `stateful`, `channelsFirst`).
 */
export async function convertModel(
  where: string,
  model: tf.LayersModel,
  select: (layer: tf.layers.Layer) => boolean,
  options: { rowOrder: RowOrder },
): Promise<{ model: tf.LayersModel; layers: MemristiveLayer[] }> {
  const topology = JSON.parse(JSON.stringify(model.toJSON(null, false))) as { config: { layers: LayerEntry[] } };
  const selected = new Set<string>();
  for (const entry of topology.config.layers) {
    const name = (entry.config.name as string | undefined) ?? entry.name;
    if (name === undefined) continue;
    const layer = model.getLayer(name);
    if (!select(layer)) continue;
    const alias = LAYER_CLASS_ALIASES[entry.class_name];
    const className = alias?.as ?? entry.class_name;
    if (MEMRISTIVE_CLASS_NAMES.includes(className)) {
      // Already a memristive layer (e.g. a grouped conv, which tfjs lacks): keep its config, but the row order is
      // the patch's (the crossbars are programmed anew).
      if (CONV_CLASS_NAMES.includes(className)) entry.config.row_order = options.rowOrder;
      selected.add(name);
      continue;
    }
    if (!(SUPPORTED_LAYER_CLASSES as readonly string[]).includes(className))
      throw new InvalidParameterError({
        where,
        parameter: `layers (layer '${name}')`,
        value: className,
        expected: `a supported layer class (${SUPPORTED_LAYER_CLASSES.join(', ')})`,
      });
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry.config)) {
      if (TRAINING_ONLY_KEYS.has(key)) continue;
      if (key in REQUIRED_VALUES) {
        if (value !== REQUIRED_VALUES[key])
          throw new InvalidParameterError({
            where,
            parameter: `layer '${name}' ${key}`,
            value,
            expected: `${JSON.stringify(REQUIRED_VALUES[key])} (memsim reproduces only that)`,
          });
        continue;
      }
      config[key] = value;
    }
    if (alias) Object.assign(config, alias.config);
    entry.class_name = MEMRISTIVE_CLASS_OF[className as SupportedLayerClass].className;
    if (CONV_CLASS_NAMES.includes(entry.class_name)) config.row_order = options.rowOrder;
    entry.config = config;
    selected.add(name);
  }
  const converted = (await tf.models.modelFromJSON({
    modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'],
  })) as tf.LayersModel;
  const layers: MemristiveLayer[] = [];
  for (const layer of converted.layers) {
    const original = model.getLayer(layer.name);
    layer.setWeights(original.getWeights());
    if (selected.has(layer.name)) {
      if (!MemristiveLayer.isMemristiveLayer(layer))
        throw new InvalidParameterError({
          where,
          parameter: `layer '${layer.name}'`,
          value: layer.getClassName(),
          expected: 'converted to a memristive layer',
        });
      layers.push(layer);
    }
  }
  return { model: converted, layers };
}
