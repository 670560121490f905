import { at } from './define-model';
import { badVoltage, checkOut, checkVoltageCall, currentOverflow } from './kernel-utils';
import type { DevicePopulation } from '../population/device-population';

/**
 * The data-driven models' current law with the state stored as resistance R [Ω]:
 * I = aP·(1/R)·sinh(bP·v) for v > 0, aN·(1/R)·sinh(bN·v) for v ≤ 0.
 */
export function sinhCurrent(
  where: string,
  pop: DevicePopulation,
  voltage: number | Float64Array,
  out: Float64Array,
): void {
  checkVoltageCall(where, pop, voltage);
  checkOut(where, pop, out);
  const p = pop.params;
  const aP = p.aP!;
  const aN = p.aN!;
  const bP = p.bP!;
  const bN = p.bN!;
  const r = pop.state;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage(where, i, v);
    const g = 1 / r[i]!;
    const c = v > 0 ? at(aP, i) * g * Math.sinh(at(bP, i) * v) : at(aN, i) * g * Math.sinh(at(bN, i) * v);
    if (!(c - c === 0)) throw currentOverflow(where, i, v, c);
    out[i] = c;
  }
}

/** conductance = 1/R (MemTorch's `g` of the data-driven models). */
export function inverseResistance(where: string, pop: DevicePopulation, out: Float64Array): void {
  checkOut(where, pop, out);
  const r = pop.state;
  for (let i = 0; i < pop.size; i++) out[i] = 1 / r[i]!;
}

/** R = 1/g, clamped into [rOn, rOff] per device. */
export function setInverseResistance(where: string, pop: DevicePopulation, g: number | Float64Array): void {
  if (typeof g !== 'number') checkOut(where, pop, g, 'g');
  const rOn = pop.params.rOn!;
  const rOff = pop.params.rOff!;
  const r = pop.state;
  for (let i = 0; i < pop.size; i++) {
    const ri = 1 / (typeof g === 'number' ? g : g[i]!);
    const lo = at(rOn, i);
    const hi = at(rOff, i);
    r[i] = ri < lo ? lo : ri > hi ? hi : ri;
  }
}

/** R = rOn for every device (a fresh MemTorch device has g = 1/rOn). */
export function initializeOn(pop: DevicePopulation): void {
  const rOn = pop.params.rOn!;
  for (let i = 0; i < pop.size; i++) pop.state[i] = at(rOn, i);
}
