import type * as tf from '@tensorflow/tfjs';
import { checkKnownKeys, resolveOptions } from '@memsim/core';
import type { OptionsSchema, ResolvedOptions } from '@memsim/core';

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

/** @internal A layer's own arguments: its args interface without {@link BaseLayerArgs}. */
export type OwnArgs<A> = Omit<A, keyof BaseLayerArgs>;

/**
 * @internal Resolves a layer's own arguments by `schema` (typed against {@link OwnArgs}, so it cannot drift from the
 * args interface); the base keys are left to tfjs. An unknown key is rejected naming every allowed key.
 */
export function resolveLayerArgs<A extends BaseLayerArgs, S extends OptionsSchema<OwnArgs<A>>>(
  where: string,
  args: A,
  schema: S,
): ResolvedOptions<OwnArgs<A>, S> {
  const own = Object.keys(schema);
  checkKnownKeys(where, args, [...BASE_LAYER_KEYS, ...own]);
  const picked: Record<string, unknown> = {};
  for (const key of own) picked[key] = (args as Record<string, unknown>)[key];
  return resolveOptions(where, picked as OwnArgs<A>, schema);
}
