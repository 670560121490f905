import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { initWasm } from '@resvg/resvg-wasm';

/**
 * What {@link initPng} accepts for the resvg WebAssembly module: bytes, a URL, or (typed as `object` so the
 * declarations need neither the DOM lib nor Node's types) a `Response` or a compiled `WebAssembly.Module`.
 * @example
 * // (typechecked, not run: a browser page, where the bundler gives the wasm file's URL)
 * const wasm: ResvgWasmSource = new URL('/assets/index_bg.wasm', 'https://example.org');
 * const fonts = [new Uint8Array(await (await fetch('/assets/DejaVuSans.ttf')).arrayBuffer())];
 * await initPng({ wasm, fonts });
 */
export type ResvgWasmSource = ArrayBuffer | ArrayBufferView | URL | string | object;

/**
 * Options of {@link initPng}.
 *
 * @example
 * // Node reads both by itself; a browser passes the wasm URL its bundler gives and the font bytes.
 * const options: InitPngOptions = {};
 * await initPng(options);
 */
export interface InitPngOptions {
  /**
   * The `@resvg/resvg-wasm/index_bg.wasm` file (bytes, URL, Response or compiled module). In Node it is read from
   * the installed package when omitted; in a browser pass the URL your bundler gives for that file.
   */
  wasm?: ResvgWasmSource;
  /**
   * TrueType/OpenType font files used for all text (resvg-wasm sees no system fonts). In Node DejaVu Sans and DejaVu
   * Sans Bold are read from the `dejavu-fonts-ttf` package when omitted; in a browser pass their bytes (e.g. fetched
   * from `dejavu-fonts-ttf/ttf/DejaVuSans.ttf` through your bundler).
   */
  fonts?: readonly Uint8Array[];
}

// `wasm` is checked by resvg's own loader (it takes several kinds of source).
const OPTIONS_SCHEMA = {
  wasm: option.optional(rule.any<ResvgWasmSource>()),
  fonts: option.optional<readonly Uint8Array[]>((where, parameter, value) => {
    if (!Array.isArray(value) || value.length === 0 || !value.every((f) => f instanceof Uint8Array))
      throw new InvalidParameterError({ where, parameter, value, expected: 'a non-empty array of TTF/OTF file bytes' });
    return value;
  }),
} satisfies OptionsSchema<InitPngOptions>;

interface NodeBuiltins {
  createRequire(path: string): { resolve(id: string): string };
}
interface NodeFs {
  readFileSync(path: string): Uint8Array;
}

/** Font files read in Node when none are given (the family of the PNGs memsim rendered with system fonts before). */
const NODE_FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'];

let ready: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

/** Reads files of installed packages in Node, without importing a Node module (keeps the entry browser-safe). */
function nodeReader(): ((id: string) => Uint8Array) | undefined {
  const proc = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } } }
  ).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
  const moduleBuiltin = proc.getBuiltinModule('module') as NodeBuiltins | undefined;
  const fs = proc.getBuiltinModule('fs') as NodeFs | undefined;
  if (!moduleBuiltin || !fs) return undefined;
  const require = moduleBuiltin.createRequire(import.meta.url);
  return (id) => new Uint8Array(fs.readFileSync(require.resolve(id)));
}

/**
 * Loads the resvg WebAssembly module and the fonts once, so {@link renderPng} can run. Idempotent (later calls return
 * the first call's promise and ignore their options). Node needs no options; a browser passes `wasm` and `fonts`.
 *
 * @throws {InvalidParameterError} when an option is unknown, `wasm` or `fonts` are missing outside Node, or `fonts`
 *   is not a non-empty array of Uint8Array.
 * @example
 * await initPng(); // Node: finds resvg's wasm and the DejaVu fonts itself; a browser passes { wasm, fonts }
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';
 * const png = renderPng(svg); // → Uint8Array (PNG)
 */
export function initPng(options: InitPngOptions = {}): Promise<void> {
  ready ??= (async () => {
    const o = resolveOptions('initPng', options, OPTIONS_SCHEMA);
    const read = nodeReader();
    if (read === undefined && (o.wasm === undefined || o.fonts === undefined))
      throw new InvalidParameterError({
        where: 'initPng',
        parameter: o.wasm === undefined ? 'wasm' : 'fonts',
        value: undefined,
        expected:
          'given outside Node (the URL of @resvg/resvg-wasm/index_bg.wasm; TTF bytes, e.g. dejavu-fonts-ttf/ttf/DejaVuSans.ttf)',
      });
    const wasm = o.wasm ?? read!('@resvg/resvg-wasm/index_bg.wasm');
    const files = o.fonts !== undefined ? [...o.fonts] : NODE_FONT_FILES.map((id) => read!(id));
    await initWasm(wasm as Parameters<typeof initWasm>[0]);
    fonts = files;
  })().catch((error: unknown) => {
    ready = undefined; // let a corrected call try again
    throw error;
  });
  return ready;
}

/** The fonts loaded by {@link initPng}, or undefined before it finished. */
export function loadedFonts(): Uint8Array[] | undefined {
  return fonts;
}
