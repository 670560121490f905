import {
  checkPositiveInteger,
  InvalidParameterError,
  type OptionsSchema,
  option,
  resolveOptions,
  resolveRng,
  type Rng,
  rule,
} from '@memsim/core';
import type { DefinedModel } from '../internal/define-model';
import { isStochasticParameter, type StochasticParameter } from '../stochastic/stochastic-parameter';
import {
  DEFAULT_INTEGRATION,
  type DeviceModel,
  type DevicePopulation,
  INTEGRATION_METHODS,
  type IntegrationConfig,
  type StochasticParams,
} from './device-population';
import { checkMemory } from '@memsim/core';

/**
 * Options of {@link createPopulation}.
 *
 * @example
 * const options: CreatePopulationOptions = { seed: 7, integration: { method: 'rk4' } };
 * createPopulation(VTEAM, 16, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, options);
 */
export interface CreatePopulationOptions {
  /** Seed for sampling stochastic parameters (and StanfordPKU noise). Needed when any parameter is stochastic. */
  seed?: number;
  /** Generator to draw from instead of `seed` (wins over `seed`). */
  rng?: Rng;
  /** Integration settings of the ODE models. @default { method: 'euler', substeps: 1, tolerance: 1e-9 } */
  integration?: Partial<IntegrationConfig>;
  /**
   * How many times a device's (rOn, rOff) pair is redrawn when rOn ≥ rOff or the two are nearly equal
   * (relative 1e-9), before an error (MemTorch's `resample_threshold`). @default 5
   */
  resampleThreshold?: number;
}

const INTEGRATION_SCHEMA = {
  method: option.withDefault(rule.oneOf(INTEGRATION_METHODS), DEFAULT_INTEGRATION.method),
  substeps: option.withDefault(rule.positiveInteger, DEFAULT_INTEGRATION.substeps),
  tolerance: option.withDefault(rule.positive, DEFAULT_INTEGRATION.tolerance),
} satisfies OptionsSchema<IntegrationConfig>;

// The generator is resolved by resolveRng (only when needed); the integration config by its own schema.
const SCHEMA = {
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
  integration: option.withDefault(
    (where: string, _parameter: string, value: unknown) =>
      resolveIntegration(where, value as Partial<IntegrationConfig>),
    DEFAULT_INTEGRATION,
  ),
  resampleThreshold: option.withDefault(rule.nonNegativeInteger, 5),
} satisfies OptionsSchema<CreatePopulationOptions>;

/**
 * Builds `n` devices of `model` as a struct of typed arrays. Parameters given as numbers are shared (stored as one
 * number); parameters given as {@link StochasticParameter} are drawn once per device into a Float64Array. When both
 * `rOn` and `rOff` are stochastic, a device whose pair violates `rOn < rOff` (or is nearly equal) redraws both, up
 * to `resampleThreshold` times (MemTorch's rule, extended to enforce the order).
 *
 * @param model - e.g. `VTEAM`.
 * @param n - number of devices (positive integer).
 * @param params - model parameters; any numeric one may be a StochasticParameter.
 * @param options - `seed` or `rng` (required when a parameter is stochastic), `integration`, `resampleThreshold`.
 * @throws {InvalidParameterError} for unknown keys, out-of-range values (naming the device for sampled ones), a
 *   missing seed, or a pair that still violates `rOn < rOff` after the retries.
 * @example
 * const pop = createPopulation(VTEAM, 1024, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
 */
