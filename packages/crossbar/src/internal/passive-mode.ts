import type { Crossbar } from '../crossbar/crossbar';
import type { MappedCrossbars } from '../crossbar/mapped-crossbars';
import { passiveCurrents } from '../passive/index';

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
 * Passive mode: each crossbar is solved as its own circuit (tiles as separate circuits, padded with their HRS devices;
 * the positive and negative arrays separately, never their difference) and the read-out currents are subtracted;
 * single-column subtracts an ideal reference column g_m·Σv.
 */
export function passiveOutput(
  t: MappedCrossbars,
  v: Float32Array,
  batch: number,
  resistances: PassiveResistances,
): Float32Array {
  const { rows, cols } = t;
  const volt = Float64Array.from(v);
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
    for (let k = 0; k < rows; k++) s += volt[b * rows + k]!;
    for (let c = 0; c < cols; c++) out[b * cols + c] = pos[b * cols + c]! - gm * s;
  }
  return out;
}
