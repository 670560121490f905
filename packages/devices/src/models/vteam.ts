import { InvalidParameterError } from '@memsim/core';
import { at, defineModel } from '../internal/define-model';
import { badVoltage, blowUp, checkOut, checkStepCall, checkVoltageCall } from '../internal/kernel-utils';
import { maskedParameter } from '../internal/masked-parameter';
import type { MaskedParameter } from '../internal/masked-parameter';
import type { DevicePopulation } from '../population/device-population';

/**
 * Parameters of the VTEAM model (Kvatinsky et al., IEEE TCAS-II 2015), MemTorch's defaults.
 *
 * @example
 * const params: Partial<VteamParams> = { rOn: 100, rOff: 2000, kOn: -20 }; // the rest from DEFAULT_VTEAM_PARAMS
 * VTEAM.validate(params).rOn; // → 100
 */
export interface VteamParams {
  /** Sample spacing used by `Memristor.simulate` and the sweeps [s]. @default 1e-10 */
  timeSeriesResolution: number;
  /** High-resistance state (x = d) [Ω]. @default 1000 */
  rOff: number;
  /** Low-resistance state (x = 0) [Ω]. @default 50 */
  rOn: number;
  /** Device thickness, the upper bound of the state x [m]. @default 3e-9 */
  d: number;
  /** Rate constant below `vOn` [m/s] (negative: x shrinks, conductance rises). @default -10 */
  kOn: number;
  /** Rate constant above `vOff` [m/s] (positive: x grows, conductance falls). @default 5e-4 */
  kOff: number;
  /** Exponent below `vOn` [1]. @default 3 */
  alphaOn: number;
  /** Exponent above `vOff` [1]. @default 1 */
  alphaOff: number;
  /** Negative threshold voltage [V]. @default -0.2 */
  vOn: number;
  /** Positive threshold voltage [V]; must exceed `vOn`. @default 0.02 */
  vOff: number;
  /** Initial state [m] (MemTorch starts every device at x = x_on). @default 0 */
  xOn: number;
  /** Stored for completeness; the state bounds are [0, d] as in MemTorch [m]. @default 3e-9 */
  xOff: number;
}

/**
 * MemTorch 1.1.6 defaults of VTEAM.
 *
 * @example
 * DEFAULT_VTEAM_PARAMS.rOn; // → 50 [Ω]
 * DEFAULT_VTEAM_PARAMS.timeSeriesResolution; // → 1e-10 [s]
 */
export const DEFAULT_VTEAM_PARAMS: Readonly<VteamParams> = Object.freeze({
  timeSeriesResolution: 1e-10,
  rOff: 1000,
  rOn: 50,
  d: 3e-9,
  kOn: -10,
  kOff: 5e-4,
  alphaOn: 3,
  alphaOff: 1,
  vOn: -0.2,
  vOff: 0.02,
  xOn: 0,
  xOff: 3e-9,
});

/** b^alpha with exact fast paths for the common integer exponents. */
function power(b: number, alpha: number): number {
  return alpha === 1 ? b : alpha === 2 ? b * b : alpha === 3 ? b * b * b : b ** alpha;
}

/** dx/dt [m/s] of VTEAM at voltage v (independent of the state). */
function rate(v: number, kOn: number, kOff: number, aOn: number, aOff: number, vOn: number, vOff: number): number {
  if (v >= vOff) return kOff * power(v / vOff - 1, aOff);
  if (v <= vOn) return kOn * power(v / vOn - 1, aOn);
  return 0;
}

