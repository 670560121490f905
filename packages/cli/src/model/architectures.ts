import {
  InvalidParameterError,
  type OptionCheck,
  type OptionsSchema,
  checkOneOf,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { cliRule } from '../internal/option-rules';
import { tf } from '../tf/backend';

/**
 * The two default networks.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const arch: ArchitectureName = 'cnn'; // or 'mlp'
 * buildModel(arch, { inputShape: [28, 28, 1], classes: 10, seed: 1 }).countParams(); // the weights of the CNN
 */
export type ArchitectureName = 'mlp' | 'cnn';
/**
 * Runtime list of {@link ArchitectureName}.
 *
 * @example
 * ARCHITECTURE_NAMES; // → ['mlp', 'cnn']
 */
export const ARCHITECTURE_NAMES: readonly ArchitectureName[] = ['mlp', 'cnn'];

/**
 * Options of {@link buildModel}.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const options: BuildModelOptions = { inputShape: [28, 28, 1], classes: 10, seed: 1, hidden: 128 }; // hidden: the MLP's default
 * buildModel('mlp', options).countParams(); // → 101770 = 784·128 + 128 + 128·10 + 10
 */
export interface BuildModelOptions {
  /** Per-sample input shape, e.g. `[28, 28, 1]`. */
  inputShape: number[];
  /** Number of output classes. */
  classes: number;
  /** Seed of the weight initialisers. */
  seed: number;
  /** Hidden units of the MLP (or of the CNN's dense layer). Default 128 (MLP), 64 (CNN). */
  hidden?: number;
}

/** A per-sample shape: a non-empty list of positive integers. */
const shapeRule: OptionCheck<number[]> = (where, parameter, value) => {
  if (!Array.isArray(value) || value.length === 0 || !value.every((d) => Number.isSafeInteger(d) && d >= 1))
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a per-sample shape: a non-empty array of positive integers, e.g. [28, 28, 1]',
    });
  return value as number[];
};

const SCHEMA = {
  inputShape: option.requiredByRule(shapeRule),
  classes: option.requiredByRule(rule.positiveInteger),
  seed: option.requiredByRule(cliRule.seed),
  hidden: option.optional(rule.positiveInteger),
} satisfies OptionsSchema<BuildModelOptions>;

/**
 * Builds an untrained default network.
 * - `mlp`: Flatten → Dense(128, relu) → Dense(classes, softmax) (101 770 weights on MNIST).
 * - `cnn`: Conv2D(8, 3×3, relu) → MaxPool(2) → Conv2D(16, 3×3, relu) → MaxPool(2) → Flatten → Dense(64, relu) →
 *   Dense(classes, softmax) (27 690 weights on MNIST); images only.
 *
 * @throws {InvalidParameterError} when `name` is not a default network, `cnn` is asked for non-image input, or an option
 *   is unknown, missing or breaks its rule.
 * @example
 * const model = buildModel('cnn', { inputShape: [28, 28, 1], classes: 10, seed: 1 });
 * model.countParams(); // → the weights of the CNN
 */
export function buildModel(name: ArchitectureName, options: BuildModelOptions): tf.LayersModel {
  checkOneOf('buildModel', 'name', name, ARCHITECTURE_NAMES);
  const o = resolveOptions('buildModel', options, SCHEMA);
  const init = (k: number) => tf.initializers.glorotUniform({ seed: o.seed * 16 + k });
  const model = tf.sequential();
  if (name === 'mlp') {
    // Flatten needs at least two axes per sample (tfjs rejects rank-2 input): tabular rows go to the dense layer as is.
    const flat = o.inputShape.length === 1;
    if (!flat) model.add(tf.layers.flatten({ inputShape: o.inputShape }));
    model.add(
      tf.layers.dense({
        units: o.hidden ?? 128,
        activation: 'relu',
        kernelInitializer: init(1),
        ...(flat ? { inputShape: o.inputShape } : {}),
      }),
    );
    model.add(tf.layers.dense({ units: o.classes, activation: 'softmax', kernelInitializer: init(2) }));
    return model;
  }
  if (o.inputShape.length !== 3)
    throw new InvalidParameterError({
      where: 'buildModel',
      parameter: 'inputShape',
      value: o.inputShape,
      expected: '[height, width, channels] for the cnn (use the mlp for tabular data)',
    });
  model.add(
    tf.layers.conv2d({
      inputShape: o.inputShape,
      filters: 8,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(1),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: o.hidden ?? 64, activation: 'relu', kernelInitializer: init(3) }));
  model.add(tf.layers.dense({ units: o.classes, activation: 'softmax', kernelInitializer: init(4) }));
  return model;
}
