// MODULES //

import {
  checkPositiveInteger,
  InvalidParameterError,
  type NumericArray,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
  ShapeMismatchError,
} from '@memsim/core';
import { checkVoltages } from './check-passive-input';

export { checkCrossbar };
import { buildPassiveCircuit, type PassiveCircuit } from './passive-circuit';
import { transferCircuits } from './transfer-circuit';
import {
  checkPassiveObject,
  PASSIVE_RULES,
  type PassiveOptions,
  passiveWiring,
  type ResolvedPassiveOptions,
} from './passive-options';
import { solveCircuitBatch } from './passive-solve-kernel';

import type { PassiveCrossbarLike } from '../array/crossbar-like';

// TYPES //

/**
 * Options of {@link passiveCurrents}: the wiring of every array (or tile) plus tile padding.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const options: PassiveCurrentsOptions = { sourceResistance: 5, lineResistance: 1, paddingConductance: 1e-3 };
 * passiveCurrents(new Crossbar({ model: VTEAM, rows: 2, cols: 2 }), [0.5, 1], 1, options);
 */
export interface PassiveCurrentsOptions extends PassiveOptions {
  /**
   * Conductance of the unused devices that fill a partial edge tile up to `tileShape` [S]. Default: none (a
   * partial tile is a smaller circuit). Caution: real tiles are always full size; set this to the conductance the
   * unused cells are left at (e.g. 1/rOff) to model the load they put on the lines.
   */
  paddingConductance?: number;
}

interface CacheEntry {
  version: number;
  byOptions: Map<string, PassiveCircuit[]>;
}

// MAIN //

const WHERE = 'passiveCurrents';
/** The rules of {@link PassiveCurrentsOptions}: the wiring plus the padding of partial edge tiles. */
const CURRENTS_SCHEMA = {
  ...PASSIVE_RULES,
  paddingConductance: option.optional(rule.nonNegative),
} satisfies OptionsSchema<PassiveCurrentsOptions>;
const cache = new WeakMap<object, CacheEntry>();

function checkCrossbar(crossbar: unknown): PassiveCrossbarLike {
  if (typeof crossbar !== 'object' || crossbar === null)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'crossbar',
      value: crossbar,
      expected: 'a crossbar { rows, cols, conductance, version, tileShape? }',
    });
  const x = crossbar as PassiveCrossbarLike;
  checkPositiveInteger(WHERE, 'crossbar.rows', x.rows);
  checkPositiveInteger(WHERE, 'crossbar.cols', x.cols);
  if (typeof x.version !== 'number' || Number.isNaN(x.version))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'crossbar.version',
      value: x.version,
      expected: 'a number',
    });
  if (!(x.conductance instanceof Float64Array))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'crossbar.conductance',
      value: x.conductance,
      expected: 'a Float64Array',
    });
  if (x.conductance.length !== x.rows * x.cols)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter: 'crossbar.conductance',
      expectedShape: [x.rows * x.cols],
      actualShape: [x.conductance.length],
      detail: `(rows × cols = ${x.rows} × ${x.cols})`,
    });
  if (x.tileShape !== undefined) {
    const t = x.tileShape;
    if (!Array.isArray(t) || t.length !== 2)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: 'crossbar.tileShape',
        value: t,
        expected: 'a pair [rows, cols] of positive integers',
      });
    checkPositiveInteger(WHERE, 'crossbar.tileShape[0]', t[0]);
    checkPositiveInteger(WHERE, 'crossbar.tileShape[1]', t[1]);
  }
  return x;
}

function checkConductances(g: Float64Array): void {
  for (let k = 0; k < g.length; k++) {
    const v = g[k]!;
    if (!(v >= 0 && v - v === 0))
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `crossbar.conductance[${k}]`,
        value: v,
        expected: 'a finite conductance >= 0 [S]',
      });
  }
}

