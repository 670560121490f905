import { checkKnownKeys, InvalidParameterError } from '@memsim/core';
import type { CurrentTiming, DeviceModel, DevicePopulation, Polarity } from '../population/device-population';
import { isStochasticParameter } from '../stochastic/stochastic-parameter';
import { checkKernelPopulation, checkTargetConductance } from './check-kernel-call';

/** Range rule of one numeric parameter. */
export type ParamRule = 'positive' | 'finite' | 'nonNegative' | 'binary';

/** Declaration of one numeric parameter of a model. */
export interface ParamSpec {
  name: string;
  rule: ParamRule;
  /** The value must be one plain number shared by all devices (no StochasticParameter). */
  shared?: boolean;
  /** The value is an array of coefficients, flattened into `name0`, `name1`, … in a population. */
  coefficients?: boolean;
}

/** Declaration of one string setting of a model. */
export interface SettingSpec {
  name: string;
  allowed: readonly string[];
  /**
   * When given, any other text is a user expression: this compiles (and caches) it, throwing InvalidParameterError
   * naming the setting; `describe` says what such an expression may use.
   */
  expression?: { compile: (text: string, where: string) => unknown; describe: string };
}

/** Everything a model file declares; {@link defineModel} adds validation and flattening. */
export interface ModelSpec<P> {
  name: string;
  defaults: P;
  params: readonly ParamSpec[];
  settings?: readonly SettingSpec[];
  polarity: Polarity;
  readVoltage: number;
  stateName: string;
  currentTiming: CurrentTiming;
  hysteresisDefaults: { duration: number; amplitude: number; frequency: number };
  bipolarDefaults: { amplitude: number; frequency: number };
  /** Extra checks across parameters, after sampling; `size` devices; throw InvalidParameterError. */
  crossCheck?: (params: Readonly<Record<string, number | Float64Array>>, where: string) => void;
  needsRng?: (params: Readonly<Record<string, number | Float64Array>>) => boolean;
  step: DeviceModel<P>['step'];
  current: DeviceModel<P>['current'];
  setConductance: DeviceModel<P>['setConductance'];
  conductance: DeviceModel<P>['conductance'];
  initialize: DeviceModel<P>['initialize'];
  beginSimulation?: DeviceModel<P>['beginSimulation'];
  /**
   * Optional single-device time loop used by Memristor.simulate (device 0 of `pop`): the same per-sample update
   * and current law as `step`/`current` with the parameters hoisted out of the loop. Records currents into `out`
   * (when not null) at `currentTiming`. Throws NumericalError naming the sample.
   */
  trace?: (pop: DevicePopulation, voltages: ArrayLike<number>, dt: number, out: Float64Array | null) => void;
}

/** A DeviceModel plus the internal hook createPopulation uses. */
export interface DefinedModel<P> extends DeviceModel<P> {
  /** Optional single-device time loop (see ModelSpec.trace). */
  trace?: (pop: DevicePopulation, voltages: ArrayLike<number>, dt: number, out: Float64Array | null) => void;
  /** Whether stepping needs a random generator for these parameters. */
  needsRng(params: Readonly<Record<string, number | Float64Array>>): boolean;
  /** Checks parameter values that may be stochastic and fills defaults; returns the merged object. */
  resolve(params: unknown, where: string): Record<string, unknown>;
  /**
   * Checks `params` where only `name` changed since they were last checked: that parameter's rule, the resistance
   * order when it is `rOn` or `rOff`, and the model's cross-check. Same errors as `checkParams`.
   */
  checkChangedParam(params: Readonly<Record<string, number | Float64Array>>, name: string, where: string): void;
}

const RULE_TEXT: Record<ParamRule, string> = {
  positive: 'a finite number > 0',
  finite: 'a finite number',
  nonNegative: 'a finite number >= 0',
  binary: '0 or 1',
};

function passes(rule: ParamRule, v: number): boolean {
  switch (rule) {
    case 'positive':
      return v > 0 && v < Number.POSITIVE_INFINITY;
    case 'finite':
      return v - v === 0;
    case 'nonNegative':
      return v >= 0 && v < Number.POSITIVE_INFINITY;
    case 'binary':
      return v === 0 || v === 1;
  }
}

/** Index of the first entry of `a` that breaks `rule`, or -1 (one specialised loop per rule). */
function firstViolation(rule: ParamRule, a: Float64Array): number {
  const n = a.length;
  switch (rule) {
    case 'positive':
      for (let i = 0; i < n; i++) if (!(a[i]! > 0 && a[i]! < Number.POSITIVE_INFINITY)) return i;
      return -1;
    case 'nonNegative':
      for (let i = 0; i < n; i++) if (!(a[i]! >= 0 && a[i]! < Number.POSITIVE_INFINITY)) return i;
      return -1;
    case 'finite':
      for (let i = 0; i < n; i++) if (!(a[i]! - a[i]! === 0)) return i;
      return -1;
    case 'binary':
      for (let i = 0; i < n; i++) if (!(a[i] === 0 || a[i] === 1)) return i;
      return -1;
  }
}

