import { NumericalError } from '@memsim/core';
import { at, defineModel } from '../internal/define-model';
import { badVoltage, blowUp, checkStepCall } from '../internal/kernel-utils';
import { initializeOn, inverseResistance, setInverseResistance, sinhCurrent } from '../internal/sinh-current';
import type { DevicePopulation } from '../population/device-population';

/**
 * Parameters of the 2021 data-driven RRAM model (Lammie et al.), MemTorch's `Data_Driven2021` defaults.
 *
 * @example
 * const params: Partial<DataDriven2021Params> = { rOn: 1600, rOff: 3000 };
 * DataDriven2021.validate(params).rOff; // → 3000 [Ω]
 */
export interface DataDriven2021Params {
  /** Sample spacing used by `Memristor.simulate` and the sweeps [s]. @default 1e-10 */
  timeSeriesResolution: number;
  /** High-resistance bound [Ω]. @default 3000 */
  rOff: number;
  /** Low-resistance bound [Ω]. @default 1600 */
  rOn: number;
  /** Switching-rate prefactor for v > 0, MemTorch `A_p` [1/(Ω·s)]. @default 600.10075 */
  rateP: number;
  /** Switching-rate prefactor for v < 0, MemTorch `A_n` [1/(Ω·s)]. @default -34.5988399 */
  rateN: number;
  /** Voltage scale of the positive rate, MemTorch `t_p` [V]. @default -0.0212028 */
  tP: number;
  /** Voltage scale of the negative rate, MemTorch `t_n` [V]. @default -0.05343997 */
  tN: number;
  /** Stored by MemTorch but unused [1/Ω]. @default 5.11e-4 */
  kP: number;
  /** Stored by MemTorch but unused [1/Ω]. @default 1.17e-3 */
  kN: number;
  /** Positive boundary r_p(v) = rP[0] + rP[1]·v [Ω, Ω/V]. @default [2699.2336, -672.930205] */
  rP: readonly number[];
  /** Negative boundary r_n(v) = rN[0] + rN[1]·v [Ω, Ω/V]. @default [649.413746, -1474.32358] */
  rN: readonly number[];
  /** Current prefactor for v > 0 [1]. @default 0.32046175 */
  aP: number;
  /** Current prefactor for v ≤ 0 [1]. @default 0.32046175 */
  aN: number;
  /** Current exponent for v > 0 [1/V]. @default 2.71689828 */
  bP: number;
  /** Current exponent for v ≤ 0 [1/V]. @default 2.71689828 */
  bN: number;
}

/**
 * MemTorch 1.1.6 defaults of Data_Driven2021.
 *
 * @example
 * DEFAULT_DATA_DRIVEN_2021_PARAMS.rOff; // → 3000 [Ω]
 */
export const DEFAULT_DATA_DRIVEN_2021_PARAMS: Readonly<DataDriven2021Params> = Object.freeze({
  timeSeriesResolution: 1e-10,
  rOff: 3000,
  rOn: 1600,
  rateP: 600.10075,
  rateN: -34.5988399,
  tP: -0.0212028,
  tN: -0.05343997,
  kP: 5.11e-4,
  kN: 1.17e-3,
  rP: Object.freeze([2699.2336, -672.930205]),
  rN: Object.freeze([649.413746, -1474.32358]),
  aP: 0.32046175,
  aN: 0.32046175,
  bP: 2.71689828,
  bN: 2.71689828,
});

/**
 * One sample of MemTorch's exact update: the solution of dR/dt = s·(r − R)² (v > 0) or s·(R − r)² (v < 0) over dt,
 * with no move once past the boundary r(v) and the result clamped into [rOn, rOff]. Returns NaN on blow-up.
 */
function nextResistance(
  R0: number,
  v: number,
  dt: number,
  rOn: number,
  rOff: number,
  rateP: number,
  rateN: number,
  tP: number,
  tN: number,
  rP0: number,
  rP1: number,
  rN0: number,
  rN1: number,
): number {
  if (v === 0) return R0;
  let r: number;
  let s: number;
  if (v > 0) {
    r = rP0 + rP1 * v;
    s = rateP * (Math.exp(Math.abs(v) / tP) - 1);
  } else {
    r = rN0 + rN1 * v;
    s = rateN * (Math.exp(Math.abs(v) / tN) - 1);
  }
  const next = (R0 + s * r * (r - R0) * dt) / (1 + s * (r - R0) * dt);
  if (Number.isNaN(next)) return next;
  if (v > 0 ? next < r : next > r) return R0;
  return next < rOn ? rOn : next > rOff ? rOff : next;
}

