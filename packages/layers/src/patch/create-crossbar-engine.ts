import {
  InvalidParameterError,
  ShapeMismatchError,
  checkPositiveInteger,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionsSchema, Rng } from '@memsim/core';
import { MVM_MODES, defaultThreads, mvm, mvmConv } from '@memsim/crossbar';
import type {
  ConvPatches,
  MappedCrossbars,
  MvmConvOptions,
  MvmMode,
  MvmOptions,
  OutputEpilogue,
} from '@memsim/crossbar';
import { readNoiseFor } from '@memsim/nonideality';
import { quantize } from '@memsim/quantize';
import { DEFAULT_READOUT_CONFIG, READOUT_CONFIG_SCHEMA } from '../config/readout-config';
import type { ReadoutConfig } from '../config/readout-config';
import type { CrossbarEngine } from '../memristive/crossbar-engine';
import { encodeVoltages, imageScales, unscaleInPlace } from './encode-voltages';

/**
 * Options of {@link createCrossbarEngine}: how one crossbar set is read — a {@link ReadoutConfig} with its mode
 * resolved, plus the run-time thread count.
 *
 * @example
 * const options: CrossbarEngineOptions = { mode: 'tiled', tileShape: [64, 64], adc: { bits: 8 }, threads: 1 };
 */
export interface CrossbarEngineOptions extends ReadoutConfig {
  /** MVM mode of `@memsim/crossbar`. */
  mode: MvmMode;
  /**
   * Threads of the crossbar products (modes 'ideal', 'tiled' and 'passive'): the caller plus `threads − 1` persistent worker
   * threads (Node; one thread elsewhere or without SharedArrayBuffer). Outputs are bit-identical for every value.
   * Not saved with a chip (a run-time choice). @default `defaultThreads()` of `@memsim/crossbar`, the available cores
   */
  threads?: number;
}

/** The rules of {@link CrossbarEngineOptions}: the read-out's, with the mode required. */
const SCHEMA = {
  ...READOUT_CONFIG_SCHEMA,
  mode: option.required(rule.oneOf(MVM_MODES)),
  threads: option.optional(rule.integerRange(1, 64)),
} satisfies OptionsSchema<CrossbarEngineOptions>;

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
  const o = resolveOptions(where, options, SCHEMA);
  const { mode, maxInputVoltage } = o;
  const per = o.inputEncoding ?? DEFAULT_READOUT_CONFIG.inputEncoding;
  const adcRange = o.adcRange ?? 'batch';
  const threads = o.threads ?? defaultThreads(); // the machine's, so not a static default
  // Threads split the GEMM-based modes (passive too: a GEMM with the transfer matrices); non-linear runs on the caller.
  const mvmOptions: MvmOptions = mode === 'nonlinear' ? { mode } : { mode, threads };
  // An untiled ideal V·G takes no tile shape (tiled crossbars still hold their own for the other modes).
  if (o.tileShape !== undefined && (mode === 'tiled' || mode === 'nonlinear')) mvmOptions.tileShape = o.tileShape;
  if (o.adc !== undefined) mvmOptions.adc = o.adc;
  if (o.dac !== undefined) mvmOptions.dac = o.dac;
  if (mode === 'passive') {
    mvmOptions.sourceResistance = requirePassive(where, 'sourceResistance', o.sourceResistance);
    mvmOptions.lineResistance = requirePassive(where, 'lineResistance', o.lineResistance);
  }
  // Validate every mvm option now (patchModel, setReadout), not at the first predict: mvm checks all of them before it
  // computes, and a one-row zero read is the cheapest call that runs those checks. No read noise is drawn, so the
  // generators are untouched; a passive read-out's factorisation is cached for the first real call.
  mvm(new Float32Array(mapped.rows), 1, mapped, mvmOptions);
  // Read noise (issue 17): a fresh draw per forward from the set's own generator; σ arrays are cached by nonideality.
  const noise = o.readNoise ?? null;
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
    o.adc !== undefined &&
    (mode === 'ideal' ||
      (mode === 'nonlinear' && o.tileShape === undefined && !ownTiles) ||
      (mode === 'passive' && !ownTiles));
  const perSampleAdc = wholeOutputAdc && adcRange === 'sample' ? { ...o.adc! } : null;
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
  const engine = (input: Float32Array, batch: number, samples = batch): Float32Array => {
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
  // Convolutions skip the im2col matrix where mvmConv covers the read-out: ideal without an ADC, tiled (its
  // per-tile ADC fused), or passive (the cached transfer matrices; an ADC only per tile of tiled crossbars, and not
  // with one range per sample; no read noise, which the passive read-out does not model), with the DAC fused into its
  // packing. Read noise is drawn inside the tile loop from the same generator, in the same order as mvm on the im2col
  // rows. The image scales are the ones encodeVoltages takes per sample.
  const convOptions: MvmConvOptions | null =
    mode === 'ideal' && o.adc === undefined
      ? { mode, threads }
      : mode === 'tiled'
        ? { mode, threads, ...(o.tileShape ? { tileShape: o.tileShape } : {}), ...(o.adc ? { adc: o.adc } : {}) }
        : mode === 'passive' && !wholeOutputAdc && noise === null
          ? {
              mode,
              threads,
              sourceResistance: mvmOptions.sourceResistance!,
              lineResistance: mvmOptions.lineResistance!,
              ...(o.adc ? { adc: o.adc } : {}),
            }
          : null;
  if (convOptions !== null && o.dac !== undefined) convOptions.dac = o.dac;
  if (convOptions === null) return engine;
  // The layer's epilogue (bias, activation, folded batch norm) runs inside the kernel, on each thread's rows.
  const conv = (image: Float32Array, patches: ConvPatches, epilogue?: OutputEpilogue): Float32Array | null =>
    mvmConv(image, patches, mapped, {
      ...convOptions,
      inputScale: imageScales(image, patches, maxInputVoltage, per),
      ...(noise === null ? {} : { readNoise: readNoiseFor(mapped, noise, readNoiseRng!) }),
      ...(epilogue === undefined ? {} : { epilogue }),
    });
  return Object.assign(engine, { conv, fusesEpilogue: true });
}

/** A passive read-out needs both resistances (each already checked ≥ 0 by the read-out rules). */
function requirePassive(where: string, parameter: string, value: number | undefined): number {
  if (value === undefined)
    throw new InvalidParameterError({ where, parameter, value, expected: "given [Ω] (≥ 0) for mode 'passive'" });
  return value;
}
