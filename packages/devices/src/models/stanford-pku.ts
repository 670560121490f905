import { InvalidParameterError } from '@memsim/core';
import { at, defineModel } from '../internal/define-model';
import { integrateSample, type Rate } from '../internal/integrate';
import {
  badVoltage,
  blowUp,
  checkOut,
  checkStepCall,
  checkVoltageCall,
  currentOverflow,
} from '../internal/kernel-utils';
import type { DevicePopulation } from '../population/device-population';

/** Elementary charge as MemTorch uses it [C]. */
const Q = 1.6e-19;
/** Boltzmann constant as MemTorch uses it [J/K]. */
const K_B = 1.3806503e-23;

/**
 * Parameters of the Stanford/PKU RRAM model (Jiang et al. 2016), MemTorch's `Stanford_PKU` defaults.
 *
 * @example
 * const params: Partial<StanfordPkuParams> = { gapInit: 1.5e-9 }; // initial gap [m]
 * new Memristor(StanfordPKU, params);
 */
export interface StanfordPkuParams {
  /** Sample spacing used by `Memristor.simulate` and the sweeps [s]. @default 1e-4 */
  timeSeriesResolution: number;
  /** High-resistance state read at `readVoltage` (sets the largest gap) [Ω]. @default 218586 */
  rOff: number;
  /** Low-resistance state read at `readVoltage` (sets the smallest gap) [Ω]. @default 542 */
  rOn: number;
  /** Initial gap, clamped into the gap bounds [m]. @default 2e-10 */
  gapInit: number;
  /** Gap length scale of the current, MemTorch `g_0` [m]. @default 0.25e-9 */
  g0: number;
  /** Voltage scale of the current, MemTorch `V_0` [V]. @default 0.25 */
  v0: number;
  /** Current prefactor, MemTorch `I_0` [A]. @default 1e-3 */
  i0: number;
  /** Read voltage of the conductance and of the gap bounds [V]. @default 0.1 */
  readVoltage: number;
  /** Ambient temperature, MemTorch `T_init` [K]. @default 298 */
  tInit: number;
  /** Thermal resistance, MemTorch `R_th` [K/W]. @default 2100 */
  rTh: number;
  /** Field enhancement at zero gap, MemTorch `gamma_init` [1]. @default 16 */
  gammaInit: number;
  /** Gap dependence of the field enhancement [1]. @default 0.8 */
  beta: number;
  /** Oxide thickness, MemTorch `t_ox` [m]. @default 12e-9 */
  tOx: number;
  /** Minimum field for gap motion, MemTorch `F_min` [V/m]. @default 1.4e9 */
  fMin: number;
  /** Gap velocity prefactor, MemTorch `vel_0` [m/s]. @default 10 */
  vel0: number;
  /** Activation energy, MemTorch `E_a` [eV]. @default 0.6 */
  eA: number;
  /** Atomic hopping distance, MemTorch `a_0` [m]. @default 0.25e-9 */
  a0: number;
  /** Gap noise amplitude of the dynamic model, MemTorch `delta_g_init` [m/s per √step]. @default 0.02 */
  deltaGInit: number;
  /** 0: standard model; 1: dynamic model with gap noise (needs a seed). @default 0 */
  modelSwitch: number;
  /** Critical temperature of the noise term, MemTorch `T_crit` [K]. @default 450 */
  tCrit: number;
  /** Smoothing temperature of the noise term, MemTorch `T_smth` [K]. @default 500 */
  tSmth: number;
}

/**
 * MemTorch 1.1.6 defaults of Stanford_PKU.
 *
 * @example
 * DEFAULT_STANFORD_PKU_PARAMS.readVoltage; // → 0.1 [V]
 */
export const DEFAULT_STANFORD_PKU_PARAMS: Readonly<StanfordPkuParams> = Object.freeze({
  timeSeriesResolution: 1e-4,
  rOff: 218586,
  rOn: 542,
  gapInit: 2e-10,
  g0: 0.25e-9,
  v0: 0.25,
  i0: 1000e-6,
  readVoltage: 0.1,
  tInit: 298,
  rTh: 2.1e3,
  gammaInit: 16,
  beta: 0.8,
  tOx: 12e-9,
  fMin: 1.4e9,
  vel0: 10,
  eA: 0.6,
  a0: 0.25e-9,
  deltaGInit: 0.02,
  modelSwitch: 0,
  tCrit: 450,
  tSmth: 500,
});

