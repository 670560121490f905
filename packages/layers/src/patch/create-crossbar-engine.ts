import {
  checkKnownKeys,
  checkOneOf,
  checkPositiveInteger,
  checkPositiveNumber,
  InvalidParameterError,
  ShapeMismatchError,
} from '@memsim/core';
import { MVM_MODES, defaultThreads, mvm } from '@memsim/crossbar';
import type { MappedCrossbars, MvmMode, MvmOptions } from '@memsim/crossbar';
import { SCALE_PERS } from '@memsim/mapping';
import type { ScalePer } from '@memsim/mapping';
import { quantize } from '@memsim/quantize';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { Rng } from '@memsim/core';
import { checkReadNoiseConfig, readNoiseFor } from '@memsim/nonideality';
import type { ReadNoiseConfig } from '@memsim/nonideality';
import type { CrossbarEngine } from '../memristive/crossbar-engine';
import { encodeVoltages, unscaleInPlace } from './encode-voltages';

/**
 * Granularity of the data-dependent range of an untiled ADC (modes 'ideal', 'passive' and 'nonlinear' without tiles;
 * a tiled ADC is always per tile and input row): one range over the whole engine call (`'batch'`, MemTorch's Linear)
 * or one per sample (`'sample'`, MemTorch's convolutions: per image).
 */
export type AdcRange = 'batch' | 'sample';

/**
 * Runtime list of {@link AdcRange}.
 *
 * @example
 * ADC_RANGES; // → ['batch', 'sample']: the ADC's full scale from the whole batch or from each sample
 */
export const ADC_RANGES: readonly AdcRange[] = Object.freeze(['batch', 'sample']);

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
  /** Scale granularity: per call, per sample (see `CrossbarEngine`'s `samples`) or fixed. @default 'batch' */
  inputEncoding?: ScalePer;
  /**
   * Range of an untiled ADC: per call or per sample. @default 'batch' here; a patched model defaults each layer to
   * MemTorch's rule for its kind ('sample' for convolutions, 'batch' for Dense and RNNs)
   */
  adcRange?: AdcRange;
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
  /**
   * Threads of the crossbar products (modes 'ideal', 'tiled' and 'passive'): the caller plus `threads − 1` persistent worker
   * threads (Node; one thread elsewhere or without SharedArrayBuffer). Outputs are bit-identical for every value.
   * Not saved with a chip (a run-time choice). @default `defaultThreads()` of `@memsim/crossbar`, the available cores
   */
  threads?: number;
}

const KEYS = [
  'mode',
  'tileShape',
  'adc',
  'dac',
  'maxInputVoltage',
  'inputEncoding',
  'adcRange',
  'sourceResistance',
  'lineResistance',
  'readNoise',
  'threads',
];

