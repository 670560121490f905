// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema, Rng } from '@memsim/core';
import type { MappedCrossbars } from '../array/mapped-crossbars';
import { gemmKernel } from '../gemm/gemm-kernel';
import { markStable } from '../mvm/packed-operand';
import { drawNormalBlocks, drawNormals } from './normal-kernel';

// TYPES //

/**
 * Read noise of {@link mvm}: a fresh draw on every read. Each device's read conductance is g + σ·z with z ~ N(0, 1)
 * independent per device, per input vector and per call, so one output current is the noisy sum
 * Σ_i v_i·(g_ij + σ_ij·z_ij) = ideal + N(0, Σ_i v_i²·σ_ij²): memsim draws that sum exactly (one normal per output
 * and input vector, per tile row when tiled, before the ADC), not the device draws themselves. σ² adds over the
 * terms given (additive, relative, per-device) and over the crossbars of the set (G⁺ and G⁻). The normals come from
 * a WebAssembly SIMD ziggurat seeded from `rng` on every call (a bit-identical TypeScript twin where SIMD is missing).
 *
 * aihwkit: `IOParameters.w_noise` with `WeightNoiseType.ADDITIVE_CONSTANT` (`additive`) or `PCM_READ` / a per-device σ
 * (`deviceStd`), `out_noise` (`output`). CrossSim: `read_noise` with `read_noise_model: 'normal_independent'`
 * (`additive`) or `'normal_proportional'` (`relative`).
 * @example
 * import { createRng } from '@memsim/core';
 * import { VTEAM } from '@memsim/devices';
 * const mapped = initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, { model: VTEAM });
 * const readNoise: ReadNoise = { rng: createRng(1), relative: 0.02 }; // 2 % of each conductance, fresh on every read
 * mvm(new Float32Array([1, 1]), 1, mapped, { mode: 'ideal', readNoise });
 */
export interface ReadNoise {
  /** Generator advanced by every call (its state is the read-noise stream: same state, same noisy outputs). */
  rng: Rng;
  /** Conductance-independent σ of every device's read [S], ≥ 0. @default 0 */
  additive?: number;
  /** σ proportional to the device's conductance: σ = relative·|g| [1], ≥ 0. @default 0 */
  relative?: number;
  /**
   * Per-device σ [S], one rows × cols array per crossbar of the set (e.g. the PCM 1/f read noise of
   * `@memsim/nonideality` `pcmReadNoiseStd`). Cached while the array object is the same: Caution — replace the
   * array (do not edit it in place) to change it. @default none
   */
  deviceStd?: readonly Float64Array[];
  /** σ of every output current read [A], per bit line and input vector (per tile row when tiled), ≥ 0. @default 0 */
  output?: number;
  /**
   * `'vector'`: every input vector is its own read (exact: independent noise per vector, one extra GEMM with the
   * variance matrix when σ depends on the device). `'call'`: one draw per device per call, shared by the call's input
   * vectors (each vector's noise has the same distribution, but vectors of one batch are correlated); costs one
   * normal per cell instead of a GEMM — the fast choice for large batches. Output noise is per vector in both.
   * @default 'vector'
   */
  draw?: ReadNoiseDraw;
}

/**
 * How often device read noise is drawn: per input vector or per `mvm` call.
 *
 * @example
 * const draw: ReadNoiseDraw = 'call'; // one draw per mvm call; 'vector' draws per input vector
 */
export type ReadNoiseDraw = 'vector' | 'call';

/**
 * Runtime list of {@link ReadNoiseDraw} values.
 *
 * @example
 * READ_NOISE_DRAWS; // → ['vector', 'call']
 */
export const READ_NOISE_DRAWS: readonly ReadNoiseDraw[] = Object.freeze(['vector', 'call']);

/**
 * What a {@link ReadNoiseKernel}'s `add` does, as data, for a kernel that adds the noise itself inside its tile loop
 * (src/mvm/tiled-wasm.ts): per tile row, `drawNormalBlocks(rng, batch, cols)`, and σ = √(max(Σ_i v_i²·σ_ij², 0)
 * + outVar) from `variance` (float32 GEMM of the squared voltages), or √(flat·Σ_i v_i² + outVar) without it.
 * @internal
 */
export interface FusedReadNoise {
  rng: Rng;
  /** σ_ij² summed over the crossbars of the set (rows × cols, float32), or null when σ does not depend on the device. */
  variance: Float32Array | null;
  /** Σ additive² over the crossbars of the set [S²]. */
  flat: number;
  /** output² [A²]. */
  outVar: number;
}

/**
 * What a {@link ReadNoiseKernel}'s `perturb` does, as data, for a kernel that perturbs its packed matrix itself
 * (asm/gemm.ts `perturbPanels`): one `drawNormals(rng, panels·8·rows)` read in packed order (8-column panels,
 * row-major inside a panel) and B + σ·z per cell, σ = `std` (rows × cols, float32; never modified: its packed
 * panels may be kept). @internal
 */
export interface FusedPerturb {
  rng: Rng;
  std: Float32Array;
}