/** Smallest gap [m]: the one whose current at the read voltage is readVoltage/rOn. */
function gapBound(p: Record<string, number | Float64Array>, i: number, r: number): number {
  const vr = at(p.readVoltage!, i);
  return at(p.g0!, i) * Math.log((at(p.i0!, i) * Math.sinh(vr / at(p.v0!, i))) / (vr / r));
}

/** dgap/dt [m/s] without the noise term, at gap `gap`, voltage v and temperature-setting current `current`. */
function gapVelocity(
  p: Record<string, number | Float64Array>,
  i: number,
  gap: number,
  v: number,
  current: number,
): number {
  const T = at(p.tInit!, i) + Math.abs(v * current * at(p.rTh!, i));
  const tOx = at(p.tOx!, i);
  let gamma = at(p.gammaInit!, i) - at(p.beta!, i) * (gap / 1e-9) ** 3;
  if ((gamma * Math.abs(v)) / tOx < at(p.fMin!, i)) gamma = 0;
  return (
    -at(p.vel0!, i) *
    Math.exp((-Q * at(p.eA!, i)) / (K_B * T)) *
    Math.sinh(((gamma * at(p.a0!, i)) / tOx) * ((Q * v) / (K_B * T)))
  );
}

function currentAt(p: Record<string, number | Float64Array>, i: number, gap: number, v: number): number {
  return at(p.i0!, i) * Math.exp(-gap / at(p.g0!, i)) * Math.sinh(v / at(p.v0!, i));
}

function step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  checkStepCall('StanfordPKU.step', pop, voltage, dt);
  const p = pop.params;
  const gap = pop.state;
  const last = pop.aux.current!;
  const integration = pop.integration;
  const reference = integration.method === 'euler' && integration.substeps === 1;
  const rng = pop.rng;
  const noisy = at(p.modelSwitch!, 0) !== 0 && rng !== null;
  // Higher-order integration heats the filament with the instantaneous current I(v, gap) rather than the previous
  // sample's current (MemTorch's explicit lag).
  const rate: Rate = (i, g, v) => gapVelocity(p, i, g, v, currentAt(p, i, g, v));
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('StanfordPKU.step', i, v);
    const lo = gapBound(p, i, at(p.rOn!, i));
    const hi = gapBound(p, i, at(p.rOff!, i));
    let next: number;
    if (reference) {
      let velocity = gapVelocity(p, i, gap[i]!, v, last[i]!);
      if (noisy) {
        const T = at(p.tInit!, i) + Math.abs(v * last[i]! * at(p.rTh!, i));
        velocity += (rng!.normal() * at(p.deltaGInit!, i)) / (1 + Math.exp((at(p.tCrit!, i) - T) / at(p.tSmth!, i)));
      }
      next = gap[i]! + velocity * dt;
      next = next < lo ? lo : next > hi ? hi : next;
    } else next = integrateSample(rate, i, gap[i]!, v, dt, lo, hi, integration);
    if (Number.isNaN(next)) throw blowUp('StanfordPKU', i, `gap became NaN at ${v} V`);
    gap[i] = next;
    last[i] = currentAt(p, i, next, v);
  }
}

function current(pop: DevicePopulation, voltage: number | Float64Array, out: Float64Array): void {
  checkVoltageCall('StanfordPKU.current', pop, voltage);
  checkOut('StanfordPKU.current', pop, out);
  const p = pop.params;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('StanfordPKU.current', i, v);
    const c = currentAt(p, i, pop.state[i]!, v);
    if (!(c - c === 0)) throw currentOverflow('StanfordPKU.current', i, v, c);
    out[i] = c;
  }
}

function conductance(pop: DevicePopulation, out: Float64Array): void {
  checkOut('StanfordPKU.conductance', pop, out);
  const p = pop.params;
  for (let i = 0; i < pop.size; i++) {
    const vr = at(p.readVoltage!, i);
    out[i] = currentAt(p, i, pop.state[i]!, vr) / vr;
  }
}