/** Checks a number or every entry of a per-device array against `rule`; names the device on failure. */
export function checkRule(where: string, name: string, rule: ParamRule, value: number | Float64Array): void {
  if (typeof value === 'number') {
    if (!passes(rule, value))
      throw new InvalidParameterError({ where, parameter: name, value, expected: RULE_TEXT[rule] });
    return;
  }
  const i = firstViolation(rule, value);
  if (i >= 0)
    throw new InvalidParameterError({
      where,
      parameter: `${name}[${i}]`,
      value: value[i],
      expected: `${RULE_TEXT[rule]} (device ${i} drew it; narrow the distribution with \`min\`/\`max\`)`,
    });
}

/** Value of a number-or-array parameter for device i. */
export function at(value: number | Float64Array, i: number): number {
  return typeof value === 'number' ? value : value[i]!;
}

/** `0 < rOn < rOff` on every device (numbers or arrays). */
export function checkResistanceOrder(params: Readonly<Record<string, number | Float64Array>>, where: string): void {
  const rOn = params.rOn;
  const rOff = params.rOff;
  if (rOn === undefined || rOff === undefined) return;
  const n = Math.max(typeof rOn === 'number' ? 1 : rOn.length, typeof rOff === 'number' ? 1 : rOff.length);
  // One monomorphic loop per shape (millions of devices); the error is built only for the first violation.
  let i = -1;
  if (typeof rOn === 'number' && typeof rOff === 'number') i = rOn < rOff ? -1 : 0;
  else if (typeof rOn === 'number') {
    const off = rOff as Float64Array;
    for (let k = 0; k < n; k++)
      if (!(rOn < off[k]!)) {
        i = k;
        break;
      }
  } else if (typeof rOff === 'number') {
    for (let k = 0; k < n; k++)
      if (!(rOn[k]! < rOff)) {
        i = k;
        break;
      }
  } else {
    for (let k = 0; k < n; k++)
      if (!(rOn[k]! < rOff[k]!)) {
        i = k;
        break;
      }
  }
  if (i >= 0)
    throw new InvalidParameterError({
      where,
      parameter: typeof rOn === 'number' && typeof rOff === 'number' ? 'rOn' : `rOn[${i}]`,
      value: at(rOn, i),
      expected: `smaller than \`rOff\` (${at(rOff, i)})`,
    });
}

