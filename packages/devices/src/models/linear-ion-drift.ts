import { at, defineModel } from '../internal/define-model';
import { integrateSample, type Rate } from '../internal/integrate';
import { badVoltage, blowUp, checkOut, checkStepCall, checkVoltageCall } from '../internal/kernel-utils';
import type { DevicePopulation } from '../population/device-population';
import { WINDOW_VARIABLES, type WindowFunction, windowFromSetting } from '../windows/window-expression';

/**
 * Window functions LinearIonDrift can use.
 *
 * @example
 * const window: LinearIonDriftWindow = 'prodromakis';
 * new Memristor(LinearIonDrift, { window, p: 2, j: 1 });
 */
export type LinearIonDriftWindow = 'biolek' | 'joglekar' | 'prodromakis' | 'memtorch-joglekar' | 'none';

/**
 * Runtime list of {@link LinearIonDriftWindow}.
 *
 * @example
 * LINEAR_ION_DRIFT_WINDOWS; // → ['biolek', 'joglekar', 'prodromakis', 'memtorch-joglekar', 'none']
 */
export const LINEAR_ION_DRIFT_WINDOWS: readonly LinearIonDriftWindow[] = Object.freeze([
  'biolek',
  'joglekar',
  'prodromakis',
  'memtorch-joglekar',
  'none',
]);

/**
 * Parameters of the linear ion drift model (Strukov et al., Nature 2008), MemTorch's defaults.
 *
 * @example
 * const params: Partial<LinearIonDriftParams> = { rOn: 100, rOff: 16000, window: 'joglekar' };
 * LinearIonDrift.validate(params).d; // → 1e-8 [m], MemTorch's default
 */
export interface LinearIonDriftParams {
  /** Sample spacing used by `Memristor.simulate` and the sweeps [s]. @default 1e-4 */
  timeSeriesResolution: number;
  /** Dopant mobility u_v [m²/(V·s)]. @default 1e-14 */
  uV: number;
  /** Device thickness D [m]. @default 10e-9 */
  d: number;
  /** Fully doped (x = 1) resistance [Ω]. @default 100 */
  rOn: number;
  /** Undoped (x = 0) resistance [Ω]. @default 16000 */
  rOff: number;
  /** The state moves only when v ≥ this [V]. @default 0.55 */
  posWriteThreshold: number;
  /** The state moves only when v ≤ this [V]. @default -0.55 */
  negWriteThreshold: number;
  /** Window exponent p [1]. @default 1 */
  p: number;
  /** Prodromakis window scale j [1]. @default 1 */
  j: number;
  /**
   * Window function: a named one, or a user expression in `x`, `p`, `i`, `j` such as `'1 - (2x - 1)^(2p)'` (parsed by
   * mathjs once, see `compileWindow`; the text is what save/load keeps). Caution: MemTorch uses a mis-coded Joglekar
   * window; the published Joglekar and Prodromakis windows are zero at x = 0 and 1, so a device sitting exactly on a
   * bound never moves. memsim therefore defaults to Biolek, which lets devices leave the bounds. @default 'biolek'
   */
  window: LinearIonDriftWindow | (string & {});
}

/**
 * MemTorch 1.1.6 defaults of LinearIonDrift (window: see {@link LinearIonDriftParams.window}).
 *
 * @example
 * DEFAULT_LINEAR_ION_DRIFT_PARAMS.rOff; // → 16000 [Ω] (MemTorch's default)
 */
export const DEFAULT_LINEAR_ION_DRIFT_PARAMS: Readonly<LinearIonDriftParams> = Object.freeze({
  timeSeriesResolution: 1e-4,
  uV: 1e-14,
  d: 10e-9,
  rOn: 100,
  rOff: 16e3,
  posWriteThreshold: 0.55,
  negWriteThreshold: -0.55,
  p: 1,
  j: 1,
  window: 'biolek',
});

const WINDOW_CODE: Record<string, number> = { biolek: 0, joglekar: 1, prodromakis: 2, 'memtorch-joglekar': 3, none: 4 };
/** Code of a user expression window (any text not in WINDOW_CODE). */
const USER_WINDOW = 5;

/** b^(2p), exact fast path for p = 1. */
function pow2p(b: number, p: number): number {
  const b2 = b * b;
  return p === 1 ? b2 : b2 ** p;
}

/** Window value for code `w` (`user` for a user expression) at state x, exponent p, scale j, current i. */
function windowValue(w: number, user: WindowFunction | null, x: number, p: number, j: number, i: number): number {
  switch (w) {
    case 0:
      return 1 - pow2p(x - (i <= 0 ? 1 : 0), p);
    case 1:
      return 1 - pow2p(2 * x - 1, p);
    case 2: {
      const q = (x - 0.5) * (x - 0.5) + 0.75;
      return j * (1 - (p === 1 ? q : q ** p));
    }
    case 3:
      return pow2p(1 - (2 * x - 1), p);
    case USER_WINDOW:
      return user!(x, p, i, j);
    default:
      return 1;
  }
}

