// MODULES //

import { base64ToBytes } from '@memsim/core';
import type { PortSchurPlan } from './port-schur-plan';
import { PORT_SCHUR_WASM_BASE64 } from './port-schur-wasm-bytes';

// TYPES //

interface Exports {
  factorFronts(...pointers: number[]): number;
  lowerInverseGram(l: number, x: number, y: number, p: number): void;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** A plan's arrays and workspaces in their own WebAssembly memory, with the two kernels. */
interface PortSchurWasm {
  /** Loads the matrix values, runs the multifrontal loop and the port inverse: −1 (done) or the failing column. */
  run(values: Float64Array): number;
  /** (A⁻¹)_PP after `run` (lower, col-major, p × p); a view, valid until the next run. */
  readonly inverse: Float64Array;
}

// MAIN //

const PAGE = 65536;
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
// Not named `module`: a bundle run inside a CommonJS-style wrapper (vitest) would see the wrapper's `module`
// object through a top-level `var module` (a redeclared parameter keeps its value).
let portSchurCompiled: object | null | undefined;
const instances = new WeakMap<PortSchurPlan, PortSchurWasm | null>();

function compiled(): object | null {
  if (portSchurCompiled === undefined) {
    try {
      portSchurCompiled = wasm === undefined ? null : new wasm.Module(base64ToBytes(PORT_SCHUR_WASM_BASE64));
    } catch {
      portSchurCompiled = null;
    }
  }
  return portSchurCompiled;
}

/**
 * The WebAssembly SIMD kernels bound to `plan` (instantiated once per plan and thread), or null when WebAssembly SIMD
 * is unavailable or the memory cannot be allocated; the caller then runs the same operations in TypeScript.
 */
export function portSchurWasm(plan: PortSchurPlan): PortSchurWasm | null {
  let hit = instances.get(plan);
  if (hit === undefined) {
    hit = instantiate(plan);
    instances.set(plan, hit);
  }
  return hit;
}

/** Where a plan's arrays and workspaces sit in a kernel memory (byte offsets), and the memory's size in pages. */
export interface PortSchurLayout {
  readonly values: number;
  readonly ints: { readonly data: Int32Array; readonly at: number }[];
  readonly front: number;
  readonly stack: number;
  readonly blockAt: number;
  readonly blockOf: number;
  readonly x: number;
  readonly y: number;
  readonly pages: number;
  /** factorFronts arguments after the data is in place. */
  readonly args: number[];
}

/** The memory layout of `plan` (shared by the caller's and the worker threads' instances). */
export function portSchurLayout(plan: PortSchurPlan): PortSchurLayout {
  const S = plan.superFirst.length;
  const p = plan.ports;
  let o = PAGE;
  const take = (bytes: number): number => {
    const at = o;
    o += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const values = take(plan.constValues.length * 8);
  const ints = [
    plan.superFirst,
    plan.superColumns,
    plan.superFront,
    plan.superChildren,
    plan.updateStart,
    plan.updateTarget,
    plan.scatterStart,
    plan.scatterValue,
    plan.scatterOffset,
  ].map((data) => ({ data, at: take(data.length * 4) }));
  const front = take(plan.maxFront * plan.maxFront * 8);
  const stack = take(plan.maxStack * 8);
  const blockAt = take(S * 4);
  const blockOf = take(S * 4);
  const x = take(p * p * 8);
  const y = take(p * p * 8);
  const args = [plan.unknowns, S, values, ...ints.map((e) => e.at), front, stack, blockAt, blockOf];
  return { values, ints, front, stack, blockAt, blockOf, x, y, pages: Math.ceil(o / PAGE), args };
}

/** The compiled kernel module (null without WebAssembly SIMD). */
export function portSchurModule(): object | null {
  return compiled();
}

function instantiate(plan: PortSchurPlan): PortSchurWasm | null {
  const m = compiled();
  if (m === null || wasm === undefined) return null;
  const p = plan.ports;
  const layout = portSchurLayout(plan);
  try {
    const memory = new wasm.Memory({ initial: layout.pages });
    const exports = new wasm.Instance(m, { env: { memory } }).exports as unknown as Exports;
    const buffer = memory.buffer;
    for (const { data, at } of layout.ints) new Int32Array(buffer, at, data.length).set(data);
    const valueView = new Float64Array(buffer, layout.values, plan.constValues.length);
    const { front, x, y, args } = layout;
    return {
      inverse: new Float64Array(buffer, y, p * p),
      run(v: Float64Array): number {
        valueView.set(v);
        const failed = exports.factorFronts(...args);
        if (failed >= 0) return failed;
        exports.lowerInverseGram(front, x, y, p);
        return -1;
      },
    };
  } catch {
    return null;
  }
}
