import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';

/**
 * TensorFlow.js backends memsim sets up.
 *
 * @example
 * const backend: BackendName = await initBackend(); // → 'wasm' ('cpu' when wasm cannot start and fallback is on)
 */
export type BackendName = 'wasm' | 'cpu';

/**
 * Runtime list of {@link BackendName}.
 *
 * @example
 * BACKEND_NAMES; // → ['wasm', 'cpu']
 */
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze(['wasm', 'cpu']);

/**
 * The three binaries of `@tensorflow/tfjs-backend-wasm` (tfjs picks one by the browser's SIMD/thread support).
 *
 * @example
 * // A browser app serves the three binaries itself (here: from a CDN), one URL per file name.
 * const cdn = 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/';
 * const wasmPaths = Object.fromEntries(WASM_FILE_NAMES.map((file: WasmFileName) => [file, cdn + file])) as Record<WasmFileName, string>;
 * const options: InitBackendOptions = { wasmPaths }; // in a browser: await initBackend(options)
 */
export type WasmFileName =
  | 'tfjs-backend-wasm.wasm'
  | 'tfjs-backend-wasm-simd.wasm'
  | 'tfjs-backend-wasm-threaded-simd.wasm';

/**
 * Runtime list of {@link WasmFileName}: the keys a `wasmPaths` map must have.
 *
 * @example
 * WASM_FILE_NAMES.length; // → 3
 */
export const WASM_FILE_NAMES: readonly WasmFileName[] = Object.freeze([
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]);

/**
 * Options of {@link initBackend}.
 *
 * @example
 * const options: InitBackendOptions = { backend: 'wasm', fallback: true }; // the defaults; wasmPaths: found by Node
 * await initBackend(options); // → 'wasm'
 */
export interface InitBackendOptions {
  /** Preferred backend. @default 'wasm' (XNNPACK, SIMD where available: ~35× the plain-JS `cpu` backend). */
  backend?: BackendName;
  /**
   * Where the `tfjs-backend-wasm*.wasm` binaries are: a directory or URL prefix (ending in `/`), or a map from each of
   * the three {@link WASM_FILE_NAMES} to its URL (what a bundler's asset import gives, e.g. Vite's
   * `import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'`). In Node it is resolved
   * from the installed `@tensorflow/tfjs-backend-wasm` package when omitted.
   * Caution: in a browser, when omitted, tfjs fetches the files next to the page (`/tfjs-backend-wasm-simd.wasm`),
   * which a bundled app rarely serves: the start fails and, with `fallback`, the slow `cpu` backend is used (with a
   * `console.warn` that says so). Give a CDN prefix such as
   * `https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/` or your bundler's asset URLs.
   */
  wasmPaths?: string | Readonly<Record<WasmFileName, string>>;
  /** Fall back to the `cpu` backend when `wasm` cannot start. @default true */
  fallback?: boolean;
}

/**
 * Defaults of {@link initBackend}.
 *
 * @example
 * DEFAULT_INIT_BACKEND_OPTIONS; // → { backend: 'wasm', fallback: true }
 */
export const DEFAULT_INIT_BACKEND_OPTIONS: Readonly<Required<Omit<InitBackendOptions, 'wasmPaths'>>> = Object.freeze({
  backend: 'wasm',
  fallback: true,
});

const WHERE = 'initBackend';
let wasmPathsSet = false;
/** Where the binaries were looked for (fixed by the first wasm start: tfjs accepts `setWasmPaths` once). */
let appliedLocation: string | undefined;
/**
 * Why the wasm backend failed to start, once it has: tfjs then refuses new paths, and a retried `setBackend('wasm')`
 * reports success on a backend that never loaded its binary, so later calls reuse this cause instead of retrying.
 */
let wasmFailure: string | undefined;

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

/** The `wasmPaths` rule (an option check): a non-empty prefix, or a map naming exactly the shipped binaries. */
function checkWasmPaths(
  where: string,
  parameter: string,
  paths: unknown,
): NonNullable<InitBackendOptions['wasmPaths']> {
  const ok =
    typeof paths === 'string'
      ? paths.length > 0
      : typeof paths === 'object' &&
        paths !== null &&
        !Array.isArray(paths) &&
        Object.keys(paths).length === WASM_FILE_NAMES.length &&
        WASM_FILE_NAMES.every((name) => {
          const url = (paths as Record<string, unknown>)[name];
          return typeof url === 'string' && url.length > 0;
        });
  if (!ok)
    throw new InvalidParameterError({
      where,
      parameter,
      value: paths,
      expected: `a non-empty directory or URL prefix, or a map with exactly the URLs of ${WASM_FILE_NAMES.join(', ')}`,
    });
  return paths as NonNullable<InitBackendOptions['wasmPaths']>;
}

