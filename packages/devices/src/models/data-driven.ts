import { at, defineModel } from '../internal/define-model';
import { badVoltage, blowUp, checkStepCall } from '../internal/kernel-utils';
import { initializeOn, inverseResistance, setInverseResistance, sinhCurrent } from '../internal/sinh-current';
import type { DevicePopulation } from '../population/device-population';

/**
 * Parameters of the 2018 data-driven Verilog-A RRAM model (Messaris et al.), MemTorch's `Data_Driven` defaults.
 *
 * @example
 * const params: Partial<DataDrivenParams> = { rOn: 1280, rOff: 17000 };
 * DataDriven.validate(params).eta; // → 1
 */
export interface DataDrivenParams {
  /** Sample spacing used by `Memristor.simulate` and the sweeps [s]. @default 1e-8 */
  timeSeriesResolution: number;
  /** High-resistance bound [Ω]. @default 17000 */
  rOff: number;
  /** Low-resistance bound [Ω]. @default 1280 */
  rOn: number;
  /** Switching-rate prefactor for v > 0, MemTorch `A_p` [1/s]. @default 743.47 */
  rateP: number;
  /** Switching-rate prefactor for v < 0, MemTorch `A_n` [1/s]. @default -68012.28374 */
  rateN: number;
  /** Voltage exponent of the positive rate, MemTorch `t_p` [1/V]. @default 6.51 */
  tP: number;
  /** Voltage exponent of the negative rate, MemTorch `t_n` [1/V]. @default 0.31645 */
  tN: number;
  /** Boundary sharpness for v > 0, MemTorch `k_p` [1/Ω]. @default 5.11e-4 */
  kP: number;
  /** Boundary sharpness for v < 0, MemTorch `k_n` [1/Ω]. @default 1.17e-3 */
  kN: number;
  /** Positive boundary r_p(v) = rP[0] + rP[1]·v [Ω, Ω/V]. @default [16719, 0] */
  rP: readonly number[];
  /** Negative boundary r_n(v) = rN[0] + rN[1]·v [Ω, Ω/V]. @default [29304.82557, 23692.77225] */
  rN: readonly number[];
  /** Boundary scale η [1]. @default 1 */
  eta: number;
  /** Current prefactor for v > 0 [1]. @default 0.24 */
  aP: number;
  /** Current prefactor for v ≤ 0 [1]. @default 0.24 */
  aN: number;
  /** Current exponent for v > 0 [1/V]. @default 3 */
  bP: number;
  /** Current exponent for v ≤ 0 [1/V]. @default 3 */
  bN: number;
}

/**
 * MemTorch 1.1.6 defaults of Data_Driven.
 *
 * @example
 * DEFAULT_DATA_DRIVEN_PARAMS.rOn; // → 1280 [Ω]
 */
export const DEFAULT_DATA_DRIVEN_PARAMS: Readonly<DataDrivenParams> = Object.freeze({
  timeSeriesResolution: 1e-8,
  rOff: 17e3,
  rOn: 1280,
  rateP: 743.47,
  rateN: -68012.28374,
  tP: 6.51,
  tN: 0.31645,
  kP: 5.11e-4,
  kN: 1.17e-3,
  rP: Object.freeze([16719, 0]),
  rN: Object.freeze([29304.82557, 23692.77225]),
  eta: 1,
  aP: 0.24,
  aN: 0.24,
  bP: 3,
  bN: 3,
});

function step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  checkStepCall('DataDriven.step', pop, voltage, dt);
  const p = pop.params;
  const R = pop.state;
  const rOn = p.rOn!;
  const rOff = p.rOff!;
  const rateP = p.rateP!;
  const rateN = p.rateN!;
  const tP = p.tP!;
  const tN = p.tN!;
  const kP = p.kP!;
  const kN = p.kN!;
  const eta = p.eta!;
  const rP0 = p.rP0!;
  const rP1 = p.rP1!;
  const rN0 = p.rN0!;
  const rN1 = p.rN1!;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('DataDriven.step', i, v);
    if (v === 0) continue;
    const R0 = R[i]!;
    const e = at(eta, i);
    let next: number;
    let r: number;
    if (v > 0) {
      r = at(rP0, i) + at(rP1, i) * v;
      const k = at(kP, i);
      next =
        (1 / k) *
        Math.log(
          Math.exp(e * k * r) +
            Math.exp(-e * k * at(rateP, i) * (Math.exp(at(tP, i) * Math.abs(v)) - 1) * dt) *
              (Math.exp(e * k * R0) - Math.exp(e * k * r)),
        );
      if (Number.isNaN(next)) throw blowUp('DataDriven', i, `resistance became NaN at ${v} V`);
      if (next > e * r) continue;
    } else {
      r = at(rN0, i) + at(rN1, i) * v;
      const k = at(kN, i);
      const s = e * k * at(rateN, i) * (Math.exp(at(tN, i) * Math.abs(v)) - 1) * dt;
      next = -(1 / k) * Math.log(Math.exp(-e * k * R0 + s) - Math.exp(-e * k * r) * (Math.exp(s) - 1));
      if (Number.isNaN(next)) throw blowUp('DataDriven', i, `resistance became NaN at ${v} V`);
      if (next < e * r) continue;
    }
    const lo = at(rOn, i);
    const hi = at(rOff, i);
    R[i] = next < lo ? lo : next > hi ? hi : next;
  }
}

/**
 * Data_Driven (2018): state R ∈ [rOn, rOff] [Ω]; per sample MemTorch's closed-form log-exp update towards the
 * boundary r_p(v) (v > 0) or r_n(v) (v < 0), no move once past η·r(v). Current I = a·(1/R)·sinh(b·v). With the
 * defaults negative voltage raises conductance (polarity −1). Current recorded before the step.
 * @example
 * const loop = hysteresisLoop(new Memristor(DataDriven)); // the Messerschmitt et al. model, MemTorch's defaults
 * loop.current.length === loop.voltage.length; // → true
 */
export const DataDriven = defineModel<DataDrivenParams>({
  name: 'DataDriven',
  defaults: DEFAULT_DATA_DRIVEN_PARAMS,
  params: [
    { name: 'timeSeriesResolution', rule: 'positive', shared: true },
    { name: 'rOff', rule: 'positive' },
    { name: 'rOn', rule: 'positive' },
    { name: 'rateP', rule: 'finite' },
    { name: 'rateN', rule: 'finite' },
    { name: 'tP', rule: 'finite' },
    { name: 'tN', rule: 'finite' },
    { name: 'kP', rule: 'positive' },
    { name: 'kN', rule: 'positive' },
    { name: 'rP', rule: 'finite', coefficients: true },
    { name: 'rN', rule: 'finite', coefficients: true },
    { name: 'eta', rule: 'positive' },
    { name: 'aP', rule: 'finite' },
    { name: 'aN', rule: 'finite' },
    { name: 'bP', rule: 'finite' },
    { name: 'bN', rule: 'finite' },
  ],
  polarity: -1,
  readVoltage: 0.1,
  stateName: 'resistance',
  currentTiming: 'before-step',
  hysteresisDefaults: { duration: 1e-3, amplitude: 1.5, frequency: 10e3 },
  bipolarDefaults: { amplitude: 1.5, frequency: 10e3 },
  step,
  current: (pop, voltage, out) => sinhCurrent('DataDriven.current', pop, voltage, out),
  setConductance: (pop, g) => setInverseResistance('DataDriven.setConductance', pop, g),
  conductance: (pop, out) => inverseResistance('DataDriven.conductance', pop, out),
  initialize: initializeOn,
});