function step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  checkStepCall('VTEAM.step', pop, voltage, dt);
  const p = pop.params;
  const x = pop.state;
  const n = pop.size;
  const d = p.d!;
  const kOn = p.kOn!;
  const kOff = p.kOff!;
  const aOn = p.alphaOn!;
  const aOff = p.alphaOff!;
  const vOn = p.vOn!;
  const vOff = p.vOff!;
  // The rate does not depend on x, so one Euler step is exact (up to the clamp): every integrator agrees.
  if (
    typeof voltage === 'number' &&
    typeof kOn === 'number' &&
    typeof kOff === 'number' &&
    typeof aOn === 'number' &&
    typeof aOff === 'number' &&
    typeof vOn === 'number' &&
    typeof vOff === 'number'
  ) {
    const dx = rate(voltage, kOn, kOff, aOn, aOff, vOn, vOff) * dt;
    if (dx === 0) return;
    if (!(dx - dx === 0)) throw blowUp('VTEAM', 0, `dx = ${dx} m at ${voltage} V`);
    if (typeof d === 'number') {
      for (let i = 0; i < n; i++) {
        const xi = x[i]! + dx;
        x[i] = xi < 0 ? 0 : xi > d ? d : xi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xi = x[i]! + dx;
        const di = d[i]!;
        x[i] = xi < 0 ? 0 : xi > di ? di : xi;
      }
    }
    return;
  }
  if (
    typeof voltage !== 'number' &&
    typeof kOn === 'number' &&
    typeof kOff === 'number' &&
    typeof aOn === 'number' &&
    typeof aOff === 'number' &&
    typeof vOn === 'number' &&
    typeof vOff === 'number'
  ) {
    // Per-device voltages, shared kinetics: the common crossbar case.
    const dA = typeof d === 'number' ? null : d;
    const dS = typeof d === 'number' ? d : 0;
    for (let i = 0; i < n; i++) {
      const v = voltage[i]!;
      if (!(v - v === 0)) throw badVoltage('VTEAM.step', i, v);
      const dx = rate(v, kOn, kOff, aOn, aOff, vOn, vOff) * dt;
      if (dx === 0) continue;
      if (!(dx - dx === 0)) throw blowUp('VTEAM', i, `dx = ${dx} m at ${v} V`);
      const xi = x[i]! + dx;
      const di = dA === null ? dS : dA[i]!;
      x[i] = xi < 0 ? 0 : xi > di ? di : xi;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('VTEAM.step', i, v);
    const dx = rate(v, at(kOn, i), at(kOff, i), at(aOn, i), at(aOff, i), at(vOn, i), at(vOff, i)) * dt;
    if (!(dx - dx === 0)) throw blowUp('VTEAM', i, `dx = ${dx} m at ${v} V`);
    const xi = x[i]! + dx;
    const di = at(d, i);
    x[i] = xi < 0 ? 0 : xi > di ? di : xi;
  }
}

function current(pop: DevicePopulation, voltage: number | Float64Array, out: Float64Array): void {
  checkVoltageCall('VTEAM.current', pop, voltage);
  checkOut('VTEAM.current', pop, out);
  const p = pop.params;
  const x = pop.state;
  const rOn = p.rOn!;
  const rOff = p.rOff!;
  const d = p.d!;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('VTEAM.current', i, v);
    const s = x[i]! / at(d, i);
    out[i] = v / (at(rOff, i) * s + at(rOn, i) * (1 - s));
  }
}

/** `rOn`, `rOff` and `d` of a population as masked arrays (see maskedParameter: one loop for shared and per-device). */
function readRange(pop: DevicePopulation): { on: MaskedParameter; off: MaskedParameter; d: MaskedParameter } {
  const { rOn, rOff, d } = pop.params as {
    rOn: number | Float64Array;
    rOff: number | Float64Array;
    d: number | Float64Array;
  };
  return { on: maskedParameter(rOn), off: maskedParameter(rOff), d: maskedParameter(d) };
}

function conductance(pop: DevicePopulation, out: Float64Array): void {
  checkOut('VTEAM.conductance', pop, out);
  const x = pop.state;
  const { on, off, d } = readRange(pop);
  const [onV, onM, offV, offM, dV, dM] = [on.values, on.mask, off.values, off.mask, d.values, d.mask];
  for (let i = 0; i < pop.size; i++) {
    const s = x[i]! / dV[i & dM]!;
    out[i] = 1 / (offV[i & offM]! * s + onV[i & onM]! * (1 - s));
  }
}

