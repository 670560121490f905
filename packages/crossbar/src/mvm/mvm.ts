// MODULES //

import {
  InvalidParameterError,
  NumericalError,
  ShapeMismatchError,
  checkFiniteArray,
  checkPositiveInteger,
  option,
  resolveOptions,
  rule,
  checkTileShape,
  requireOptions,
} from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { scaleInput } from '@memsim/mapping';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import { gemmKernel } from '../gemm/gemm-kernel';
import type { MappedCrossbars } from '../array/mapped-crossbars';
import { checkFiniteOutput } from '../internal/check-finite-output';
import { checkTarget } from '../internal/check-target';
import { adcConverter, adcRule, applyDac, dacRule } from '../internal/converters';
import { effectiveMatrix } from './effective-matrix';
import { NonlinearReader } from './nonlinear-kernel';
import { PASSIVE_RULES } from '../passive/passive-options';
import { passiveOutput } from './passive-mode';
import { checkPassive, rejectPassiveKeys } from '../internal/check-passive';
import { readNoiseKernel } from '../read-noise/read-noise';
import type { ReadNoise, ReadNoiseKernel } from '../read-noise/read-noise';
import type { Converter } from './tiled-kernel';
import { tiledKernel } from './tiled-kernel';
import { tiledWasmKernel } from './tiled-wasm';

// TYPES //

/**
 * How the crossbar computes its output.
 *
 * @example
 * const mode: MvmMode = 'passive'; // 'ideal' | 'tiled' | 'nonlinear' | 'passive' (IR drop in the wires)
 */
export type MvmMode = 'ideal' | 'tiled' | 'nonlinear' | 'passive';

/**
 * Runtime list of {@link MvmMode} values.
 *
 * @example
 * MVM_MODES; // → ['ideal', 'tiled', 'nonlinear', 'passive']
 */
export const MVM_MODES: readonly MvmMode[] = Object.freeze(['ideal', 'tiled', 'nonlinear', 'passive']);

/**
 * Options of {@link mvm}.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 4, cols: 2, data: [0.5, -1, 0.25, 0, 1, 0.5, -0.5, 0.75] }, { model: VTEAM });
 * const options: MvmOptions = { mode: 'tiled', tileShape: [2, 2], adc: { bits: 8 }, maxInputVoltage: 0.3 };
 * mvm(new Float32Array([1, 0, 0.5, 0.25]), 1, mapped, options); // ≈ x · W
 */
export interface MvmOptions {
  /**
   * - `'ideal'`: I = V·G (the fast GEMM);
   * - `'tiled'`: per-tile partial sums, each through its own ADC, added digitally;
   * - `'nonlinear'`: each cell's current from its device's I(V) (lookup table if attached, else the model);
   * - `'passive'`: word/bit-line and source resistance (circuit solve per crossbar).
   */
  mode: MvmMode;
  /** Tile shape `[tileRows, tileCols]` for the ADC partition. @default the crossbars' own `tileShape` (required for 'tiled') */
  tileShape?: [number, number];
  /**
   * ADC on the output currents: per tile and input row when tiled ('tiled', and 'nonlinear' with a tile shape), else
   * once over the whole `batch × cols` output (in every mode, 'passive' included).
   */
  adc?: AdcConfig;
  /** DAC on the input voltages (`bits`, symmetric full scale `range` [V]). */
  dac?: DacConfig;
  /**
   * Largest input voltage [V]: when max |input| exceeds it, inputs are scaled by `maxInputVoltage / max|input|`
   * (over the whole call) and the scale is undone on the outputs. @default inputs are voltages as given
   */
  maxInputVoltage?: number;
  /** Source (driver) resistance [Ω], ≥ 0, required in passive mode. */
  sourceResistance?: number;
  /** Line resistance per cell segment [Ω], ≥ 0, required in passive mode (both lines unless overridden). */
  lineResistance?: number;
  /** Word-line segment resistance [Ω], passive mode. @default lineResistance */
  wordLineResistance?: number;
  /** Bit-line segment resistance [Ω], passive mode. @default lineResistance */
  bitLineResistance?: number;
  /** Access-device series resistance [Ω], passive mode. @default 0 */
  accessResistance?: number;
  /** Return the output currents [A] (after the ADC) instead of weight units. @default false */
  raw?: boolean;
  /**
   * Read noise drawn afresh on every call, per input vector and output (per tile row, before the ADC), from
   * `readNoise.rng` (advanced by the call); modes 'ideal' and 'tiled'. See {@link ReadNoise}. @default none
   */
  readNoise?: ReadNoise;
  /**
   * Threads for modes 'ideal', 'tiled' and 'passive' (the caller plus `threads − 1` persistent worker threads on one shared
   * WebAssembly memory; Node only, elsewhere and without SharedArrayBuffer the call runs on one thread). Results are
   * bit-identical for every value: work is split by input rows (or output columns), and each output is summed by
   * one thread in the same order. Caution: the caller blocks until all parts finish. @default 1
   */
  threads?: number;
}

// MAIN //