function step(pop: DevicePopulation, voltage: number | Float64Array, dt: number): void {
  checkStepCall('LinearIonDrift.step', pop, voltage, dt);
  const p = pop.params;
  const x = pop.state;
  const n = pop.size;
  const uV = p.uV!;
  const d = p.d!;
  const rOn = p.rOn!;
  const rOff = p.rOff!;
  const pos = p.posWriteThreshold!;
  const neg = p.negWriteThreshold!;
  const pw = p.p!;
  const jw = p.j!;
  const setting = pop.settings.window ?? 'biolek';
  const w = Object.hasOwn(WINDOW_CODE, setting) ? WINDOW_CODE[setting]! : USER_WINDOW;
  const user = w === USER_WINDOW ? windowFromSetting(setting, 'LinearIonDrift.step') : null;
  const integration = pop.integration;
  const reference = integration.method === 'euler' && integration.substeps === 1;
  const rateOf: Rate | null = reference
    ? null
    : (i, xi, v) => {
        const on = at(rOn, i);
        const di = at(d, i);
        const current = v / (on * xi + at(rOff, i) * (1 - xi));
        return ((at(uV, i) * on) / (di * di)) * current * windowValue(w, user, xi, at(pw, i), at(jw, i), current);
      };
  for (let i = 0; i < n; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('LinearIonDrift.step', i, v);
    if (!(v >= at(pos, i) || v <= at(neg, i))) continue;
    const x0 = x[i]!;
    let xn: number;
    if (reference) {
      const on = at(rOn, i);
      const di = at(d, i);
      const current = v / (on * x0 + at(rOff, i) * (1 - x0));
      xn = x0 + ((at(uV, i) * on) / (di * di)) * current * windowValue(w, user, x0, at(pw, i), at(jw, i), current) * dt;
      xn = xn < 0 ? 0 : xn > 1 ? 1 : xn;
    } else xn = integrateSample(rateOf!, i, x0, v, dt, 0, 1, integration);
    if (Number.isNaN(xn)) throw blowUp('LinearIonDrift', i, `state x became NaN at ${v} V`);
    x[i] = xn;
  }
}

function current(pop: DevicePopulation, voltage: number | Float64Array, out: Float64Array): void {
  checkVoltageCall('LinearIonDrift.current', pop, voltage);
  checkOut('LinearIonDrift.current', pop, out);
  const rOn = pop.params.rOn!;
  const rOff = pop.params.rOff!;
  const x = pop.state;
  for (let i = 0; i < pop.size; i++) {
    const v = typeof voltage === 'number' ? voltage : voltage[i]!;
    if (!(v - v === 0)) throw badVoltage('LinearIonDrift.current', i, v);
    const xi = x[i]!;
    out[i] = v / (at(rOn, i) * xi + at(rOff, i) * (1 - xi));
  }
}

function conductance(pop: DevicePopulation, out: Float64Array): void {
  checkOut('LinearIonDrift.conductance', pop, out);
  const rOn = pop.params.rOn!;
  const rOff = pop.params.rOff!;
  const x = pop.state;
  for (let i = 0; i < pop.size; i++) {
    const xi = x[i]!;
    out[i] = 1 / (at(rOn, i) * xi + at(rOff, i) * (1 - xi));
  }
}

function setConductance(pop: DevicePopulation, g: number | Float64Array): void {
  if (typeof g !== 'number') checkOut('LinearIonDrift.setConductance', pop, g, 'g');
  const rOn = pop.params.rOn!;
  const rOff = pop.params.rOff!;
  const x = pop.state;
  for (let i = 0; i < pop.size; i++) {
    const off = at(rOff, i);
    // Consistent with R(x) = rOn·x + rOff·(1 − x) (MemTorch inverts the mirror image: a MemTorch bug).
    const xi = (off - 1 / (typeof g === 'number' ? g : g[i]!)) / (off - at(rOn, i));
    x[i] = xi < 0 ? 0 : xi > 1 ? 1 : xi;
  }
}

function initialize(pop: DevicePopulation): void {
  // MemTorch reports g = 1/rOn for a fresh device; memsim makes the state agree (x = 1, LRS; a MemTorch bug).
  pop.state.fill(1);
}

/**
 * Linear ion drift (HP memristor): state x ∈ [0, 1]; R(x) = rOn·x + rOff·(1 − x);
 * dx/dt = uV·rOn/d²·i·F(x) with i = v/R(x) and F a window, applied only beyond the write thresholds.
 * Positive voltage raises conductance (polarity +1). Current recorded before the step.
 * @example
 * const device = new Memristor(LinearIonDrift, { window: 'joglekar', p: 2 });
 * device.conductance; // → 1/rOff: a new device starts in its high-resistance state
 */
export const LinearIonDrift = defineModel<LinearIonDriftParams>({
  name: 'LinearIonDrift',
  defaults: DEFAULT_LINEAR_ION_DRIFT_PARAMS,
  params: [
    { name: 'timeSeriesResolution', rule: 'positive', shared: true },
    { name: 'uV', rule: 'positive' },
    { name: 'd', rule: 'positive' },
    { name: 'rOn', rule: 'positive' },
    { name: 'rOff', rule: 'positive' },
    { name: 'posWriteThreshold', rule: 'finite' },
    { name: 'negWriteThreshold', rule: 'finite' },
    { name: 'p', rule: 'positive' },
    { name: 'j', rule: 'positive' },
  ],
  settings: [
    {
      name: 'window',
      allowed: LINEAR_ION_DRIFT_WINDOWS,
      expression: {
        compile: windowFromSetting,
        describe: `an expression in ${WINDOW_VARIABLES.join(', ')} such as '1 - (2x - 1)^(2p)'`,
      },
    },
  ],
  polarity: 1,
  readVoltage: 0.1,
  stateName: 'x',
  currentTiming: 'before-step',
  hysteresisDefaults: { duration: 4, amplitude: 5, frequency: 2.5 },
  bipolarDefaults: { amplitude: 5, frequency: 2.5 },
  step,
  current,
  setConductance,
  conductance,
  initialize,
});
