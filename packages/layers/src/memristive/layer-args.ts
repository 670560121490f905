import type * as tf from '@tensorflow/tfjs';

/**
 * The base arguments of every tfjs layer (`name`, `trainable`, `inputShape`, `batchInputShape`, …).
 *
 * @example
 * const base: BaseLayerArgs = { name: 'fc1', inputShape: [6], trainable: false };
 * new MemristiveDense({ ...base, units: 3 }).getConfig().name; // → 'fc1'
 */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * @internal The keys of an args interface, from a record naming each key exactly once: a key missing from the record or
 * not in the interface fails to compile, so a layer's key list cannot drift from its args.
 */
export function argKeys<A>(record: { readonly [K in keyof Required<A>]: true }): readonly string[] {
  return Object.freeze(Object.keys(record));
}

/** Keys of {@link BaseLayerArgs}, accepted by every memristive layer. */
export const BASE_LAYER_KEYS: readonly string[] = Object.freeze([
  ...argKeys<BaseLayerArgs>({
    name: true,
    trainable: true,
    inputShape: true,
    batchInputShape: true,
    batchSize: true,
    dtype: true,
    weights: true,
    inputDType: true,
  }),
  // Added by tfjs deserialisation (`fromConfig`), not a user option.
  'customObjects',
]);
