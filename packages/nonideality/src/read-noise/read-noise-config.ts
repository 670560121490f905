// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema, Rng } from '@memsim/core';
import { READ_NOISE_DRAWS } from '@memsim/crossbar';
import type { MappedCrossbars, ReadNoise, ReadNoiseDraw } from '@memsim/crossbar';
import { PCM_READ_NOISE_RULES, pcmReadNoiseStd } from './pcm-read-noise';
import type { PcmReadNoiseOptions } from './pcm-read-noise';

// TYPES //

/**
 * A serialisable read-noise description (what a chip saves; `readNoiseFor` turns it into `mvm`'s `readNoise`):
 * `'gaussian'` — additive σ [S], relative σ/|g| [1] and output σ [A] per read; `'pcm'` — the PCM 1/f read noise of
 * {@link pcmReadNoiseStd} (σ from each device's programmed conductance and the time since programming) plus an
 * optional output σ.
 *
 * @example
 * import { createRng } from '@memsim/core';
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * const config: ReadNoiseConfig = { model: 'gaussian', relative: 0.01 }; // σ = 1 % of each |g|, drawn on every read
 * mvm(new Float32Array(64).fill(0.5), 1, mapped, { mode: 'ideal', readNoise: readNoiseFor(mapped, config, createRng(1)) });
 */
export type ReadNoiseConfig =
  | { model: 'gaussian'; additive?: number; relative?: number; output?: number; draw?: ReadNoiseDraw }
  | ({ model: 'pcm'; output?: number; draw?: ReadNoiseDraw } & PcmReadNoiseOptions);

/**
 * Runtime list of read-noise models.
 *
 * @example
 * READ_NOISE_MODELS; // → ['gaussian', 'pcm']
 */
export const READ_NOISE_MODELS: readonly ReadNoiseConfig['model'][] = Object.freeze(['gaussian', 'pcm']);

const MODEL_RULE = rule.oneOf(READ_NOISE_MODELS);
// A config keeps what was given (absent stays absent: a saved chip holds what the user wrote), so every rule is optional.
const OUTPUT_AND_DRAW = {
  output: option.optional(rule.nonNegative),
  draw: option.optional(rule.oneOf(READ_NOISE_DRAWS)),
};
const GAUSSIAN_SCHEMA = {
  model: option.required(rule.oneOf(['gaussian'] as const)),
  additive: option.optional(rule.nonNegative),
  relative: option.optional(rule.nonNegative),
  ...OUTPUT_AND_DRAW,
} satisfies OptionsSchema<Extract<ReadNoiseConfig, { model: 'gaussian' }>>;
const P = PCM_READ_NOISE_RULES;
const PCM_SCHEMA = {
  model: option.required(rule.oneOf(['pcm'] as const)),
  ...OUTPUT_AND_DRAW,
  time: option.optional(P.time.check),
  tRead: option.optional(P.tRead.check),
  t0: option.optional(P.t0.check),
  scale: option.optional(P.scale.check),
  gMax: option.optional(P.gMax.check),
} satisfies OptionsSchema<Extract<ReadNoiseConfig, { model: 'pcm' }>>;

interface Cached {
  config: ReadNoiseConfig;
  versions: number[];
  deviceStd: Float64Array[];
}

const CACHE = new WeakMap<MappedCrossbars, Cached>();

// MAIN //

/**
 * Checks a {@link ReadNoiseConfig} (crossbar-independent) and returns a frozen copy.
 *
 * @throws {InvalidParameterError} on an unknown model or key, or a negative σ.
 * @example
 * checkReadNoiseConfig('mvm', { model: 'gaussian', relative: 0.01 }); // → the validated config
 */
export function checkReadNoiseConfig(where: string, config: unknown): ReadNoiseConfig {
  if (typeof config !== 'object' || config === null)
    throw new InvalidParameterError({
      where,
      parameter: 'readNoise',
      value: config,
      expected: "a ReadNoiseConfig { model: 'gaussian' | 'pcm', ... }",
    });
  const model = MODEL_RULE(where, 'readNoise.model', (config as { model?: unknown }).model);
  // The model picks the schema; errors name `readNoise.<key>`, unknown keys `<where> readNoise`.
  return model === 'gaussian'
    ? resolveOptions(where, config as ReadNoiseConfig & { model: 'gaussian' }, GAUSSIAN_SCHEMA, 'readNoise')
    : resolveOptions(where, config as ReadNoiseConfig & { model: 'pcm' }, PCM_SCHEMA, 'readNoise');
}

/**
 * The `readNoise` option of `@memsim/crossbar`'s `mvm` for one crossbar set under a {@link ReadNoiseConfig}, drawing
 * from `rng`. The PCM per-device σ is computed once and cached (per set, for an equal config) until a crossbar of the
 * set changes (e.g. `pcmDrift` moves the clock), so calling this before every read costs nothing.
 *
 * @throws {InvalidParameterError} when the config is invalid or `rng` is not a generator.
 * @example
 * import { createRng } from '@memsim/core';
 * import { initCrossbars, mvm } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const rng = createRng(1);
 * const mapped = initCrossbars({ rows: 64, cols: 8, data: new Float64Array(512).fill(0.25) }, { model: VTEAM });
 * const batch = 2;
 * const x = new Float32Array(batch * 64).fill(0.5); // two inputs of 64 values
 * mvm(x, batch, mapped, { mode: 'tiled', tileShape: [32, 8], readNoise: readNoiseFor(mapped, { model: 'pcm' }, rng) });
 */
export function readNoiseFor(target: MappedCrossbars, config: ReadNoiseConfig, rng: Rng): ReadNoise {
  const where = 'readNoiseFor';
  rule.rng(where, 'rng', rng);
  if (config.model === 'gaussian') {
    // The checked copy holds only the keys given, so it passes on as mvm's readNoise as is.
    const { model: _model, ...given } = checkReadNoiseConfig(where, config) as ReadNoiseConfig & { model: 'gaussian' };
    return { rng, ...given };
  }
  const versions = target.crossbars.map((x) => x.version);
  const hit = CACHE.get(target);
  let deviceStd: Float64Array[];
  if (hit !== undefined && sameConfig(hit.config, config) && hit.versions.every((v, k) => v === versions[k]))
    deviceStd = hit.deviceStd;
  else {
    const {
      model: _model,
      output: _output,
      draw: _draw,
      ...pcm
    } = checkReadNoiseConfig(where, config) as ReadNoiseConfig & {
      model: 'pcm';
    };
    deviceStd = target.crossbars.map((x) => pcmReadNoiseStd(x, pcm));
    CACHE.set(target, { config: { ...config }, versions, deviceStd });
  }
  return {
    rng,
    deviceStd,
    ...(config.output === undefined ? {} : { output: config.output }),
    ...(config.draw === undefined ? {} : { draw: config.draw }),
  };
}

/** Same keys and values (configs are flat objects of numbers and the model name). */
function sameConfig(a: ReadNoiseConfig, b: ReadNoiseConfig): boolean {
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length && ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
  );
}
