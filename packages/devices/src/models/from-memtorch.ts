import { checkKnownKeys, InvalidParameterError } from '@memsim/core';
import type { DeviceModel, StochasticParams } from '../population/device-population';

/** MemTorch constructor argument → memsim parameter, per model (MemTorch 1.1.6 signatures). */
const NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  LinearIonDrift: {
    time_series_resolution: 'timeSeriesResolution',
    u_v: 'uV',
    d: 'd',
    r_on: 'rOn',
    r_off: 'rOff',
    pos_write_threshold: 'posWriteThreshold',
    neg_write_threshold: 'negWriteThreshold',
    p: 'p',
  },
  VTEAM: {
    time_series_resolution: 'timeSeriesResolution',
    r_off: 'rOff',
    r_on: 'rOn',
    d: 'd',
    k_on: 'kOn',
    k_off: 'kOff',
    alpha_on: 'alphaOn',
    alpha_off: 'alphaOff',
    v_on: 'vOn',
    v_off: 'vOff',
    x_on: 'xOn',
    x_off: 'xOff',
  },
  DataDriven: {
    time_series_resolution: 'timeSeriesResolution',
    r_off: 'rOff',
    r_on: 'rOn',
    A_p: 'rateP',
    A_n: 'rateN',
    t_p: 'tP',
    t_n: 'tN',
    k_p: 'kP',
    k_n: 'kN',
    r_p: 'rP',
    r_n: 'rN',
    eta: 'eta',
    a_p: 'aP',
    a_n: 'aN',
    b_p: 'bP',
    b_n: 'bN',
  },
  DataDriven2021: {
    time_series_resolution: 'timeSeriesResolution',
    r_off: 'rOff',
    r_on: 'rOn',
    A_p: 'rateP',
    A_n: 'rateN',
    t_p: 'tP',
    t_n: 'tN',
    k_p: 'kP',
    k_n: 'kN',
    r_p: 'rP',
    r_n: 'rN',
    a_p: 'aP',
    a_n: 'aN',
    b_p: 'bP',
    b_n: 'bN',
  },
  StanfordPKU: {
    time_series_resolution: 'timeSeriesResolution',
    r_off: 'rOff',
    r_on: 'rOn',
    gap_init: 'gapInit',
    g_0: 'g0',
    V_0: 'v0',
    I_0: 'i0',
    read_voltage: 'readVoltage',
    T_init: 'tInit',
    R_th: 'rTh',
    gamma_init: 'gammaInit',
    beta: 'beta',
    t_ox: 'tOx',
    F_min: 'fMin',
    vel_0: 'vel0',
    E_a: 'eA',
    a_0: 'a0',
    delta_g_init: 'deltaGInit',
    model_switch: 'modelSwitch',
    T_crit: 'tCrit',
    T_smth: 'tSmth',
  },
});

/**
 * Renames a MemTorch `memristor_model_params` dictionary (snake_case, e.g. `{ r_on: 50, time_series_resolution: 1e-10 }`)
 * to memsim's parameter names for `model`. Values (numbers, arrays, stochastic parameters) are passed through;
 * validate them with `model.validate` or `createPopulation`. LinearIonDrift's window is not a MemTorch argument: the
 * result uses memsim's default window unless you add `window`.
 *
 * @throws {InvalidParameterError} for a key that is not an argument of the MemTorch model, with a suggestion.
 * @example
 * fromMemTorch(VTEAM, { r_on: 100, time_series_resolution: 1e-9 }); // → { rOn: 100, timeSeriesResolution: 1e-9 }
 */
export function fromMemTorch<P>(model: DeviceModel<P>, params: Readonly<Record<string, unknown>>): StochasticParams<P> {
  const names = NAMES[model?.name];
  if (names === undefined)
    throw new InvalidParameterError({
      where: 'fromMemTorch',
      parameter: 'model',
      value: model,
      expected: `one of ${Object.keys(NAMES).join(', ')}`,
    });
  const where = `fromMemTorch(${model.name})`;
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new InvalidParameterError({
      where,
      parameter: 'params',
      value: params,
      expected: 'an object of MemTorch constructor arguments',
    });
  checkKnownKeys(where, params, Object.keys(names));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[names[key]!] = value;
  return out as StochasticParams<P>;
}