function setConductance(pop: DevicePopulation, g: number | Float64Array): void {
  if (typeof g !== 'number') checkOut('StanfordPKU.setConductance', pop, g, 'g');
  const p = pop.params;
  for (let i = 0; i < pop.size; i++) {
    const gi = typeof g === 'number' ? g : g[i]!;
    const next = gapBound(p, i, 1 / gi);
    const lo = gapBound(p, i, at(p.rOn!, i));
    const hi = gapBound(p, i, at(p.rOff!, i));
    pop.state[i] = next < lo ? lo : next > hi ? hi : next;
  }
}

function initialize(pop: DevicePopulation): void {
  const p = pop.params;
  pop.aux.current = new Float64Array(pop.size);
  for (let i = 0; i < pop.size; i++) {
    const lo = gapBound(p, i, at(p.rOn!, i));
    const hi = gapBound(p, i, at(p.rOff!, i));
    const g = at(p.gapInit!, i);
    pop.state[i] = g < lo ? lo : g > hi ? hi : g;
  }
}

/**
 * Stanford/PKU RRAM: state gap ∈ [gapMin, gapMax] [m] (bounds from rOn, rOff at readVoltage);
 * I = i0·e^{−gap/g0}·sinh(v/v0); explicit-Euler gap velocity with field threshold and Joule heating from the
 * previous sample's current, plus Gaussian noise when `modelSwitch = 1`. Conductance is I(V_read)/V_read.
 * Positive voltage raises conductance. Current recorded after the step.
 * @example
 * const device = new Memristor(StanfordPKU);
 * device.conductance; // at the initial gap of 0.2 nm
 */
export const StanfordPKU = defineModel<StanfordPkuParams>({
  name: 'StanfordPKU',
  defaults: DEFAULT_STANFORD_PKU_PARAMS,
  params: [
    { name: 'timeSeriesResolution', rule: 'positive', shared: true },
    { name: 'rOff', rule: 'positive' },
    { name: 'rOn', rule: 'positive' },
    { name: 'gapInit', rule: 'nonNegative' },
    { name: 'g0', rule: 'positive' },
    { name: 'v0', rule: 'positive' },
    { name: 'i0', rule: 'positive' },
    { name: 'readVoltage', rule: 'positive' },
    { name: 'tInit', rule: 'positive' },
    { name: 'rTh', rule: 'nonNegative' },
    { name: 'gammaInit', rule: 'finite' },
    { name: 'beta', rule: 'finite' },
    { name: 'tOx', rule: 'positive' },
    { name: 'fMin', rule: 'nonNegative' },
    { name: 'vel0', rule: 'finite' },
    { name: 'eA', rule: 'nonNegative' },
    { name: 'a0', rule: 'positive' },
    { name: 'deltaGInit', rule: 'nonNegative' },
    { name: 'modelSwitch', rule: 'binary', shared: true },
    { name: 'tCrit', rule: 'finite' },
    { name: 'tSmth', rule: 'positive' },
  ],
  polarity: 1,
  readVoltage: DEFAULT_STANFORD_PKU_PARAMS.readVoltage,
  stateName: 'gap',
  currentTiming: 'after-step',
  hysteresisDefaults: { duration: 0.5, amplitude: 1.5, frequency: 10 },
  bipolarDefaults: { amplitude: 1.5, frequency: 0.05 },
  crossCheck(params, where) {
    const inputs = [params.rOn!, params.rOff!, params.readVoltage!, params.g0!, params.i0!, params.v0!];
    const n = Math.max(...inputs.map((v) => (typeof v === 'number' ? 1 : v.length)));
    for (let i = 0; i < n; i++) {
      const lo = gapBound(params as Record<string, number | Float64Array>, i, at(params.rOn!, i));
      const hi = gapBound(params as Record<string, number | Float64Array>, i, at(params.rOff!, i));
      if (!(lo > 0 && hi > 0 && hi > lo))
        throw new InvalidParameterError({
          where,
          parameter: n === 1 ? 'rOn' : `rOn[${i}]`,
          value: at(params.rOn!, i),
          expected: `a value giving valid gap bounds 0 < gapMin < gapMax (got gapMin ${lo} m, gapMax ${hi} m from rOn, rOff, i0, v0, g0, readVoltage)`,
        });
    }
  },
  needsRng: (params) => params.modelSwitch !== 0 && at(params.deltaGInit!, 0) !== 0,
  step,
  current,
  setConductance,
  conductance,
  initialize,
  beginSimulation(pop) {
    pop.aux.current!.fill(0);
  },
});