/**
 * Builds the {@link CrossbarEngine} of one crossbar set: encode the inputs to voltages with `@memsim/mapping`
 * `scaleInput` (per call, or per sample with `inputEncoding: 'sample'`), run `@memsim/crossbar` `mvm` in the given
 * mode (outputs in weight units), and undo the encoding with `unscaleOutput`, so the layer's gain never depends on
 * its input's magnitude. With `adcRange: 'sample'` an untiled ADC takes one range per sample: the whole batch still
 * goes through one `mvm` call (raw currents), and each sample's block of outputs is quantised on its own.
 *
 * @param mapped - crossbars from `initCrossbars`.
 * @param options - see {@link CrossbarEngineOptions}.
 * @throws {InvalidParameterError} when an option is unknown or invalid, or a passive read-out lacks its resistances
 * (mvm checks the rest on the first call).
 * @example
 * import { initCrossbars } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const w = { rows: 3, cols: 2, data: [0.5, -1, 0.25, 0.75, -0.125, 0] }; // inputs × outputs
 * const batch = 2;
 * const x = new Float32Array([1, 0, 0.5, 0.2, 0.4, 0.6]); // 2 inputs of 3 values
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
  const adcRange = checkOneOf(where, 'adcRange', options.adcRange ?? 'batch', ADC_RANGES);
  const threads =
    options.threads === undefined ? defaultThreads() : checkIntegerIn(where, 'threads', options.threads, 1, 64);
  // Threads split the GEMM-based modes (passive too: a GEMM with the transfer matrices); non-linear runs on the caller.
  const mvmOptions: MvmOptions = mode === 'nonlinear' ? { mode } : { mode, threads };
  // An untiled ideal V·G takes no tile shape (tiled crossbars still hold their own for the other modes).
  if (options.tileShape !== undefined && (mode === 'tiled' || mode === 'nonlinear'))
    mvmOptions.tileShape = options.tileShape;
  if (options.adc !== undefined) mvmOptions.adc = options.adc;
  if (options.dac !== undefined) mvmOptions.dac = options.dac;
  if (mode === 'passive') {
    mvmOptions.sourceResistance = checkPositiveNumber(where, 'sourceResistance', options.sourceResistance);
    mvmOptions.lineResistance = checkPositiveNumber(where, 'lineResistance', options.lineResistance);
  }
  // Validate every mvm option now (patchModel, setReadout), not at the first predict: mvm checks all of them before it
  // computes, and a one-row zero read is the cheapest call that runs those checks. No read noise is drawn, so the
  // generators are untouched; a passive read-out's factorisation is cached for the first real call.
  mvm(new Float32Array(mapped.rows), 1, mapped, mvmOptions);
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
  // Where mvm applies an ADC once over its whole output (as MemTorch does) rather than per tile and row.
  const ownTiles = mapped.crossbars[0]?.tileShape !== undefined;
  const wholeOutputAdc =
    options.adc !== undefined &&
    (mode === 'ideal' ||
      (mode === 'nonlinear' && options.tileShape === undefined && !ownTiles) ||
      (mode === 'passive' && !ownTiles));
  const perSampleAdc = wholeOutputAdc && adcRange === 'sample' ? { ...options.adc! } : null;
  const read = (v: Float32Array, batch: number, samples: number): Float32Array => {
    const opts = optionsFor();
    if (perSampleAdc === null || samples === 1) return mvm(v, batch, mapped, opts);
    // One mvm call for every sample; the ADC then converts each sample's currents with its own range, and the
    // division by the mapping gain is mvm's own (output / gain[j]).
    const rawOptions: MvmOptions = { ...opts, raw: true };
    delete rawOptions.adc;
    const currents = mvm(v, batch, mapped, rawOptions);
    const out = new Float32Array(currents.length);
    const block = (batch / samples) * mapped.cols;
    for (let s = 0; s < samples; s++)
      quantize(currents.subarray(s * block, (s + 1) * block), perSampleAdc, out.subarray(s * block, (s + 1) * block));
    const { gain, cols } = mapped;
    for (let i = 0; i < batch; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = out[i * cols + j]! / gain[j]!;
    return out;
  };
  return (input, batch, samples = batch) => {
    checkPositiveInteger('CrossbarEngine', 'samples', samples);
    if (batch % samples !== 0)
      throw new ShapeMismatchError({
        where: 'CrossbarEngine',
        parameter: 'samples',
        expectedShape: [batch],
        actualShape: [samples],
        detail: `(samples must divide the ${batch} input rows: each sample owns batch / samples contiguous rows)`,
      });
    if (maxInputVoltage === undefined) return read(input, batch, samples);
    const { voltages, scale } = encodeVoltages(input, maxInputVoltage, per, per === 'sample' ? samples : batch);
    // The engine owns mvm's fresh output, so the encoding is undone in place (no second output-sized array).
    return unscaleInPlace(read(voltages, batch, samples), scale);
  };
}

function checkIntegerIn(where: string, parameter: string, value: unknown, low: number, high: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high)
    throw new InvalidParameterError({ where, parameter, value, expected: `an integer in [${low}, ${high}]` });
  return value;
}