export function createPopulation<P>(
  model: DeviceModel<P>,
  n: number,
  params?: StochasticParams<P>,
  options: CreatePopulationOptions = {},
): DevicePopulation {
  const where = 'createPopulation';
  const defined = asDefined(model, where);
  checkPositiveInteger(where, 'n', n);
  // State, up to one Float64Array per parameter (when stochastic) and two model scratch arrays, 8 bytes each.
  checkMemory(where, 'n', n, 8 * (3 + defined.parameterNames.length));
  const o = resolveOptions(where, options, SCHEMA);
  const { integration, resampleThreshold } = o;
  const paramWhere = `${model.name} params`;
  const merged = defined.resolve(params, paramWhere);
  const { numeric, settings } = defined.flatten(merged);
  const anyStochastic = Object.values(numeric).some(isStochasticParameter);
  const rng = o.rng !== undefined || o.seed !== undefined ? resolveRng(where, o) : null;
  if (anyStochastic && rng === null) resolveRng(where, o); // throws: stochastic parameters need a seed
  const values: Record<string, number | Float64Array> = {};
  for (const [key, value] of Object.entries(numeric)) {
    if (isStochasticParameter(value)) values[key] = value.fill(new Float64Array(n), rng!);
    else values[key] = value as number;
  }
  if (isStochasticParameter(numeric.rOn) || isStochasticParameter(numeric.rOff))
    resampleResistances(values, numeric.rOn, numeric.rOff, rng!, resampleThreshold, paramWhere);
  defined.checkParams(values, paramWhere, { resistanceOrderChecked: true });
  if (defined.needsRng(values) && rng === null)
    throw new InvalidParameterError({
      where,
      parameter: 'seed',
      value: undefined,
      expected: `given: ${model.name} with these parameters draws noise while stepping`,
    });
  if (defined.needsRng(values) && integration.method !== 'euler')
    throw new InvalidParameterError({
      where,
      parameter: 'integration.method',
      value: integration.method,
      expected: `'euler' when ${model.name} draws noise while stepping (an SDE: Euler–Maruyama)`,
    });
  const pop: DevicePopulation = {
    model,
    size: n,
    state: new Float64Array(n),
    params: values,
    settings: Object.freeze(settings),
    aux: {},
    integration,
    rng,
  };
  model.initialize(pop);
  return pop;
}

/** Resolves and checks integration settings. */
export function resolveIntegration(
  where: string,
  value: Partial<IntegrationConfig> | undefined,
): Readonly<IntegrationConfig> {
  if (value === undefined) return DEFAULT_INTEGRATION;
  return resolveOptions(where, value, INTEGRATION_SCHEMA, 'integration');
}

/** The model as the internal DefinedModel (every model of this package is one). */
export function asDefined<P>(model: DeviceModel<P>, where: string): DefinedModel<P> {
  if (typeof model !== 'object' || model === null || typeof (model as DefinedModel<P>).resolve !== 'function')
    throw new InvalidParameterError({
      where,
      parameter: 'model',
      value: model,
      expected: 'a device model of @memsim/devices (LinearIonDrift, VTEAM, DataDriven, DataDriven2021, StanfordPKU)',
    });
  return model as DefinedModel<P>;
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function resampleResistances(
  values: Record<string, number | Float64Array>,
  rOnParam: unknown,
  rOffParam: unknown,
  rng: Rng,
  threshold: number,
  where: string,
): void {
  const rOn = values.rOn!;
  const rOff = values.rOff!;
  const both = isStochasticParameter(rOnParam) && isStochasticParameter(rOffParam);
  const n = Math.max(typeof rOn === 'number' ? 1 : rOn.length, typeof rOff === 'number' ? 1 : rOff.length);
  // Scan with one monomorphic loop for the first pair that needs a redraw (usually none among millions), then
  // resume the general loop below from there.
  let first = 0;
  if (typeof rOn !== 'number' && typeof rOff !== 'number') {
    while (first < n) {
      const on = rOn[first]!;
      const off = rOff[first]!;
      if (!(on < off) || off - on <= 1e-9 * Math.max(Math.abs(on), Math.abs(off))) break;
      first++;
    }
  }
  for (let i = first; i < n; i++) {
    let on = typeof rOn === 'number' ? rOn : rOn[i]!;
    let off = typeof rOff === 'number' ? rOff : rOff[i]!;
    let tries = 0;
    while (!(on < off) || nearlyEqual(on, off)) {
      if (!both || tries >= threshold)
        throw new InvalidParameterError({
          where,
          parameter: `rOn[${i}]`,
          value: on,
          expected: both
            ? `smaller than and not nearly equal to \`rOff\` (${off}) after ${threshold} redraws (resample threshold exceeded; separate the distributions)`
            : `smaller than and not nearly equal to \`rOff\` (${off}); only one of them is stochastic, so the pair cannot be redrawn`,
        });
      on = (rOnParam as StochasticParameter).sample(rng);
      off = (rOffParam as StochasticParameter).sample(rng);
      (rOn as Float64Array)[i] = on;
      (rOff as Float64Array)[i] = off;
      tries++;
    }
  }
}