/**
 * Builds one circuit per tile (row-major over tiles), each from its block of G (padded when asked). With resistive
 * lines a tile is built straight as its transfer matrix (port-Schur path: a fraction of the cost of one factor);
 * merged lines (zero line resistance) keep the factored chain solver.
 */
function buildTiles(
  x: PassiveCrossbarLike,
  options: ResolvedPassiveOptions,
  padding: number | undefined,
  built?: (circuit: PassiveCircuit) => void,
  threads = 1,
): PassiveCircuit[] {
  const [tr, tc] = x.tileShape ?? [x.rows, x.cols];
  const circuits: PassiveCircuit[] = [];
  const fast = options.wordLineResistance > 0 && options.bitLineResistance > 0;
  const blocks: { block: Float64Array; th: number; tw: number }[] = [];
  for (let r0 = 0; r0 < x.rows; r0 += tr) {
    for (let c0 = 0; c0 < x.cols; c0 += tc) {
      const h = Math.min(tr, x.rows - r0);
      const w = Math.min(tc, x.cols - c0);
      const th = padding === undefined ? h : tr;
      const tw = padding === undefined ? w : tc;
      const block = new Float64Array(th * tw).fill(padding ?? 0);
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++) block[i * tw + j] = x.conductance[(r0 + i) * x.cols + c0 + j]!;
      if (!fast) {
        const circuit = buildPassiveCircuit(block, th, tw, options, WHERE, false);
        built?.(circuit);
        blocks.push({ block: new Float64Array(0), th, tw });
        circuits.push(circuit);
      } else blocks.push({ block, th, tw });
    }
  }
  if (!fast) return circuits;
  // Transfer-matrix tiles, grouped by shape (one shared plan each), built over the thread budget.
  const out: PassiveCircuit[] = new Array(blocks.length);
  const shapes = new Map<string, number[]>();
  blocks.forEach(({ th, tw }, k) => {
    const key = `${th}x${tw}`;
    const list = shapes.get(key);
    if (list === undefined) shapes.set(key, [k]);
    else list.push(k);
  });
  for (const list of shapes.values()) {
    const made = transferCircuits(
      list.map((k) => blocks[k]!.block),
      blocks[list[0]!]!.th,
      blocks[list[0]!]!.tw,
      options,
      WHERE,
      threads,
    );
    list.forEach((k, i) => {
      out[k] = made[i]!;
    });
  }
  for (const circuit of out) built?.(circuit);
  return out;
}

/**
 * Bit-line currents of a passive crossbar for a batch of word-line voltages (bit lines at 0 V): the `passive` MVM
 * mode of `@memsim/crossbar`. With `tileShape`, every tile is its own circuit driven by its slice of the inputs, and
 * the tiles' currents are summed across tile rows. Factors are computed once and cached per crossbar object; they
 * are dropped when `crossbar.version` changes (and kept per distinct wiring).
 *
 * @param crossbar - `{ rows, cols, conductance (rows × cols, ≥ 0) [S], version, tileShape? }`
 * @param voltages - batch × rows word-line voltages [V]
 * @param batch - number of input vectors
 * @param options - wiring [Ω] (`sourceResistance`, `lineResistance`, …) and `paddingConductance` [S]
 * @returns batch × cols currents [A]
 * @throws {InvalidParameterError} when the crossbar is malformed or holds a negative or non-finite conductance, a
 *   voltage is not finite, `batch` is not a positive integer, or a resistance is missing, negative or not finite
 * @throws {ShapeMismatchError} when `voltages` is not batch × rows or `conductance` not rows × cols
 * @example
 * passiveCurrents({ rows: 2, cols: 1, conductance: new Float64Array([1e-3, 1e-3]), version: 0 },
 *   new Float64Array([1, 1]), 1, { sourceResistance: 0, lineResistance: 0 }); // → Float64Array [0.002]
 */