const WHERE = 'mvm';

/**
 * The rules of {@link MvmOptions}, each written once (nested configs are resolved by their own checks; the wire
 * resistances by the passive solver's rules, all optional here and required in mode 'passive' by `checkPassive`).
 */
const SCHEMA = {
  mode: option.required(rule.oneOf(MVM_MODES)),
  tileShape: option.optional(checkTileShape),
  adc: option.optional(adcRule),
  dac: option.optional(dacRule),
  maxInputVoltage: option.optional(rule.positive),
  sourceResistance: option.optional(PASSIVE_RULES.sourceResistance.check),
  lineResistance: option.optional(PASSIVE_RULES.lineResistance.check),
  wordLineResistance: option.optional(PASSIVE_RULES.wordLineResistance.check),
  bitLineResistance: option.optional(PASSIVE_RULES.bitLineResistance.check),
  accessResistance: option.optional(PASSIVE_RULES.accessResistance.check),
  raw: option.withDefault(rule.boolean, false),
  readNoise: option.optional(rule.any<ReadNoise>()),
  threads: option.optional(rule.integerRange(1, 64)),
} satisfies OptionsSchema<MvmOptions>;

/**
 * Multiplies a batch of inputs by a weight matrix stored on crossbars: `batch × rows → batch × cols`.
 * Double-column outputs are I⁺ − I⁻; single-column outputs are I − g_m·Σv (the reference column) in every mode.
 * Outputs are divided by the mapping gain (and the input scale) to return weight units, unless `raw`.
 *
 * @param input - `batch × rows` row-major (not modified).
 * @param batch - number of input rows.
 * @param target - crossbars from {@link initCrossbars}.
 * @param options - see {@link MvmOptions}.
 * @returns `batch × cols` float32.
 * @throws {InvalidParameterError} on an unknown mode or option, NaN input, an ADC without positive-integer bits, a tile shape ≤ 0, 'tiled' without a tile shape, or missing passive resistances.
 * @throws {ShapeMismatchError} when `input` does not hold `batch × rows` values.
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 300, cols: 10, data: new Float64Array(3000).fill(0.25) }, { model: VTEAM });
 * const x = new Float32Array(4 * 300).fill(0.5); // a batch of 4 inputs
 * const y = mvm(x, 4, mapped, { mode: 'tiled', tileShape: [128, 128], adc: { bits: 8 } });
 */
export function mvm(input: Float32Array, batch: number, target: MappedCrossbars, options: MvmOptions): Float32Array {
  requireOptions(WHERE, options);
  const o = resolveOptions(WHERE, options, SCHEMA);
  const mode = o.mode;
  const t = checkTarget(WHERE, target);
  const b = checkPositiveInteger(WHERE, 'batch', batch);
  if (!(input instanceof Float32Array))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'input',
      value: input,
      expected: 'a Float32Array (batch × rows)',
    });
  if (input.length !== b * t.rows)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter: 'input',
      expectedShape: [b * t.rows],
      actualShape: [input.length],
      detail: `(batch × rows = ${b} × ${t.rows}; rows = word lines = inputs)`,
    });
  checkFiniteArray(WHERE, 'input', input);
  const adc = o.adc ?? null;
  const dac = o.dac ?? null;
  const maxV = o.maxInputVoltage ?? null;
  const raw = o.raw;
  let tileShape: [number, number] | null = null;
  if (o.tileShape !== undefined) tileShape = o.tileShape;
  else if (t.crossbars[0]!.tileShape !== undefined) tileShape = t.crossbars[0]!.tileShape;
  if (mode === 'ideal' && o.tileShape !== undefined)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'tileShape',
      value: o.tileShape,
      expected: "omitted in mode 'ideal' (an untiled V·G); use mode 'tiled' for per-tile ADCs",
    });
  if (mode === 'tiled' && tileShape === null)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'tileShape',
      value: undefined,
      expected: "given for mode 'tiled' (in the options or as the crossbars' tileShape)",
    });
  // The resistance values were checked by the schema (finite, ≥ 0); passive mode needs the two main ones given.
  const passive = mode === 'passive' ? checkPassive(WHERE, o, tileShape, t.crossbars[0]!.tileShape) : null;
  if (mode !== 'passive') rejectPassiveKeys(WHERE, mode, o);
  const noise = resolveReadNoise(o.readNoise, mode, t);
  const threads = o.threads ?? 1;

  // Input encoding: scale into ±maxInputVoltage (mapping's scaleInput over the whole call), then the DAC.
  let scale = 1;
  let v = input;
  if (maxV !== null) {
    const scaled = scaleInput(input, { maxInputVoltage: maxV, per: 'batch' });
    scale = scaled.scale[0]!;
    v = scaled.voltages;
  }
  if (dac !== null) v = applyDac(v, dac);

  const converter: Converter | null = adc === null ? null : adcConverter(adc);
  const { rows, cols } = t;
  let out: Float32Array;
  if (mode === 'ideal' || mode === 'tiled') {
    // Per-call device noise (draw: 'call') is applied by the kernels: to the packed matrix in WebAssembly, else by
    // `noise.perturb` on a copy (the same numbers).
    const geff = effectiveMatrix(t);
    if (mode === 'tiled') {
      const [tr, tc] = tileShape!;
      out = tiledKernel(v, b, rows, cols, geff, tr, tc, converter, new Float32Array(b * cols), noise, threads);
    } else {
      // One tile over the whole matrix without an ADC is the plain GEMM, and the tiled kernel packs A inside the
      // kernel on every thread where `gemm` packs it serially in JS (most of an ideal conv's time with few channels):
      // the same float32 sums in the same order. The unchecked GEMM kernel when it cannot run: the input was scanned
      // above, and geff comes from conductances checked when written.
      out = new Float32Array(b * cols);
      const perturb = noise?.perturbFused ?? null;
      if (!tiledWasmKernel(v, b, rows, cols, geff, rows, cols, 0, out, threads, null, null, perturb))
        out = gemmKernel(v, noise?.perturb ? noise.perturb(geff) : geff, b, rows, cols, out, threads);
      if (noise !== null) noise.add(v, b, 0, rows, out);
      if (converter !== null) out = converter(out);
    }
  } else if (mode === 'nonlinear') out = nonlinearOutput(t, v, b, tileShape, converter);
  else {
    out = passiveOutput(t, v, b, passive!, converter, threads);
  }
  if (raw) return checkFiniteOutput(WHERE, out, cols, overflowRemedy(mode));
  const gain = t.gain;
  for (let i = 0; i < b; i++)
    for (let j = 0; j < cols; j++) out[i * cols + j] = out[i * cols + j]! / (gain[j]! * scale);
  // Every mode ends here: a device law far outside its range (non-linear I(V) at 100 V) or a tiny mapping gain can
  // overflow float32 from finite inputs.
  return checkFiniteOutput(WHERE, out, cols, overflowRemedy(mode));
}