const INIT_BACKEND_SCHEMA = {
  backend: option.withDefault(rule.oneOf(BACKEND_NAMES), DEFAULT_INIT_BACKEND_OPTIONS.backend),
  wasmPaths: option.optional(checkWasmPaths),
  fallback: option.withDefault(rule.boolean, DEFAULT_INIT_BACKEND_OPTIONS.fallback),
} satisfies OptionsSchema<InitBackendOptions>;

/** Where tfjs will look for the binaries, for the fallback warning. */
function wasmLocation(paths: InitBackendOptions['wasmPaths']): string {
  if (typeof paths === 'string') return `under ${paths}`;
  if (paths !== undefined) return `at ${paths['tfjs-backend-wasm-simd.wasm']} (simd) and siblings`;
  return "next to the page (tfjs' default)";
}

/** The distinct lines tfjs and Emscripten logged, shortest first kept in order, capped so the warning stays readable. */
function summarize(warnings: readonly string[]): string {
  const lines = [...new Set(warnings.flatMap((w) => w.split('\n')).map((l) => l.trim()))].filter((l) => l !== '');
  const text = lines.join(' | ');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** Runs `body` while copying every console.warn into a list (still printed): tfjs reports start-up errors so. */
async function withWarningsRecorded<T>(body: (warnings: string[]) => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    original.apply(console, args);
  };
  try {
    return await body(warnings);
  } finally {
    console.warn = original;
  }
}

/** Starts the wasm backend; returns undefined when it runs, else the cause (also kept in `wasmFailure`). */
async function startWasm(options: InitBackendOptions): Promise<string | undefined> {
  try {
    const { setWasmPaths } = await loadWasmBackend();
    // memsim threads its own products (crossbar's pool; one backend per worker): in a cross-origin-isolated page tfjs
    // would pick its threaded wasm build, whose Emscripten pthread workers bundlers break ("e is not defined" under
    // vite). Keep the single-thread SIMD build everywhere (Node never had threads: no SharedArrayBuffer workers).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!wasmPathsSet) {
      const paths = options.wasmPaths ?? nodeWasmDirectory();
      if (typeof paths === 'string') setWasmPaths(paths.endsWith('/') ? paths : `${paths}/`);
      else if (paths !== undefined) setWasmPaths({ ...paths });
      wasmPathsSet = true;
      appliedLocation = wasmLocation(paths);
    }
    const started = await withWarningsRecorded((warnings) =>
      tf.setBackend('wasm').then((ok) => ({ ok, warnings: [...warnings] })),
    );
    if (started.ok) {
      await tf.ready();
      return undefined;
    }
    // tfjs swallows the start-up error and only logs it: keep what it logged as the cause.
    wasmFailure = summarize(started.warnings) || 'tf.setBackend("wasm") returned false';
  } catch (error) {
    wasmFailure = (error as Error).message;
  }
  return wasmFailure;
}

/**
 * Sets up TensorFlow.js for memsim: the WebAssembly backend (SIMD, no tfjs-node needed) with its `.wasm` files
 * located for you in Node, falling back to the plain-JS `cpu` backend. Idempotent: a second call with the same
 * backend returns at once.
 *
 * @param options - see {@link InitBackendOptions}.
 * @returns the backend now active.
 * @throws {InvalidParameterError} when an option is unknown or invalid, or when `wasm` fails and `fallback` is false.
 * A failed wasm start with `fallback` prints a `console.warn` naming the cause and the binaries' location.
 * @example
 * await initBackend(); // → 'wasm'
 * // In a browser: binaries from a CDN (or a map of your bundler's asset URLs, one per WASM_FILE_NAMES entry).
 * // await initBackend({ wasmPaths: 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/' });
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  const { backend, fallback } = resolveOptions(WHERE, options, INIT_BACKEND_SCHEMA);
  // After a failed wasm start tfjs may still name 'wasm' as its backend: trust the recorded failure instead.
  if (tf.getBackend() === backend && !(backend === 'wasm' && wasmFailure !== undefined)) return backend;
  if (backend === 'wasm') {
    const cause = wasmFailure !== undefined ? `an earlier start failed: ${wasmFailure}` : await startWasm(options);
    if (cause === undefined) return 'wasm';
    const where = appliedLocation ?? wasmLocation(options.wasmPaths);
    if (!fallback)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'backend',
        value: backend,
        expected: `a backend that starts here (wasm failed with binaries ${where}: ${cause})`,
      });
    // Loud on purpose: a silent fallback makes every layer ~35× slower with nothing to show why.
    console.warn(
      `${WHERE}: the wasm backend did not start (binaries ${where}): ${cause} — falling back to the plain-JS cpu ` +
        'backend (~35× slower). Pass `wasmPaths` (a URL prefix or your bundler’s asset URLs) to fix it, or ' +
        '`fallback: false` to make this an error.',
    );
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