/** A validated {@link ReadNoise} bound to one target, ready for the kernels. @internal */
export interface ReadNoiseKernel {
  /**
   * The same noise as `add`, described for a fused tile loop; `'none'` when `add` adds nothing, null when it cannot
   * be described (the tile loop must call `add`).
   */
  fused: FusedReadNoise | 'none' | null;
  /**
   * Adds the read noise of tile rows `[r0, r0 + kr)` to `partial` (batch × cols currents [A]) for the voltages
   * `block` (batch × kr, the tile row's inputs). Advances the generator.
   */
  add(block: Float32Array, batch: number, r0: number, kr: number, partial: Float32Array): void;
  /** `draw: 'call'`: the effective matrix with this call's device noise (a new array); null in `'vector'` mode. */
  perturb: ((geff: Float32Array) => Float32Array) | null;
  /** The same perturbation described for a kernel that applies it to its packed matrix; null with `perturb`. */
  perturbFused: FusedPerturb | null;
}

/** The rules of {@link ReadNoise}; `deviceStd` is checked against the target's shape below. */
const SCHEMA = {
  rng: option.requiredByRule(rule.rng),
  additive: option.withDefault(rule.nonNegative, 0),
  relative: option.withDefault(rule.nonNegative, 0),
  deviceStd: option.optional(rule.any<readonly Float64Array[]>()),
  output: option.withDefault(rule.nonNegative, 0),
  draw: option.withDefault(rule.oneOf(READ_NOISE_DRAWS), 'vector'),
} satisfies OptionsSchema<ReadNoise>;

// MAIN //

/**
 * Checks a {@link ReadNoise} against a target and returns its kernel (null when every σ is 0).
 *
 * @throws {InvalidParameterError} on an unknown key, a missing generator, a negative or non-finite σ, or `deviceStd`
 * of the wrong count or length.
 * @internal
 */
export function readNoiseKernel(where: string, noise: ReadNoise, target: MappedCrossbars): ReadNoiseKernel | null {
  if (typeof noise !== 'object' || noise === null)
    throw new InvalidParameterError({
      where,
      parameter: 'readNoise',
      value: noise,
      expected: 'an object { rng, additive?, relative?, deviceStd?, output? }',
    });
  const { rng, additive, relative, output, draw, ...o } = resolveOptions(where, noise, SCHEMA, 'readNoise');
  const count = target.crossbars.length;
  const n = target.rows * target.cols;
  const deviceStd = o.deviceStd ?? null;
  if (deviceStd !== null) {
    if (!Array.isArray(deviceStd) || deviceStd.length !== count)
      throw new InvalidParameterError({
        where,
        parameter: 'readNoise.deviceStd',
        value: deviceStd,
        expected: `an array of ${count} Float64Array (one per crossbar of the set)`,
      });
    deviceStd.forEach((s, k) => {
      if (!(s instanceof Float64Array) || s.length !== n)
        throw new InvalidParameterError({
          where,
          parameter: `readNoise.deviceStd[${k}]`,
          value: s,
          expected: `a Float64Array of rows × cols = ${n} values [S]`,
        });
      // Checked once per array object (the documented contract: replace the array to change it), not on every read.
      if (CHECKED_STD.has(s)) return;
      for (let i = 0; i < n; i++)
        if (!(s[i]! >= 0 && s[i]! < Number.POSITIVE_INFINITY))
          throw new InvalidParameterError({
            where,
            parameter: `readNoise.deviceStd[${k}][${i}]`,
            value: s[i],
            expected: 'a finite σ ≥ 0 [S]',
          });
      CHECKED_STD.add(s);
    });
  }
  const perDevice = relative > 0 || deviceStd !== null;
  if (!perDevice && additive === 0 && output === 0) return null;
  const cols = target.cols;
  if (draw === 'call') return callKernel(target, rng, relative, additive, deviceStd, output);
  // Conductance-independent part: Σ_k additive² per device (one per crossbar of the set).
  const flat = additive * additive * count;
  const variance = perDevice ? varianceMatrix(target, relative, additive, deviceStd) : null;
  const outVar = output * output;
  let squares = new Float32Array(0);
  let acc = new Float32Array(0);
  return {
    perturb: null,
    perturbFused: null,
    fused: { rng, variance, flat, outVar },
    add(block, batch, r0, kr, partial) {
      const len = batch * cols;
      if (variance !== null) {
        // Σ_i v_i²·σ_ij² for every input vector and output: one GEMM with the variance matrix of these tile rows,
        // then σ = √(that + output²) per output and one normal each, added in place.
        const m = batch * kr;
        if (squares.length < m) squares = new Float32Array(m);
        if (acc.length < len) acc = new Float32Array(len);
        const sq = squares.subarray(0, m);
        for (let x = 0; x < m; x++) sq[x] = block[x]! * block[x]!;
        const a = acc.subarray(0, len);
        gemmKernel(sq, variance.subarray(r0 * cols, (r0 + kr) * cols), batch, kr, cols, a);
        const z = drawNormalBlocks(rng, batch, cols);
        for (let x = 0; x < len; x++) partial[x] = partial[x]! + Math.sqrt(Math.max(a[x]!, 0) + outVar) * z[x]!;
        return;
      }
      // Conductance-independent σ: one σ per input vector (Σ_i v_i² over the tile row), shared by its outputs.
      const z = drawNormalBlocks(rng, batch, cols);
      for (let b = 0; b < batch; b++) {
        let s = 0;
        for (let k = b * kr, end = k + kr; k < end; k++) s += block[k]! * block[k]!;
        const std = Math.sqrt(flat * s + outVar);
        for (let x = b * cols, end = x + cols; x < end; x++) partial[x] = partial[x]! + std * z[x]!;
      }
    },
  };
}

