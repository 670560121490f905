// MODULES //

import { InvalidParameterError, option, resolveOptions, rule, ShapeMismatchError } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { checkFiniteOutput } from '../internal/check-finite-output';
import { GEMM_BACKENDS, type GemmBackend } from './gemm-backend';
import { gemmKernel } from './gemm-kernel';
import { gemmTsKernel } from './gemm-ts-kernel';
import { wasmGemmAvailable } from './gemm-wasm';

// TYPES //

/**
 * Sizes of a {@link gemm} product: `a` is m×k, `b` is k×n, the result m×n.
 *
 * @example
 * const shape: GemmShape = { m: 1, k: 2, n: 1 };
 * gemm(new Float32Array([1, 2]), new Float32Array([3, 4]), shape); // → Float32Array [11]
 */
export interface GemmShape {
  /** Rows of `a` and of the result. */
  m: number;
  /** Columns of `a` = rows of `b`. */
  k: number;
  /** Columns of `b` and of the result. */
  n: number;
}

/**
 * Options of {@link gemm}.
 *
 * @example
 * const out = new Float32Array(1);
 * const options: GemmOptions = { out, backend: 'ts', threads: 1 };
 * gemm(new Float32Array([1, 2]), new Float32Array([3, 4]), { m: 1, k: 2, n: 1 }, options); // → out, Float32Array [11]
 */
export interface GemmOptions {
  /** An m×n array to write into (overwritten, returned); must not share memory with `a` or `b`. @default a new one */
  out?: Float32Array;
  /**
   * Force one implementation. Default: the fastest available ({@link gemmBackend}).
   * Caution: `'wasm'` throws when this runtime has no WebAssembly SIMD.
   */
  backend?: GemmBackend;
  /**
   * Threads to split a large product over (the caller plus `threads − 1` Node worker threads sharing one
   * WebAssembly memory). Default 1. Used by the wasm backend for products of at least 2²⁴ flops, in Node only;
   * elsewhere, for small products and on the ts backend the product runs on the calling thread. Results do not
   * depend on it (each output is still summed by one thread in the same order).
   * Caution: on a busy machine more threads can be slower; the caller blocks (Atomics.wait) until all finish.
   */
  threads?: number;
}

/**
 * Defaults of {@link GemmOptions}.
 *
 * @example
 * DEFAULT_GEMM_OPTIONS.threads; // → 1
 */
export const DEFAULT_GEMM_OPTIONS: Readonly<{ threads: number }> = Object.freeze({ threads: 1 });

// MAIN //

const WHERE = 'gemm';
/** Most threads accepted. */
const MAX_THREADS = 64;
/** The rules of {@link GemmShape}: exact sizes (≤ 2^53 − 1). */
const SHAPE_SCHEMA = {
  m: option.requiredByRule(rule.positiveInteger),
  k: option.requiredByRule(rule.positiveInteger),
  n: option.requiredByRule(rule.positiveInteger),
} satisfies OptionsSchema<GemmShape>;
/** The rules of {@link GemmOptions}; `out` is checked against the shape and operands below. */
const SCHEMA = {
  out: option.optional(rule.any<Float32Array>()),
  backend: option.optional(rule.oneOf(GEMM_BACKENDS)),
  threads: option.withDefault(rule.integerRange(1, MAX_THREADS), DEFAULT_GEMM_OPTIONS.threads),
} satisfies OptionsSchema<GemmOptions>;

/**
 * Which backend {@link gemm} uses when none is forced: `'wasm'` where WebAssembly SIMD compiles (Node ≥ 20, current
 * browsers), `'ts'` elsewhere. Both give bit-identical results.
 *
 * @example
 * gemmBackend(); // → 'wasm'
 */
export function gemmBackend(): GemmBackend {
  return wasmGemmAvailable() ? 'wasm' : 'ts';
}

