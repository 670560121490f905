// MODULES //

import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';

// TYPES //

/**
 * A digital per-output-column epilogue of a read-out: each output y of column c becomes
 * `f32(scale[c] · y + shift[c])` (float64 arithmetic, rounded once), then 0 where that is negative when `relu` is set;
 * with `pre`, y is first replaced by `f32(pre.scale[c] · y + pre.shift[c])` (an output calibration, rounded on its
 * own as a separate pass would round it). A layer's calibration, bias, ReLU and a following inference batch
 * normalisation are all of this form, so {@link mvmConv} applies them inside its kernel, on each thread's own output
 * rows, instead of in serial passes afterwards.
 *
 * @example
 * // bias 0.5 then ReLU on 2 columns: y ↦ max(y + 0.5, 0)
 * const epilogue: OutputEpilogue = { scale: Float64Array.of(1, 1), shift: Float64Array.of(0.5, 0.5), relu: true };
 */
export interface OutputEpilogue {
  /** Multiplier per output column (finite). */
  readonly scale: Float64Array;
  /** Offset per output column (finite), added after the multiplication. */
  readonly shift: Float64Array;
  /** Clamp negative results to 0 (a ReLU). */
  readonly relu: boolean;
  /** A first affine stage (finite, one value per column each), rounded to float32 before the main one. @default none */
  readonly pre?: { readonly scale: Float64Array; readonly shift: Float64Array };
}

// MAIN //

/**
 * Checks an {@link OutputEpilogue} for `cols` output columns: Float64Array scale and shift of length `cols`, finite,
 * and a boolean `relu`.
 *
 * @throws {InvalidParameterError} naming `where` and `parameter` on a wrong kind or a non-finite value.
 * @throws {ShapeMismatchError} when scale or shift does not hold one value per column.
 */
export function checkOutputEpilogue(where: string, parameter: string, value: unknown, cols: number): OutputEpilogue {
  if (typeof value !== 'object' || value === null)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an OutputEpilogue { scale, shift, relu }',
    });
  const e = value as OutputEpilogue;
  checkColumns(where, parameter, e, cols);
  if (e.pre !== undefined) {
    if (typeof e.pre !== 'object' || e.pre === null)
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}.pre`,
        value: e.pre,
        expected: 'omitted or { scale, shift }',
      });
    checkColumns(where, `${parameter}.pre`, e.pre, cols);
  }
  if (typeof e.relu !== 'boolean')
    throw new InvalidParameterError({ where, parameter: `${parameter}.relu`, value: e.relu, expected: 'a boolean' });
  return e;
}

/** Checks `scale` and `shift` of `value`: Float64Arrays of `cols` finite values. */
function checkColumns(
  where: string,
  parameter: string,
  value: { readonly scale: unknown; readonly shift: unknown },
  cols: number,
): void {
  for (const key of ['scale', 'shift'] as const) {
    const a = value[key];
    if (!(a instanceof Float64Array))
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}.${key}`,
        value: a,
        expected: 'a Float64Array',
      });
    if (a.length !== cols)
      throw new ShapeMismatchError({
        where,
        parameter: `${parameter}.${key}`,
        expectedShape: [cols],
        actualShape: [a.length],
        detail: '(one value per output column)',
      });
    const bad = a.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0)
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}.${key}[${bad}]`,
        value: a[bad],
        expected: 'a finite number',
      });
  }
}

/**
 * Applies an {@link OutputEpilogue} in place to `out` (rows × `cols`, row-major): the arithmetic of the WebAssembly
 * kernel's epilogue (asm/gemm.ts `scaleOutputs`), so a read-out that cannot run the fused kernel gives the same bits.
 * Kernel: no checks (`epilogue` checked for `cols`, `out.length` a multiple of `cols`).
 *
 * @example
 * const out = Float32Array.of(-1, 2, 0.25, -4);
 * applyOutputEpilogue(out, 2, { scale: Float64Array.of(2, 1), shift: Float64Array.of(1, 0), relu: true });
 * out; // → Float32Array [0, 2, 1.5, 0]
 */
export function applyOutputEpilogue(out: Float32Array, cols: number, epilogue: OutputEpilogue): Float32Array {
  const { scale, shift, relu, pre } = epilogue;
  for (let p = 0; p < out.length; p += cols)
    for (let c = 0; c < cols; c++) {
      const u = pre === undefined ? out[p + c]! : Math.fround(pre.scale[c]! * out[p + c]! + pre.shift[c]!);
      const e = Math.fround(scale[c]! * u + shift[c]!);
      out[p + c] = relu && e < 0 ? 0 : e;
    }
  return out;
}