/** Builds a full DeviceModel from a spec: validation, flattening of coefficient arrays, defaults. */
export function defineModel<P>(spec: ModelSpec<P>): DefinedModel<P> {
  const defaults = Object.freeze({ ...spec.defaults }) as Readonly<P>;
  const settings = spec.settings ?? [];
  const allowedKeys = [...spec.params.map((p) => p.name), ...settings.map((s) => s.name)];
  const parameterNames: string[] = [];
  for (const p of spec.params) {
    if (p.coefficients) {
      const coefficients = (defaults as Record<string, unknown>)[p.name] as readonly number[];
      for (let k = 0; k < coefficients.length; k++) parameterNames.push(`${p.name}${k}`);
    } else parameterNames.push(p.name);
  }
  const paramWhere = `${spec.name} params`;

  const resolve = (params: unknown, where: string): Record<string, unknown> => {
    checkKnownKeys(where, params, allowedKeys);
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries((params as Record<string, unknown> | undefined) ?? {}))
      if (value !== undefined) merged[key] = value;
    for (const p of spec.params) {
      const value = merged[p.name];
      if (p.coefficients) {
        const count = ((defaults as Record<string, unknown>)[p.name] as readonly number[]).length;
        if (!Array.isArray(value) || value.length !== count)
          throw new InvalidParameterError({
            where,
            parameter: p.name,
            value,
            expected: `an array of ${count} polynomial coefficients`,
          });
        for (let k = 0; k < value.length; k++) checkOne(where, `${p.name}[${k}]`, p, value[k]);
        merged[p.name] = value.slice();
      } else checkOne(where, p.name, p, value);
    }
    for (const s of settings) {
      const value = merged[s.name];
      const named = `one of ${s.allowed.map((a) => `'${a}'`).join(', ')}`;
      if (typeof value === 'string' && s.allowed.includes(value)) continue;
      if (typeof value === 'string' && s.expression !== undefined) {
        try {
          s.expression.compile(value, where);
        } catch (error) {
          if (!InvalidParameterError.isInstance(error)) throw error;
          throw new InvalidParameterError({
            where,
            parameter: s.name,
            value,
            expected: `${named}, or ${error.expected}`,
          });
        }
        continue;
      }
      throw new InvalidParameterError({
        where,
        parameter: s.name,
        value,
        expected: s.expression === undefined ? named : `${named}, or ${s.expression.describe}`,
      });
    }
    return merged;
  };

  const flatten = (params: Readonly<Record<string, unknown>>) => {
    const numeric: Record<string, unknown> = {};
    const out: Record<string, string> = {};
    for (const p of spec.params) {
      const value = params[p.name];
      if (p.coefficients) {
        const list = value as unknown[];
        for (let k = 0; k < list.length; k++) numeric[`${p.name}${k}`] = list[k];
      } else numeric[p.name] = value;
    }
    for (const s of settings) out[s.name] = params[s.name] as string;
    return { numeric, settings: out };
  };

  const checkParams = (
    params: Readonly<Record<string, number | Float64Array>>,
    where: string,
    options: { resistanceOrderChecked?: boolean } = {},
  ): void => {
    for (const p of spec.params) {
      if (p.coefficients) {
        for (const key of Object.keys(params))
          if (key.startsWith(p.name) && /^\d+$/.test(key.slice(p.name.length)))
            checkRule(where, key, p.rule, params[key]!);
      } else if (params[p.name] !== undefined) {
        const value = params[p.name]!;
        if (p.shared && typeof value !== 'number')
          throw new InvalidParameterError({
            where,
            parameter: p.name,
            value,
            expected: 'one number shared by all devices',
          });
        checkRule(where, p.name, p.rule, value);
      }
    }
    if (!options.resistanceOrderChecked || (typeof params.rOn === 'number' && typeof params.rOff === 'number'))
      checkResistanceOrder(params, where);
    spec.crossCheck?.(params, where);
  };

  const specOf = new Map<string, ParamSpec>();
  for (const p of spec.params) {
    if (p.coefficients) {
      const count = ((defaults as Record<string, unknown>)[p.name] as readonly number[]).length;
      for (let k = 0; k < count; k++) specOf.set(`${p.name}${k}`, p);
    } else specOf.set(p.name, p);
  }

  const checkChangedParam = (
    params: Readonly<Record<string, number | Float64Array>>,
    name: string,
    where: string,
  ): void => {
    const p = specOf.get(name);
    const value = params[name];
    if (p === undefined || value === undefined) {
      checkParams(params, where);
      return;
    }
    if (p.shared && !p.coefficients && typeof value !== 'number')
      throw new InvalidParameterError({ where, parameter: name, value, expected: 'one number shared by all devices' });
    checkRule(where, name, p.rule, value);
    if (name === 'rOn' || name === 'rOff') checkResistanceOrder(params, where);
    spec.crossCheck?.(params, where);
  };

  const model: DefinedModel<P> = {
    name: spec.name,
    defaults,
    polarity: spec.polarity,
    readVoltage: spec.readVoltage,
    stateName: spec.stateName,
    currentTiming: spec.currentTiming,
    parameterNames: Object.freeze(parameterNames),
    hysteresisDefaults: Object.freeze({ ...spec.hysteresisDefaults }),
    bipolarDefaults: Object.freeze({ ...spec.bipolarDefaults }),
    validate(params?: Partial<P>): P {
      const merged = resolve(params, paramWhere);
      const { numeric } = flatten(merged);
      for (const [key, value] of Object.entries(numeric))
        if (isStochasticParameter(value))
          throw new InvalidParameterError({
            where: paramWhere,
            parameter: key,
            value,
            expected: 'a number (pass stochastic parameters to createPopulation or Memristor)',
          });
      checkParams(numeric as Record<string, number>, paramWhere);
      return Object.freeze(merged) as P;
    },
    // The four kernel entries are public (`model.step(pop, v, dt)`): each checks `pop` in O(1) first; the kernels
    // themselves check dt, voltage and out shapes; setConductance also checks every target value (O(n)).
    step: (pop, voltage, dt) => {
      checkKernelPopulation(`${spec.name}.step`, spec.name, pop);
      spec.step(pop, voltage, dt);
    },
    current: (pop, voltage, out) => {
      checkKernelPopulation(`${spec.name}.current`, spec.name, pop);
      spec.current(pop, voltage, out);
    },
    setConductance: (pop, g) => {
      checkKernelPopulation(`${spec.name}.setConductance`, spec.name, pop);
      checkTargetConductance(`${spec.name}.setConductance`, pop, g);
      spec.setConductance(pop, g);
    },
    conductance: (pop, out) => {
      checkKernelPopulation(`${spec.name}.conductance`, spec.name, pop);
      spec.conductance(pop, out);
    },
    initialize: spec.initialize,
    beginSimulation: spec.beginSimulation ?? ((_pop: DevicePopulation) => undefined),
    checkParams,
    flatten,
    needsRng: spec.needsRng ?? (() => false),
    ...(spec.trace ? { trace: spec.trace } : {}),
    resolve,
    checkChangedParam,
  };
  return Object.freeze(model);
}

function checkOne(where: string, name: string, p: ParamSpec, value: unknown): void {
  if (isStochasticParameter(value)) {
    if (p.shared)
      throw new InvalidParameterError({
        where,
        parameter: name,
        value,
        expected: 'a plain number shared by all devices (not stochastic)',
      });
    return;
  }
  if (typeof value !== 'number' || !passes(p.rule, value))
    throw new InvalidParameterError({
      where,
      parameter: name,
      value,
      expected: `${RULE_TEXT[p.rule]} or a StochasticParameter`,
    });
}
