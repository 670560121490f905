import {
  DataDriven,
  DataDriven2021,
  type DeviceModel,
  LINEAR_ION_DRIFT_WINDOWS,
  LinearIonDrift,
  StanfordPKU,
  VTEAM,
} from '@memsim/devices';

/** The five device models of @memsim/devices, by the name the page and the URL use. */
// biome-ignore lint/suspicious/noExplicitAny: the lab drives models of any parameter type through one interface.
export const DEVICE_MODELS: Readonly<Record<string, DeviceModel<any>>> = Object.freeze({
  VTEAM,
  LinearIonDrift,
  DataDriven,
  DataDriven2021,
  StanfordPKU,
});

/** Model names in menu order. */
export const DEVICE_MODEL_NAMES: readonly string[] = Object.keys(DEVICE_MODELS);

/** Window functions of LinearIonDrift (the only model with a window). */
export const WINDOWS: readonly string[] = LINEAR_ION_DRIFT_WINDOWS;

/** SI unit of a device parameter, for the parameter table (by name; '' when dimensionless). */
export function parameterUnit(name: string): string {
  if (/^r(On|Off|Th)?$|^r[PN]\d*$|^r(On|Off)$/.test(name)) return name === 'rTh' ? 'K/W' : 'Ω';
  if (name === 'timeSeriesResolution') return 's';
  if (/^v(On|Off|0)$|Threshold$|^readVoltage$/.test(name)) return 'V';
  if (/^k(On|Off)$|^vel0$/.test(name)) return 'm/s';
  if (/^(d|xOn|xOff|gapInit|gapMin|gapMax|g0|a0|tOx)$/.test(name)) return 'm';
  if (name === 'uV') return 'm²/(V·s)';
  if (name === 'i0') return 'A';
  if (/^t(Init|Crit|Smth)$/.test(name)) return 'K';
  if (name === 'fMin') return 'V/m';
  if (name === 'eA') return 'eV';
  return '';
}

/** The numeric scalar defaults of a model (arrays such as DataDriven's `rP` coefficients are left at default). */
export function numericDefaults(name: string): Record<string, number> {
  const model = DEVICE_MODELS[name]!;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(model.defaults as Record<string, unknown>)) if (typeof v === 'number') out[k] = v;
  return out;
}
