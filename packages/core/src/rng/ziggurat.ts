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

/** The layer tables of a ziggurat with any number of layers, with its base-strip edge R and layer area V. */
export interface ZigguratLayerSet extends ZigguratLayers {
  /** Base-strip edge R = x[1] (beyond it: the tail). */
  readonly r: number;
  /** Area V of every layer (of the unnormalised density exp(−x²/2)). */
  readonly v: number;
}

/** ∫_r^∞ exp(−t²/2) dt by Laplace's continued fraction exp(−r²/2)/(r + 1/(r + 2/(r + 3/(r + …)))) (r ≥ 2). */
function normalTail(r: number): number {
  let d = r;
  for (let k = 400; k >= 1; k--) d = r + k / d;
  return Math.exp(-0.5 * r * r) / d;
}

/** Top-layer area minus V for edge r (negative: r too small, the layers reach the top before the last one). */
function closure(r: number, count: number): number {
  const v = r * Math.exp(-0.5 * r * r) + normalTail(r);
  let x = r;
  for (let i = 1; i < count - 1; i++) {
    const level = v / x + Math.exp(-0.5 * x * x);
    if (level >= 1) return -1;
    x = Math.sqrt(-2 * Math.log(level));
  }
  return x * (1 - Math.exp(-0.5 * x * x)) - v;
}

const SETS = new Map<number, ZigguratLayerSet>();

/**
 * Ziggurat tables for `count` layers (Marsaglia & Tsang 2000): R solved by bisection so that the top layer closes
 * (its area is V, like every other), V = R·f(R) + ∫_R^∞ f; for 256 layers this gives the published R. Why more
 * layers: a draw outside a layer's inner rectangle (the wedge or the tail) costs a density evaluation and a branch
 * miss; 1024 layers reject ≈ 4× fewer draws than 256 for a 16 KiB table (`@memsim/crossbar`'s read noise). Built
 * once per count; callers must not modify them.
 */
export function zigguratLayersFor(count: number): ZigguratLayerSet {
  const cached = SETS.get(count);
  if (cached !== undefined) return cached;
  let lo = 2;
  let hi = 6;
  for (let k = 0; k < 200 && hi - lo > 0; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (closure(mid, count) < 0) lo = mid;
    else hi = mid;
  }
  const r = hi;
  const v = r * Math.exp(-0.5 * r * r) + normalTail(r);
  const x = new Float64Array(count + 1);
  const ratio = new Float64Array(count);
  x[0] = v / Math.exp(-0.5 * r * r);
  x[1] = r;
  for (let i = 2; i < count; i++) x[i] = Math.sqrt(-2 * Math.log(v / x[i - 1]! + Math.exp(-0.5 * x[i - 1]! ** 2)));
  x[count] = 0;
  for (let i = 0; i < count; i++) ratio[i] = x[i + 1]! / x[i]!;
  const set = { x, ratio, r, v };
  SETS.set(count, set);
  return set;
}