function setConductance(pop: DevicePopulation, g: number | Float64Array): void {
  if (typeof g !== 'number') checkOut('VTEAM.setConductance', pop, g, 'g');
  const x = pop.state;
  const { on, off, d } = readRange(pop);
  const target = maskedParameter(g);
  const [onV, onM, offV, offM, dV, dM, gV, gM] = [
    on.values,
    on.mask,
    off.values,
    off.mask,
    d.values,
    d.mask,
    target.values,
    target.mask,
  ];
  for (let i = 0; i < pop.size; i++) {
    const r = onV[i & onM]!;
    const di = dV[i & dM]!;
    const xi = (di * (1 / gV[i & gM]! - r)) / (offV[i & offM]! - r);
    x[i] = xi < 0 ? 0 : xi > di ? di : xi;
  }
}

function initialize(pop: DevicePopulation): void {
  const xOn = pop.params.xOn!;
  if (typeof xOn === 'number') pop.state.fill(xOn);
  else pop.state.set(xOn);
}

/**
 * VTEAM: threshold-type voltage-controlled memristor. State x ∈ [0, d] [m];
 * R(x) = rOff·x/d + rOn·(1 − x/d); dx/dt = kOff·(v/vOff − 1)^alphaOff for v ≥ vOff, kOn·(v/vOn − 1)^alphaOn for
 * v ≤ vOn, else 0. Negative voltage raises conductance (polarity −1). Current recorded after the step.
 * @example
 * const pop = createPopulation(VTEAM, 8, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
 * VTEAM.step(pop, -0.5, 1e-10); // a SET pulse: VTEAM raises conductance at negative voltage
 * const g = new Float64Array(pop.size);
 * VTEAM.conductance(pop, g); // g[i] ≈ 1/rOn[i]
 */
export const VTEAM = defineModel<VteamParams>({
  name: 'VTEAM',
  defaults: DEFAULT_VTEAM_PARAMS,
  params: [
    { name: 'timeSeriesResolution', rule: 'positive', shared: true },
    { name: 'rOff', rule: 'positive' },
    { name: 'rOn', rule: 'positive' },
    { name: 'd', rule: 'positive' },
    { name: 'kOn', rule: 'finite' },
    { name: 'kOff', rule: 'finite' },
    { name: 'alphaOn', rule: 'positive' },
    { name: 'alphaOff', rule: 'positive' },
    { name: 'vOn', rule: 'finite' },
    { name: 'vOff', rule: 'finite' },
    { name: 'xOn', rule: 'nonNegative' },
    { name: 'xOff', rule: 'nonNegative' },
  ],
  polarity: -1,
  readVoltage: 0.1,
  stateName: 'x',
  currentTiming: 'after-step',
  hysteresisDefaults: { duration: 200e-9, amplitude: 1, frequency: 50e6 },
  bipolarDefaults: { amplitude: 1.5, frequency: 50e6 },
  crossCheck(params, where) {
    // Only vOn, vOff, xOn and d take part: one check when all are shared.
    const n = Math.max(
      ...[params.vOn!, params.vOff!, params.xOn!, params.d!].map((v) => (typeof v === 'number' ? 1 : v.length)),
    );
    for (let i = 0; i < n; i++) {
      const vOn = at(params.vOn!, i);
      const vOff = at(params.vOff!, i);
      if (!(vOn < 0 && vOff > 0))
        throw new InvalidParameterError({
          where,
          parameter: n === 1 ? (vOn < 0 ? 'vOff' : 'vOn') : `vOn[${i}]`,
          value: vOn < 0 ? vOff : vOn,
          expected: 'vOn < 0 < vOff (the thresholds bracket 0 V)',
        });
      const xOn = at(params.xOn!, i);
      const d = at(params.d!, i);
      if (xOn > d)
        throw new InvalidParameterError({
          where,
          parameter: n === 1 ? 'xOn' : `xOn[${i}]`,
          value: xOn,
          expected: `in [0, d] (d = ${d} m)`,
        });
    }
  },
  step,
  current,
  setConductance,
  conductance,
  initialize,
});