function step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  checkStepCall('DataDriven2021.step', pop, voltage, dt);
  const p = pop.params;
  const R = pop.state;
  const { rOn, rOff, rateP, rateN, tP, tN, rP0, rP1, rN0, rN1 } = p as Record<string, number | Float64Array>;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('DataDriven2021.step', i, v);
    const next = nextResistance(
      R[i]!,
      v,
      dt,
      at(rOn!, i),
      at(rOff!, i),
      at(rateP!, i),
      at(rateN!, i),
      at(tP!, i),
      at(tN!, i),
      at(rP0!, i),
      at(rP1!, i),
      at(rN0!, i),
      at(rN1!, i),
    );
    if (Number.isNaN(next)) throw blowUp('DataDriven2021', i, `resistance became NaN at ${v} V`);
    R[i] = next;
  }
}

/** Single-device time loop (Memristor.simulate): the same update and current law, parameters hoisted. */
function trace(pop: DevicePopulation, voltages: ArrayLike<number>, dt: number, out: Float64Array | null): void {
  const p = pop.params;
  const [rOn, rOff, rateP, rateN, tP, tN, rP0, rP1, rN0, rN1, aP, aN, bP, bN] = [
    'rOn',
    'rOff',
    'rateP',
    'rateN',
    'tP',
    'tN',
    'rP0',
    'rP1',
    'rN0',
    'rN1',
    'aP',
    'aN',
    'bP',
    'bN',
  ].map((k) => at(p[k]!, 0)) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let R = pop.state[0]!;
  for (let k = 0; k < voltages.length; k++) {
    const v = voltages[k]!;
    if (out !== null) out[k] = v > 0 ? aP * (1 / R) * Math.sinh(bP * v) : aN * (1 / R) * Math.sinh(bN * v);
    const next = nextResistance(R, v, dt, rOn, rOff, rateP, rateN, tP, tN, rP0, rP1, rN0, rN1);
    if (Number.isNaN(next)) {
      pop.state[0] = R;
      throw new NumericalError({
        where: 'DataDriven2021 simulate',
        step: k,
        detail: `resistance became NaN at ${v} V`,
      });
    }
    R = next;
  }
  pop.state[0] = R;
}

/**
 * Data_Driven2021: state R ∈ [rOn, rOff] [Ω]; per sample the exact one-step solution of
 * dR/dt = s_p(v)·(r_p(v) − R)² (v > 0) or s_n(v)·(R − r_n(v))² (v < 0), s = A·(e^{|v|/t} − 1), r linear in v; no
 * move once past the boundary r(v). Current I = a·(1/R)·sinh(b·v). Positive voltage raises conductance.
 * Current recorded before the step.
 * @example
 * const pop = createPopulation(DataDriven2021, 4, {}, { seed: 1 });
 * DataDriven2021.step(pop, 1, 1e-10);
 */
export const DataDriven2021 = defineModel<DataDriven2021Params>({
  name: 'DataDriven2021',
  defaults: DEFAULT_DATA_DRIVEN_2021_PARAMS,
  params: [
    { name: 'timeSeriesResolution', rule: 'positive', shared: true },
    { name: 'rOff', rule: 'positive' },
    { name: 'rOn', rule: 'positive' },
    { name: 'rateP', rule: 'finite' },
    { name: 'rateN', rule: 'finite' },
    { name: 'tP', rule: 'finite' },
    { name: 'tN', rule: 'finite' },
    { name: 'kP', rule: 'finite' },
    { name: 'kN', rule: 'finite' },
    { name: 'rP', rule: 'finite', coefficients: true },
    { name: 'rN', rule: 'finite', coefficients: true },
    { name: 'aP', rule: 'finite' },
    { name: 'aN', rule: 'finite' },
    { name: 'bP', rule: 'finite' },
    { name: 'bN', rule: 'finite' },
  ],
  polarity: 1,
  readVoltage: 0.1,
  stateName: 'resistance',
  currentTiming: 'before-step',
  hysteresisDefaults: { duration: 1e-3, amplitude: 1.5, frequency: 10e3 },
  bipolarDefaults: { amplitude: 1.5, frequency: 10e3 },
  step,
  current: (pop, voltage, out) => sinhCurrent('DataDriven2021.current', pop, voltage, out),
  setConductance: (pop, g) => setInverseResistance('DataDriven2021.setConductance', pop, g),
  conductance: (pop, out) => inverseResistance('DataDriven2021.conductance', pop, out),
  initialize: initializeOn,
  trace,
});
