// MODULES //

import { InvalidParameterError, checkKnownKeys, checkNonNegativeNumber, checkOneOf, isRng } from '@memsim/core';
import type { Rng } from '@memsim/core';
import { READ_NOISE_DRAWS } from '@memsim/crossbar';
import type { MappedCrossbars, ReadNoise, ReadNoiseDraw } from '@memsim/crossbar';
import { pcmReadNoiseStd } from './pcm-read-noise';
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

const GAUSSIAN_KEYS = ['model', 'additive', 'relative', 'output', 'draw'] as const;
const PCM_KEYS = ['model', 'output', 'draw', 'time', 'tRead', 't0', 'scale', 'gMax'] as const;

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
  const c = config as Record<string, unknown>;
  const model = checkOneOf(where, 'readNoise.model', c.model, READ_NOISE_MODELS);
  checkKnownKeys(`${where} readNoise`, c, model === 'gaussian' ? GAUSSIAN_KEYS : PCM_KEYS);
  if (c.draw !== undefined) checkOneOf(where, 'readNoise.draw', c.draw, READ_NOISE_DRAWS);
  for (const key of ['additive', 'relative', 'output', 'time', 'scale'])
    if (c[key] !== undefined) checkNonNegativeNumber(where, `readNoise.${key}`, c[key]);
  for (const key of ['tRead', 't0', 'gMax'])
    if (c[key] !== undefined && !(typeof c[key] === 'number' && (c[key] as number) > 0 && Number.isFinite(c[key])))
      throw new InvalidParameterError({
        where,
        parameter: `readNoise.${key}`,
        value: c[key],
        expected: 'a finite number > 0',
      });
  return Object.freeze({ ...c }) as ReadNoiseConfig;
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
  if (!isRng(rng))
    throw new InvalidParameterError({ where, parameter: 'rng', value: rng, expected: 'an Rng from createRng()' });
  if (config.model === 'gaussian') {
    const c = checkReadNoiseConfig(where, config) as {
      additive?: number;
      relative?: number;
      output?: number;
      draw?: ReadNoiseDraw;
    };
    return {
      rng,
      ...(c.draw === undefined ? {} : { draw: c.draw }),
      ...(c.additive === undefined ? {} : { additive: c.additive }),
      ...(c.relative === undefined ? {} : { relative: c.relative }),
      ...(c.output === undefined ? {} : { output: c.output }),
    };
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
