import { createRng } from '@memsim/core';
import type { Rng, RngState } from '@memsim/core';
import { NORMAL_CHUNK, normalChunk } from '../internal/normal-chunk';

/**
 * How ν was drawn when a drift clock started: enough to draw the same ν again from the programmed conductances, so
 * the clock need not keep one 8-byte ν per cell (a fresh 32 MB array per 4 M-device crossbar cost more in page
 * faults than drawing ν again on each evaluation; docs/benchmarks.md, issue 17).
 */
export interface NuRecipe extends NuLaw {
  /** Generator state before the first normal of the start. */
  readonly rngState: RngState;
  /** g_max [S] of the PCM fit, shared by every cell (1 when `fixed`). */
  readonly gMax: number;
  /** The stuck mask when the clock started (ν = 0 there), or null when nothing was stuck. */
  readonly stuck: Uint8Array | null;
}

// The PCM fit clamps both μ_ν and σ_ν outside ln(x) ∈ [−4.877, −1.112] (x = g/g_max): μ_ν reaches 0.1 at
// ln x = (0.0244 − 0.1)/0.0155 = −4.877 and 0.049 at −1.587; σ_ν reaches 0.045 at (−0.0059 − 0.045)/0.0125 = −4.072
// and 0.008 at −1.112. Beyond these bounds, moved 1e-3 further out in ln x (orders of magnitude more than the
// rounding of Math.log and the fit), ν needs no logarithm and the clamped constants are the values the fit returns,
// bit for bit. Only x in ≈ [0.0076, 0.33] pays the Math.log.
const X_HIGH = Math.exp(-1.111);
const X_LOW = Math.exp(-4.878);

/**
 * ν of one cell from aihwkit's PCM fit (`PCMLikeNoiseModel.generate_drift_coefficients`): driftScale·|μ_ν(x) +
 * σ_ν(x)·z| with μ_ν = clamp(−0.0155·ln x + 0.0244, 0.049, 0.1), σ_ν = clamp(−0.0125·ln x − 0.0059, 0.008, 0.045),
 * x = max(|g/g_max|, 1e-7). `high` and `low` are X_HIGH·g_max and X_LOW·g_max: |g| compared with them decides the
 * clamped cases without the division (their rounding is far inside the 1e-3 margin).
 */
function pcmNu(g: number, gMax: number, high: number, low: number, z: number, scale: number): number {
  const a = Math.abs(g);
  if (a >= high) return scale * Math.abs(0.049 + 0.008 * z);
  if (a <= low) return scale * Math.abs(0.1 + 0.045 * z);
  const lx = Math.log(Math.max(Math.abs(g / gMax), 1e-7));
  const mean = Math.min(Math.max(-0.0155 * lx + 0.0244, 0.049), 0.1);
  const std = Math.min(Math.max(-0.0125 * lx - 0.0059, 0.008), 0.045);
  return scale * Math.abs(mean + std * z);
}

/** How ν is drawn: |N(mean, std)| (`fixed`) or the PCM fit with g_max shared or per cell, times `scale`. */
export interface NuLaw {
  readonly fixed: { readonly mean: number; readonly std: number } | null;
  readonly gMax: number | Float64Array;
  readonly scale: number;
}

/**
 * Turns the normals `z[0..length)` of cells c0… into their ν in place (`g`: the programmed conductances, indexed
 * by cell), 0 for the cells of `stuck`. The start and every redraw go through here, so both give the same ν.
 */
export function nuChunk(
  z: Float64Array,
  c0: number,
  length: number,
  g: Float64Array,
  law: NuLaw,
  stuck: Readonly<Uint8Array> | null,
): void {
  const { fixed, gMax, scale } = law;
  if (fixed !== null) {
    const { mean, std } = fixed;
    for (let k = 0; k < length; k++) z[k] = scale * Math.abs(mean + std * z[k]!);
  } else if (typeof gMax === 'number') {
    const high = X_HIGH * gMax;
    const low = X_LOW * gMax;
    for (let k = 0; k < length; k++) z[k] = pcmNu(g[c0 + k]!, gMax, high, low, z[k]!, scale);
  } else
    for (let k = 0; k < length; k++) {
      const m = gMax[c0 + k]!;
      z[k] = pcmNu(g[c0 + k]!, m, X_HIGH * m, X_LOW * m, z[k]!, scale);
    }
  if (stuck !== null) for (let k = 0; k < length; k++) if (stuck[c0 + k] === 1) z[k] = 0;
}

/** True when ν drawn from `rng` can be drawn again from its saved state (a generator of this package's createRng). */
export function canRedraw(rng: Rng): boolean {
  return Object.getPrototypeOf(rng) === XOSHIRO_PROTOTYPE;
}

const XOSHIRO_PROTOTYPE = Object.getPrototypeOf(createRng(0)) as object;

/**
 * Draws ν again chunk by chunk from the start's generator state (the same `normalChunk` stream) and calls
 * `visit(c0, ν, length)` per chunk (ν = 0 for the cells stuck when the clock started).
 */
export function forEachNu(
  recipe: NuRecipe,
  programmed: Float64Array,
  visit: (c0: number, nu: Float64Array, length: number) => void,
): void {
  const rng = createRng({ state: recipe.rngState });
  const n = programmed.length;
  for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) {
    const length = Math.min(NORMAL_CHUNK, n - c0);
    // The chunk of normals becomes the chunk of ν in place.
    const z = normalChunk(rng, length);
    nuChunk(z, c0, length, programmed, recipe, recipe.stuck);
    visit(c0, z, length);
  }
}