function checkOperand(parameter: string, value: unknown, length: number, shape: [number, number]): Float32Array {
  if (!(value instanceof Float32Array))
    throw new InvalidParameterError({ where: WHERE, parameter, value, expected: 'a Float32Array' });
  if (value.length !== length)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter,
      expectedShape: [length],
      actualShape: [value.length],
      detail: `(${shape[0]}×${shape[1]} row-major)`,
    });
  for (let i = 0; i < length; i++) {
    const v = value[i]!;
    // NaN and ±Infinity fail v − v === 0.
    if (v - v !== 0)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `${parameter}[${i}]`,
        value: v,
        expected: 'a finite number',
      });
  }
  return value;
}

/**
 * The one fast GEMM of memsim: `out = a·b` in float32, row-major, with `a` m×k and `b` k×n. Every MVM mode of
 * `@memsim/crossbar` multiplies through it.
 *
 * Each output is the float32 sum of its k products taken in order 0…k−1 (no FMA), so the WebAssembly SIMD and the
 * TypeScript backends return bit-identical arrays.
 *
 * @param a - left operand, m×k row-major (not modified)
 * @param b - right operand, k×n row-major (not modified)
 * @param shape - `{ m, k, n }`: `a` is m×k, `b` k×n, the result m×n (see {@link GemmShape})
 * @param options - `{ out, backend, threads }`: write into `out`; force `'wasm'` or `'ts'`; split large products over
 *   worker threads (see {@link GemmOptions})
 * @returns `options.out`, or a new Float32Array(m·n)
 * @throws {InvalidParameterError} when `shape` is not `{ m, k, n }` of positive integers, an operand is not a Float32Array or holds
 *   NaN/Infinity, `out` is not a Float32Array or shares memory with an operand, `backend` is unknown or unavailable, or
 *   `threads` is not an integer in [1, 64]
 * @throws {ShapeMismatchError} when `a`, `b` or `out` does not have m·k, k·n or m·n entries
 * @example
 * gemm(new Float32Array([1, 2]), new Float32Array([3, 4]), { m: 1, k: 2, n: 1 }); // → Float32Array [11]
 */
export function gemm(a: Float32Array, b: Float32Array, shape: GemmShape, options?: GemmOptions): Float32Array {
  if (typeof shape !== 'object' || shape === null || Array.isArray(shape))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'shape',
      value: shape,
      expected: 'an object { m, k, n }',
    });
  const { m, k, n } = resolveOptions(WHERE, shape, SHAPE_SCHEMA, 'shape');
  checkOperand('a', a, m * k, [m, k]);
  checkOperand('b', b, k * n, [k, n]);
  const o = resolveOptions(WHERE, options, SCHEMA);
  const backend = o.backend ?? gemmBackend();
  const { out, threads } = o;
  let result: Float32Array;
  if (out === undefined) result = new Float32Array(m * n);
  else {
    if (!(out instanceof Float32Array))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'options.out',
        value: out,
        expected: 'a Float32Array',
      });
    if (out.length !== m * n)
      throw new ShapeMismatchError({
        where: WHERE,
        parameter: 'options.out',
        expectedShape: [m * n],
        actualShape: [out.length],
        detail: `(${m}×${n})`,
      });
    if (overlaps(out, a) || overlaps(out, b))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'options.out',
        value: out,
        expected: 'an array that does not share memory with `a` or `b`',
      });
    result = out;
  }
  if (backend === 'wasm') {
    if (!wasmGemmAvailable())
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'backend',
        value: backend,
        expected: "'ts' in this runtime (it has no WebAssembly SIMD)",
      });
    // The checks are done: the kernel runs unchecked (wasm, or its bit-identical ts fallback when B alone does not
    // fit the wasm memory).
    gemmKernel(a, b, m, k, n, result, threads);
  } else gemmTsKernel(a, b, m, k, n, result);
  return checkFiniteOutput(WHERE, result, n);
}

function overlaps(x: Float32Array, y: Float32Array): boolean {
  if (x.buffer !== y.buffer) return false;
  const x0 = x.byteOffset;
  const y0 = y.byteOffset;
  return x0 < y0 + y.byteLength && y0 < x0 + x.byteLength;
}