/** `draw: 'call'`: one normal per cell per call on the effective matrix; output noise per vector. */
function callKernel(
  target: MappedCrossbars,
  rng: Rng,
  relative: number,
  additive: number,
  deviceStd: readonly Float64Array[] | null,
  output: number,
): ReadNoiseKernel {
  // σ of the effective cell (G⁺ − G⁻: the two devices' variances add).
  const variance = varianceMatrix(target, relative, additive, deviceStd);
  const std = stdMatrix(variance);
  const cols = target.cols;
  const anyDevice = relative > 0 || additive > 0 || deviceStd !== null;
  return {
    // Output noise only: the flat form with flat = 0 (√(output²) = output exactly in binary floating point, unless
    // output² leaves the normal range).
    fused:
      output === 0
        ? 'none'
        : Math.sqrt(output * output) === output
          ? { rng, variance: null, flat: 0, outVar: output * output }
          : null,
    perturb: !anyDevice
      ? null
      : (geff) => {
          // One scratch matrix per target, reused by every call (mvm does not keep it).
          let out = SCRATCH.get(target);
          if (out === undefined || out.length !== geff.length) {
            out = new Float32Array(geff.length);
            SCRATCH.set(target, out);
          }
          // The normals in the packed order of the WebAssembly kernel (8-column panels; padding columns draw too),
          // which perturbs the packed matrix in place instead of building and packing this one.
          const rows = target.rows;
          const z = drawNormals(rng, ((cols + 7) >> 3) * 8 * rows);
          for (let i = 0; i < rows; i++)
            for (let j = 0, x = i * cols; j < cols; j++, x++)
              out[x] = geff[x]! + std[x]! * z[(j >> 3) * 8 * rows + i * 8 + (j & 7)]!;
          return out;
        },
    perturbFused: anyDevice ? { rng, std: markStable(std) } : null,
    add(_block, batch, _r0, _kr, partial) {
      if (output === 0) return;
      const len = batch * cols;
      const z = drawNormalBlocks(rng, batch, cols);
      for (let x = 0; x < len; x++) partial[x] = partial[x]! + output * z[x]!;
    },
  };
}

const SCRATCH = new WeakMap<MappedCrossbars, Float32Array>();
/** deviceStd arrays already checked (finite, ≥ 0). */
const CHECKED_STD = new WeakSet<Float64Array>();
const STD = new WeakMap<Float32Array, Float32Array>();

/** √variance, cached per variance matrix. */
function stdMatrix(variance: Float32Array): Float32Array {
  let std = STD.get(variance);
  if (std === undefined) {
    std = new Float32Array(variance.length);
    for (let i = 0; i < std.length; i++) std[i] = Math.sqrt(variance[i]!);
    STD.set(variance, std);
  }
  return std;
}

interface CachedVariance {
  versions: number[];
  relative: number;
  additive: number;
  deviceStd: readonly Float64Array[] | null;
  variance: Float32Array;
}

const CACHE = new WeakMap<MappedCrossbars, CachedVariance>();

/** σ²_ij summed over the crossbars of the set (float32, rows × cols); cached per target until a version changes. */
function varianceMatrix(
  target: MappedCrossbars,
  relative: number,
  additive: number,
  deviceStd: readonly Float64Array[] | null,
): Float32Array {
  const versions = target.crossbars.map((c) => c.version);
  const hit = CACHE.get(target);
  if (
    hit !== undefined &&
    hit.relative === relative &&
    hit.additive === additive &&
    (hit.deviceStd === deviceStd ||
      (hit.deviceStd !== null && deviceStd !== null && hit.deviceStd.every((s, k) => s === deviceStd[k]))) &&
    hit.versions.every((v, k) => v === versions[k])
  )
    return hit.variance;
  const n = target.rows * target.cols;
  const sum = new Float64Array(n).fill(additive * additive * target.crossbars.length);
  target.crossbars.forEach((xbar, k) => {
    const g = xbar.conductance;
    const r2 = relative * relative;
    if (r2 > 0) for (let i = 0; i < n; i++) sum[i] = sum[i]! + r2 * g[i]! * g[i]!;
    const s = deviceStd?.[k];
    if (s !== undefined) for (let i = 0; i < n; i++) sum[i] = sum[i]! + s[i]! * s[i]!;
  });
  const variance = Float32Array.from(sum);
  CACHE.set(target, { versions, relative, additive, deviceStd, variance });
  return variance;
}
