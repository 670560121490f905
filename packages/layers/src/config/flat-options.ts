import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionCheck, OptionsSchema } from '@memsim/core';
import type { ProgramOptions } from '@memsim/crossbar';
import { checkDeviceModel } from '@memsim/devices';
import type { PatchOptions } from '../patch/patch-options';
import type { PatchConfig } from './patch-config';

/**
 * Code of the deprecation warning of the flat `patchModel` options (one warning per process; in Node a
 * `DeprecationWarning` with this code, silenced by `--no-deprecation`).
 *
 * @example
 * process.on('warning', (w) => {
 *   if ((w as { code?: string }).code === FLAT_PATCH_OPTIONS_DEPRECATION) console.log('flat patchModel options in use');
 * });
 */
export const FLAT_PATCH_OPTIONS_DEPRECATION = 'MEMSIM_DEP_FLAT_PATCH_OPTIONS';

// Values are checked once, by the config they move into; here only the keys (and the two flat-only shapes).
const any = <T>() => option.optional(rule.any<T>());
const programOptions: OptionCheck<ProgramOptions> = (where, parameter, value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'transistor' in value)
    throw new InvalidParameterError({ where, parameter, value, expected: 'ProgramOptions of @memsim/crossbar' });
  return value as ProgramOptions;
};

/** The keys of the flat {@link PatchOptions} (deprecated), typed against the interface. */
export const FLAT_PATCH_SCHEMA = {
  layers: any<NonNullable<PatchOptions['layers']>>(),
  model: any<NonNullable<PatchOptions['model']>>(),
  params: any<Record<string, unknown>>(),
  scheme: any<NonNullable<PatchOptions['scheme']>>(),
  mapping: any<NonNullable<PatchOptions['mapping']>>(),
  levels: any<number>(),
  pL: any<number>(),
  rowOrder: any<NonNullable<PatchOptions['rowOrder']>>(),
  transistor: any<boolean>(),
  programming: option.optional(programOptions),
  sourceResistance: any<number>(),
  lineResistance: any<number>(),
  tileShape: any<[number, number]>(),
  maxInputVoltage: any<number>(),
  inputEncoding: any<NonNullable<PatchOptions['inputEncoding']>>(),
  adcRange: any<NonNullable<PatchOptions['adcRange']>>(),
  dac: any<NonNullable<PatchOptions['dac']>>(),
  adc: any<NonNullable<PatchOptions['adc']>>(),
  mode: any<NonNullable<PatchOptions['mode']>>(),
  randomInitialState: option.optional(rule.boolean),
  seed: any<number>(),
  rng: any<NonNullable<PatchOptions['rng']>>(),
  verbose: any<NonNullable<PatchOptions['verbose']>>(),
  engine: any<NonNullable<PatchOptions['engine']>>(),
  readNoise: any<NonNullable<PatchOptions['readNoise']>>(),
  threads: any<number>(),
} satisfies OptionsSchema<PatchOptions>;

/** Keys that only the flat form has (the nested form's `mapping` and `programming` are objects of another shape). */
const FLAT_ONLY = Object.keys(FLAT_PATCH_SCHEMA).filter(
  (k) => !['layers', 'seed', 'rng', 'verbose', 'engine', 'threads', 'mapping', 'programming'].includes(k),
);

/**
 * True when `options` is the deprecated flat form: it has a flat-only key, or a `mapping` that is a routine (a name or
 * a function) rather than a {@link MappingConfig}.
 */
export function isFlatPatchOptions(options: object): options is PatchOptions {
  const mapping = (options as { mapping?: unknown }).mapping;
  return FLAT_ONLY.some((k) => k in options) || typeof mapping === 'string' || typeof mapping === 'function';
}

/**
 * The one translation of the flat options into the configs (keys checked here, values by each config): `model`,
 * `params`, `randomInitialState` → `device`; `scheme`, `mapping` (→ `routine`), `levels`, `pL`, `tileShape`,
 * `rowOrder` → `mapping`; `transistor` and the `programming` options → `programming`; the rest of the read-out →
 * `readout`. Absent flat options stay absent, so the configs' defaults apply.
 */
export function flatToConfig(where: string, flat: PatchOptions): PatchConfig {
  const f = resolveOptions(where, flat, FLAT_PATCH_SCHEMA);
  // The flat form names the device model `model`: keep its message for a missing model.
  if (f.engine === undefined) checkDeviceModel(where, 'model', f.model);
  const device =
    f.model === undefined
      ? undefined
      : ({
          model: f.model,
          params: f.params,
          initialState: f.randomInitialState === undefined ? undefined : f.randomInitialState ? 'random' : 'hrs',
        } as const);
  return {
    device: device as PatchConfig['device'],
    mapping: {
      scheme: f.scheme,
      routine: f.mapping,
      levels: f.levels,
      pL: f.pL,
      tileShape: f.tileShape,
      rowOrder: f.rowOrder,
    },
    programming: { ...f.programming, transistor: f.transistor },
    readout: {
      mode: f.mode,
      adc: f.adc,
      dac: f.dac,
      maxInputVoltage: f.maxInputVoltage,
      inputEncoding: f.inputEncoding,
      adcRange: f.adcRange,
      sourceResistance: f.sourceResistance,
      lineResistance: f.lineResistance,
      readNoise: f.readNoise,
    },
    layers: f.layers,
    seed: f.seed,
    rng: f.rng,
    verbose: f.verbose,
    engine: f.engine,
    threads: f.threads,
  };
}