export function passiveCurrents(
  crossbar: PassiveCrossbarLike,
  voltages: NumericArray,
  batch: number,
  options: PassiveCurrentsOptions,
): Float64Array {
  const x = checkCrossbar(crossbar);
  checkPositiveInteger(WHERE, 'batch', batch);
  const v = checkVoltages(
    WHERE,
    'voltages',
    voltages,
    [batch, x.rows],
    `(batch × rows = ${batch} × ${x.rows}; rows = word lines = inputs)`,
  );
  const circuits = tileCircuits(x, options);
  return solveTiles(x, circuits, v, batch);
}

/**
 * The factorised circuit of every tile (row-major over tiles) of a checked crossbar for `options`, built once and
 * cached per crossbar object, wiring and `version` (a write bumps the version, so a cache is never stale). `built`
 * sees each freshly built circuit (the transfer builder turns a factor into T before the next tile is factorised,
 * so only one factor is alive at a time). Transfer-matrix tiles are built over `threads` threads (bit-identical for
 * any count).
 */
export function tileCircuits(
  x: PassiveCrossbarLike,
  options: PassiveCurrentsOptions,
  built?: (circuit: PassiveCircuit) => void,
  threads = 1,
): PassiveCircuit[] {
  checkPassiveObject(WHERE, options);
  const o = resolveOptions(WHERE, options, CURRENTS_SCHEMA);
  const resolved = passiveWiring(o);
  const padding = o.paddingConductance;
  const key = `${resolved.sourceResistance}|${resolved.wordLineResistance}|${resolved.bitLineResistance}|${resolved.accessResistance}|${padding}|${x.tileShape?.join('x') ?? ''}`;
  let entry = cache.get(x);
  if (entry === undefined || entry.version !== x.version) {
    entry = { version: x.version, byOptions: new Map() };
    cache.set(x, entry);
  }
  let circuits = entry.byOptions.get(key);
  if (circuits === undefined) {
    checkConductances(x.conductance);
    circuits = buildTiles(x, resolved, padding, built, threads);
    entry.byOptions.set(key, circuits);
  }
  return circuits;
}

/** Bit-line currents of every tile for `batch` voltage vectors (rows × batch), summed over tile rows. */
function solveTiles(x: PassiveCrossbarLike, circuits: PassiveCircuit[], v: NumericArray, batch: number): Float64Array {
  const [tr, tc] = x.tileShape ?? [x.rows, x.cols];
  const out = new Float64Array(batch * x.cols);
  const tileCols = Math.ceil(x.cols / tc);
  for (let t = 0; t < circuits.length; t++) {
    const circuit = circuits[t]!;
    const r0 = Math.floor(t / tileCols) * tr;
    const c0 = (t % tileCols) * tc;
    const h = Math.min(tr, x.rows - r0);
    const w = Math.min(tc, x.cols - c0);
    if (circuit.rows === h && circuit.cols === w) {
      solveCircuitBatch(circuit, batch, {
        wordLines: v,
        wordStride: x.rows,
        wordOffset: r0,
        bitLines: null,
        bitStride: 0,
        out,
        outStride: x.cols,
        outOffset: c0,
      });
    } else {
      // A padded edge tile: zero volts on the unused word lines, currents of the unused bit lines dropped.
      const padded = new Float64Array(batch * circuit.rows);
      for (let b = 0; b < batch; b++)
        for (let i = 0; i < h; i++) padded[b * circuit.rows + i] = v[b * x.rows + r0 + i]!;
      const partial = new Float64Array(batch * circuit.cols);
      solveCircuitBatch(circuit, batch, {
        wordLines: padded,
        wordStride: circuit.rows,
        wordOffset: 0,
        bitLines: null,
        bitStride: 0,
        out: partial,
        outStride: circuit.cols,
        outOffset: 0,
      });
      for (let b = 0; b < batch; b++)
        for (let j = 0; j < w; j++) out[b * x.cols + c0 + j]! += partial[b * circuit.cols + j]!;
    }
  }
  return out;
}
