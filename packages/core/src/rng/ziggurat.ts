/** Base-strip edge R of the 256-layer ziggurat for the standard normal (Marsaglia & Tsang 2000). */
export const ZIGGURAT_R = 3.6541528853610088;
/** Area V of each of the 256 layers (Marsaglia & Tsang 2000). */
const ZIGGURAT_V = 0.00492867323399;

/** The layer tables of the ziggurat. */
export interface ZigguratLayers {
  /** Layer edges x[0..256]: x[0] = V/f(R) (the base strip's pseudo-width), x[1] = R, x[256] = 0. */
  readonly x: Float64Array;
  /** Inner rectangle ratios x[i+1]/x[i], i < 256 (a draw |u| below it is accepted without the density). */
  readonly ratio: Float64Array;
}

let LAYERS: ZigguratLayers | null = null;

/**
 * The 256-layer ziggurat tables (Doornik 2005, ZIGNOR), built once on first use and shared by every sampler: the
 * generator's `fillNormal`/`addNormal` and `@memsim/crossbar`'s read-noise kernel (whose WebAssembly copy of the
 * tables is filled from these). Callers must not modify them.
 */
export function zigguratLayers(): ZigguratLayers {
  if (LAYERS !== null) return LAYERS;
  const x = new Float64Array(257);
  const ratio = new Float64Array(256);
  let f = Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);
  x[0] = ZIGGURAT_V / f;
  x[1] = ZIGGURAT_R;
  for (let i = 2; i < 256; i++) {
    x[i] = Math.sqrt(-2 * Math.log(ZIGGURAT_V / x[i - 1]! + f));
    f = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  x[256] = 0;
  for (let i = 0; i < 256; i++) ratio[i] = x[i + 1]! / x[i]!;
  LAYERS = { x, ratio };
  return LAYERS;
}