function overflowRemedy(mode: MvmMode): string {
  return `mode '${mode}': inputs too large for the device model or the float32 range; lower maxInputVoltage`;
}

/** Read noise: checked and bound to the target (null when absent or all zero); only in modes 'ideal' and 'tiled'. */
function resolveReadNoise(noise: ReadNoise | undefined, mode: MvmMode, t: MappedCrossbars): ReadNoiseKernel | null {
  if (noise === undefined) return null;
  if (mode !== 'ideal' && mode !== 'tiled')
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'readNoise',
      value: mode,
      expected: "used in mode 'ideal' or 'tiled' (read noise is not modelled in the non-linear and passive read-outs)",
    });
  return readNoiseKernel(WHERE, noise, t);
}

/** Non-linear mode: I(V) per cell, partial sums per tile row, per-tile ADC when tiled, whole-output ADC otherwise. */
function nonlinearOutput(
  t: MappedCrossbars,
  v: Float32Array,
  batch: number,
  tileShape: [number, number] | null,
  converter: Converter | null,
): Float32Array {
  const { rows, cols } = t;
  const [tr, tc] = tileShape ?? [rows, cols];
  const gridRows = Math.ceil(rows / tr);
  const gridCols = Math.ceil(cols / tc);
  const readers = t.crossbars.map((c) => new NonlinearReader(c, tr));
  const pos = new Float64Array(gridRows * cols);
  const neg = new Float64Array(gridRows * cols);
  const out = new Float32Array(batch * cols);
  const seg = new Float32Array(tc);
  const converted = new Float32Array(tc);
  const tiledAdc = tileShape !== null && converter !== null;
  for (let b = 0; b < batch; b++) {
    const base = b * rows;
    readers[0]!.read(v, base, pos);
    if (t.scheme === 'double-column') readers[1]!.read(v, base, neg);
    else {
      // Reference column: an ideal g_m resistor per word line and output, I_ref = g_m·Σ_{k in tile row} v_k.
      const gm = t.referenceConductance!;
      for (let i = 0; i < gridRows; i++) {
        let s = 0;
        for (let k = i * tr; k < Math.min(rows, (i + 1) * tr); k++) s += v[base + k]!;
        neg.fill(gm * s, i * cols, (i + 1) * cols);
      }
    }
    for (let i = 0; i < gridRows; i++) {
      const line = i * cols;
      if (!tiledAdc) {
        for (let c = 0; c < cols; c++) out[b * cols + c] = out[b * cols + c]! + (pos[line + c]! - neg[line + c]!);
        continue;
      }
      for (let j = 0; j < gridCols; j++) {
        const c0 = j * tc;
        const width = Math.min(tc, cols - c0);
        seg.fill(0);
        for (let c = 0; c < width; c++) seg[c] = pos[line + c0 + c]! - neg[line + c0 + c]!;
        const q = converter!(seg, converted);
        for (let c = 0; c < width; c++) out[b * cols + c0 + c] = out[b * cols + c0 + c]! + q[c]!;
      }
    }
  }
  return converter !== null && !tiledAdc ? converter(out) : out;
}
