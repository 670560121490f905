import type { Crossbar } from '../array/crossbar';
import type { MappedCrossbars } from '../array/mapped-crossbars';
import { gemmKernel } from '../gemm/gemm-kernel';
import { passiveTransferThreads } from '../passive/passive-transfer';
import type { Converter } from './tiled-kernel';
import { tiledKernel } from './tiled-kernel';
import { tiledWasmKernel } from './tiled-wasm';
import { markStable } from './packed-operand';

/** Resistances of the passive mode (checked by `mvm`) [Ω]. */
export interface PassiveResistances {
  sourceResistance: number;
  lineResistance: number;
  wordLineResistance?: number;
  bitLineResistance?: number;
  accessResistance?: number;
}

const paddingCache = new WeakMap<Crossbar, { version: number; value: number | undefined }>();

/**
 * Mean conductance of the devices that pad partial edge tiles (they stay in HRS and load the lines), or undefined
 * when the crossbar has no padding. Cached per crossbar version.
 */
function paddingConductance(xbar: Crossbar): number | undefined {
  const hit = paddingCache.get(xbar);
  if (hit !== undefined && hit.version === xbar.version) return hit.value;
  let value: number | undefined;
  const slots = xbar.cellSlots();
  if (slots !== null && xbar.size > slots.length) {
    const pop = xbar.population;
    const all = new Float64Array(pop.size);
    pop.model.conductance(pop, all);
    const used = new Uint8Array(pop.size);
    for (let i = 0; i < slots.length; i++) used[slots[i]!] = 1;
    let sum = 0;
    for (let d = 0; d < pop.size; d++) if (used[d] === 0) sum += all[d]!;
    value = sum / (pop.size - slots.length);
  }
  paddingCache.set(xbar, { version: xbar.version, value });
  return value;
}

interface CachedMatrix {
  transfers: Float64Array[];
  gm: number | undefined;
  teff: Float32Array;
}

const effectiveCache = new WeakMap<MappedCrossbars, Map<string, CachedMatrix>>();

/**
 * The effective passive matrix in float32 (rows × cols): T⁺ − T⁻ (double-column), or T − g_m (single-column: the
 * ideal reference column draws g_m·Σv over the same word lines), from each array's transfer matrix, so that the
 * read-out currents of any tile rows are V·Teff over those rows. Cached until a transfer matrix is rebuilt (a
 * crossbar's version changed) or the wiring differs.
 */
export function effectivePassiveMatrix(
  t: MappedCrossbars,
  resistances: PassiveResistances,
  threads: number,
): Float32Array {
  const transfers = t.crossbars.map((xbar) => {
    const padding = paddingConductance(xbar);
    const options = padding === undefined ? resistances : { ...resistances, paddingConductance: padding };
    return passiveTransferThreads(xbar, options, threads);
  });
  const key = JSON.stringify(resistances);
  let byKey = effectiveCache.get(t);
  if (byKey === undefined) {
    byKey = new Map();
    effectiveCache.set(t, byKey);
  }
  const hit = byKey.get(key);
  const gm = t.referenceConductance;
  if (hit !== undefined && hit.gm === gm && hit.transfers.every((x, i) => x === transfers[i])) return hit.teff;
  const pos = transfers[0]!;
  const teff = new Float32Array(pos.length);
  if (t.scheme === 'double-column') {
    const neg = transfers[1]!;
    for (let i = 0; i < teff.length; i++) teff[i] = pos[i]! - neg[i]!;
  } else for (let i = 0; i < teff.length; i++) teff[i] = pos[i]! - gm!;
  byKey.set(key, { transfers, gm, teff });
  return markStable(teff);
}

/**
 * Passive mode: each crossbar is its own circuit (tiles as separate circuits, padded with their HRS devices; the
 * positive and negative arrays separately). For linear devices the bit-line currents are an exact linear map of the
 * word-line voltages, so each array's transfer matrix is built once per programmed state (`passiveTransfer`; its
 * tiles over `threads` threads) and the read-out is a GEMM with Teff = T⁺ − T⁻ (single-column: T − g_m, the ideal
 * reference column) through the tiled kernel, on `threads` threads (bit-identical for any count).
 *
 * The ADC sits where it sits in the other modes : on tiled crossbars each tile's partial currents are converted
 * (per input row, per tile column, zero-padded) before the digital sum over tile rows; untiled, once over the output.
 * Tiles are separate circuits, so a tile row's partials are the currents with every other word line at 0 V.
 */
export function passiveOutput(
  t: MappedCrossbars,
  v: Float32Array,
  batch: number,
  resistances: PassiveResistances,
  converter: Converter | null,
  threads = 1,
): Float32Array {
  const { rows, cols } = t;
  const teff = effectivePassiveMatrix(t, resistances, threads);
  const tile = t.crossbars[0]!.tileShape;
  const out = new Float32Array(batch * cols);
  if (converter !== null && tile !== undefined)
    return tiledKernel(v, batch, rows, cols, teff, tile[0], tile[1], converter, out, null, threads);
  // One tile without an ADC is the plain GEMM with A packed inside the kernel on every thread (as mode 'ideal'):
  // the same float32 sums in the same order as gemmKernel, which runs where the tiled kernel cannot.
  if (!tiledWasmKernel(v, batch, rows, cols, teff, rows, cols, 0, out, threads))
    gemmKernel(v, teff, batch, rows, cols, out, threads);
  return converter === null ? out : converter(out);
}
