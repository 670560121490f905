import type { Crossbar } from '../crossbar/crossbar';
import type { MappedCrossbars } from '../crossbar/mapped-crossbars';
import { passiveCurrents } from '../passive/index';
import type { Converter } from './tiled-kernel';

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

/** Bit-line currents of one crossbar [A], batch × cols. */
function currents(xbar: Crossbar, volt: Float64Array, batch: number, resistances: PassiveResistances): Float64Array {
  const padding = paddingConductance(xbar);
  return passiveCurrents(
    xbar,
    volt,
    batch,
    padding === undefined ? resistances : { ...resistances, paddingConductance: padding },
  );
}

/**
 * Read-out currents of the tile rows [r0, r1) of every array: G⁺ − G⁻ (double-column), or G − g_m·Σv over those word
 * lines (single-column reference column). `volt` must be zero outside [r0, r1) when that is a strict sub-range.
 */
function difference(
  t: MappedCrossbars,
  volt: Float64Array,
  batch: number,
  resistances: PassiveResistances,
  r0: number,
  r1: number,
): Float32Array {
  const { rows, cols } = t;
  const pos = currents(t.crossbars[0]!, volt, batch, resistances);
  const out = new Float32Array(batch * cols);
  if (t.scheme === 'double-column') {
    const neg = currents(t.crossbars[1]!, volt, batch, resistances);
    for (let i = 0; i < out.length; i++) out[i] = pos[i]! - neg[i]!;
    return out;
  }
  const gm = t.referenceConductance!;
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let k = r0; k < r1; k++) s += volt[b * rows + k]!;
    for (let c = 0; c < cols; c++) out[b * cols + c] = pos[b * cols + c]! - gm * s;
  }
  return out;
}

/**
 * Passive mode: each crossbar is solved as its own circuit (tiles as separate circuits, padded with their HRS devices;
 * the positive and negative arrays separately, never their difference) and the read-out currents are subtracted;
 * single-column subtracts an ideal reference column g_m·Σv.
 *
 * The ADC sits where it sits in the other modes (§5.5): on tiled crossbars each tile's partial currents are converted
 * (per input row, per tile column, zero-padded) before the digital sum over tile rows; untiled, once over the output.
 * Tiles are separate circuits, so a tile row's partials are the currents with every other word line at 0 V.
 */
export function passiveOutput(
  t: MappedCrossbars,
  v: Float32Array,
  batch: number,
  resistances: PassiveResistances,
  converter: Converter | null,
): Float32Array {
  const { rows, cols } = t;
  const volt = Float64Array.from(v);
  const tile = t.crossbars[0]!.tileShape;
  if (converter === null || tile === undefined) {
    const out = difference(t, volt, batch, resistances, 0, rows);
    return converter === null ? out : converter(out);
  }
  const [tr, tc] = tile;
  const out = new Float32Array(batch * cols);
  const seg = new Float32Array(tc);
  const converted = new Float32Array(tc);
  const masked = new Float64Array(volt.length);
  for (let r0 = 0; r0 < rows; r0 += tr) {
    const r1 = Math.min(rows, r0 + tr);
    masked.fill(0);
    for (let b = 0; b < batch; b++) masked.set(volt.subarray(b * rows + r0, b * rows + r1), b * rows + r0);
    const partial = difference(t, masked, batch, resistances, r0, r1);
    for (let b = 0; b < batch; b++) {
      for (let c0 = 0; c0 < cols; c0 += tc) {
        const width = Math.min(tc, cols - c0);
        seg.fill(0);
        seg.set(partial.subarray(b * cols + c0, b * cols + c0 + width));
        const q = converter(seg, converted);
        for (let c = 0; c < width; c++) out[b * cols + c0 + c] = out[b * cols + c0 + c]! + q[c]!;
      }
    }
  }
  return out;
}
