import * as tf from '@tensorflow/tfjs';
import { checkBoolean, checkKnownKeys, checkOneOf, InvalidParameterError } from '@memsim/core';

/** TensorFlow.js backends memsim sets up. */
export type BackendName = 'wasm' | 'cpu';

/** Runtime list of {@link BackendName}. */
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze(['wasm', 'cpu']);

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Preferred backend. @default 'wasm' (XNNPACK, SIMD where available: ~35× the plain-JS `cpu` backend). */
  backend?: BackendName;
  /**
   * Directory (or URL prefix, ending in `/`) holding `tfjs-backend-wasm*.wasm`. In Node it is resolved from the
   * installed `@tensorflow/tfjs-backend-wasm` package when omitted; in a browser omit it to load the files from the
   * CDN default of tfjs, or point it at your own copy.
   */
  wasmPaths?: string;
  /** Fall back to the `cpu` backend when `wasm` cannot start. @default true */
  fallback?: boolean;
}

/** Defaults of {@link initBackend}. */
export const DEFAULT_INIT_BACKEND_OPTIONS: Readonly<Required<Omit<InitBackendOptions, 'wasmPaths'>>> = Object.freeze({
  backend: 'wasm',
  fallback: true,
});

const WHERE = 'initBackend';
let wasmPathsSet = false;

/**
 * Importing `@tensorflow/tfjs-backend-wasm` registers the 'wasm' backend with the highest priority, which would make
 * tfjs pick it (uninitialised) for the next tensor a user creates. So the module is imported here, lazily, and only
 * when a caller asks for the wasm backend: importing `@memsim/layers` leaves the global backend alone.
 */
let wasmModule: Promise<typeof import('@tensorflow/tfjs-backend-wasm')> | undefined;
function loadWasmBackend(): Promise<typeof import('@tensorflow/tfjs-backend-wasm')> {
  wasmModule ??= import('@tensorflow/tfjs-backend-wasm');
  return wasmModule;
}

interface NodeModuleBuiltin {
  createRequire(path: string): { resolve(id: string): string };
}

/** The directory of the installed wasm binaries in Node, found without importing a Node module. */
function nodeWasmDirectory(): string | undefined {
  const proc = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } } }
  ).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
  const moduleBuiltin = proc.getBuiltinModule('module') as NodeModuleBuiltin | undefined;
  if (!moduleBuiltin) return undefined;
  try {
    const file = moduleBuiltin
      .createRequire(import.meta.url)
      .resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    return file.slice(0, file.lastIndexOf('/') + 1);
  } catch {
    return undefined;
  }
}

/**
 * Sets up TensorFlow.js for memsim: the WebAssembly backend (SIMD, no tfjs-node needed) with its `.wasm` files
 * located for you in Node, falling back to the plain-JS `cpu` backend. Idempotent: a second call with the same
 * backend returns at once.
 *
 * @param options - see {@link InitBackendOptions}.
 * @returns the backend now active.
 * @throws {InvalidParameterError} when an option is unknown or invalid, or when `wasm` fails and `fallback` is false.
 * @example
 * await initBackend(); // → 'wasm'
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  checkKnownKeys(WHERE, options, ['backend', 'wasmPaths', 'fallback']);
  const backend = checkOneOf(WHERE, 'backend', options.backend ?? DEFAULT_INIT_BACKEND_OPTIONS.backend, BACKEND_NAMES);
  const fallback = checkBoolean(WHERE, 'fallback', options.fallback ?? DEFAULT_INIT_BACKEND_OPTIONS.fallback);
  if (options.wasmPaths !== undefined && (typeof options.wasmPaths !== 'string' || options.wasmPaths.length === 0))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'wasmPaths',
      value: options.wasmPaths,
      expected: 'a non-empty directory or URL prefix',
    });
  if (tf.getBackend() === backend) return backend;
  if (backend === 'wasm') {
    try {
      const { setWasmPaths } = await loadWasmBackend();
      if (!wasmPathsSet) {
        const dir = options.wasmPaths ?? nodeWasmDirectory();
        if (dir !== undefined) setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
        wasmPathsSet = true;
      }
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch (error) {
      if (!fallback)
        throw new InvalidParameterError({
          where: WHERE,
          parameter: 'backend',
          value: backend,
          expected: `a backend that starts here (wasm failed: ${(error as Error).message})`,
        });
    }
    if (!fallback)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'backend',
        value: backend,
        expected: 'a backend that starts here',
      });
  }
  await tf.setBackend('cpu');
  await tf.ready();
  spendCpuBanner();
  return 'cpu';
}

/**
 * The cpu backend prints "install our node backend (tfjs-node)" on its first tensor write in Node; memsim runs without
 * tfjs-node by design (it cannot be installed on many machines), so the advice is noise: write one scalar with
 * console.warn muted so the banner is spent before any user code runs.
 */
function spendCpuBanner(): void {
  const warn = console.warn;
  console.warn = () => {};
  try {
    tf.scalar(0).dispose();
  } finally {
    console.warn = warn;
  }
}
