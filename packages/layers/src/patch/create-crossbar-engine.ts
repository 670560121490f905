import { InvalidParameterError, checkKnownKeys, checkOneOf, checkPositiveNumber } from '@memsim/core';
import { MVM_MODES, mvm } from '@memsim/crossbar';
import type { MappedCrossbars, MvmMode, MvmOptions } from '@memsim/crossbar';
import { SCALE_PERS, scaleInput, unscaleOutput } from '@memsim/mapping';
import type { ScalePer } from '@memsim/mapping';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { Rng } from '@memsim/core';
import { checkReadNoiseConfig, readNoiseFor } from '@memsim/nonideality';
import type { ReadNoiseConfig } from '@memsim/nonideality';
import type { CrossbarEngine } from '../layers/crossbar-engine';

/** Options of {@link createCrossbarEngine}: how one crossbar set is read. */
export interface CrossbarEngineOptions {
  /** MVM mode of `@memsim/crossbar`. */
  mode: MvmMode;
  /** Tile shape [rows, cols] for the per-tile ADC partition. @default the crossbars' own */
  tileShape?: [number, number];
  /** ADC on the outputs. @default none */
  adc?: AdcConfig;
  /** DAC on the voltages. @default none */
  dac?: DacConfig;
  /** Largest word-line voltage [V]; the encoding scale is undone on the outputs. @default inputs are voltages */
  maxInputVoltage?: number;
  /** Scale granularity: per call, per input row or fixed. @default 'batch' */
  inputEncoding?: ScalePer;
  /** Source resistance [Ω] (passive mode). */
  sourceResistance?: number;
  /** Line resistance [Ω] (passive mode). */
  lineResistance?: number;
  /**
   * Read noise drawn afresh on every forward (modes 'ideal' and 'tiled'): `@memsim/nonideality` `ReadNoiseConfig`,
   * e.g. `{ model: 'gaussian', relative: 0.01 }` or `{ model: 'pcm' }` (aihwkit `w_noise` / PCM 1/f read noise).
   * Needs the generator argument of `createCrossbarEngine` (a `MemristiveModel` gives each set its own). @default none
   */
  readNoise?: ReadNoiseConfig;
}

const KEYS = [
  'mode',
  'tileShape',
  'adc',
  'dac',
  'maxInputVoltage',
  'inputEncoding',
  'sourceResistance',
  'lineResistance',
  'readNoise',
];

/**
 * Builds the {@link CrossbarEngine} of one crossbar set: encode the inputs to voltages with `@memsim/mapping`
 * `scaleInput`, run `@memsim/crossbar` `mvm` in the given mode (outputs in weight units), and undo the encoding
 * with `unscaleOutput`, so the layer's gain never depends on its input's magnitude.
 *
 * @param mapped - crossbars from `initCrossbars`.
 * @param options - see {@link CrossbarEngineOptions}.
 * @throws {InvalidParameterError} when an option is unknown or invalid, or a passive read-out lacks its resistances
 * (mvm checks the rest on the first call).
 * @example
 * const engine = createCrossbarEngine(initCrossbars(w, { model: VTEAM }), { mode: 'ideal' });
 * engine(x, batch); // ≈ x · w
 */
export function createCrossbarEngine(
  mapped: MappedCrossbars,
  options: CrossbarEngineOptions,
  readNoiseRng?: Rng,
): CrossbarEngine {
  const where = 'createCrossbarEngine';
  checkKnownKeys(where, options, KEYS);
  const mode = checkOneOf(where, 'mode', options.mode, MVM_MODES);
  const per = checkOneOf(where, 'inputEncoding', options.inputEncoding ?? 'batch', SCALE_PERS);
  const maxInputVoltage =
    options.maxInputVoltage === undefined
      ? undefined
      : checkPositiveNumber(where, 'maxInputVoltage', options.maxInputVoltage);
  const mvmOptions: MvmOptions = { mode };
  // An untiled ideal V·G takes no tile shape (tiled crossbars still hold their own for the other modes).
  if (options.tileShape !== undefined && (mode === 'tiled' || mode === 'nonlinear'))
    mvmOptions.tileShape = options.tileShape;
  if (options.adc !== undefined) mvmOptions.adc = options.adc;
  if (options.dac !== undefined) mvmOptions.dac = options.dac;
  if (mode === 'passive') {
    mvmOptions.sourceResistance = checkPositiveNumber(where, 'sourceResistance', options.sourceResistance);
    mvmOptions.lineResistance = checkPositiveNumber(where, 'lineResistance', options.lineResistance);
  }
  // Read noise (issue 17): a fresh draw per forward from the set's own generator; σ arrays are cached by nonideality.
  const noise = options.readNoise === undefined ? null : checkReadNoiseConfig(where, options.readNoise);
  if (noise !== null && readNoiseRng === undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'readNoiseRng',
      value: undefined,
      expected: 'a generator (an Rng) when `readNoise` is set',
    });
  const optionsFor = (): MvmOptions =>
    noise === null ? mvmOptions : { ...mvmOptions, readNoise: readNoiseFor(mapped, noise, readNoiseRng!) };
  return (input, batch) => {
    if (maxInputVoltage === undefined) return mvm(input, batch, mapped, optionsFor());
    const { voltages, scale } = scaleInput(input, { maxInputVoltage, per, batch });
    return unscaleOutput(mvm(voltages, batch, mapped, optionsFor()), scale);
  };
}
