import { base64ToBytes, bytesToBase64, createRng, InvalidParameterError, type RngState } from '@memsim/core';
import { checkPopulation } from '../internal/check-population';
import { findModel } from '../models/model-registry';
import { measuredModelFromSpec, measuredModelSpec } from '../measured/measured-device';
import type { MeasuredModelSpec } from '../measured/measured-device';
import { resolveIntegration } from './create-population';
import type { DevicePopulation, IntegrationConfig } from './device-population';

/**
 * A Float64Array written losslessly as base64 of its little-endian bytes.
 *
 * @example
 * const state: Float64ArrayJSON = populationToJSON(createPopulation(VTEAM, 4)).state;
 * Buffer.from(state.float64, 'base64').length; // → 32 (4 states × 8 bytes)
 */
export interface Float64ArrayJSON {
  float64: string;
}

/**
 * Serialised form of a {@link DevicePopulation} (lossless).
 *
 * @example
 * const json: DevicePopulationJSON = populationToJSON(createPopulation(VTEAM, 4));
 * [json.format, json.model, json.size]; // → ['memsim.devicePopulation', 'VTEAM', 4]
 * const copy = populationFromJSON(JSON.parse(JSON.stringify(json))); // the same states and parameters
 */
export interface DevicePopulationJSON {
  format: 'memsim.devicePopulation';
  version: 1;
  model: string;
  size: number;
  state: Float64ArrayJSON;
  params: Record<string, number | Float64ArrayJSON>;
  settings: Record<string, string>;
  aux: Record<string, Float64ArrayJSON>;
  integration: IntegrationConfig;
  rng: RngState | null;
  /**
   * A model built from data (`measuredDevice`): its step table (Float64 arrays as base64) and fitted defaults, so the
   * population reloads without the data. Absent for the built-in models, which are found by name.
   */
  modelSpec?: MeasuredModelSpecJSON;
}

/**
 * A {@link MeasuredModelSpec} as JSON (the table's arrays as base64 of their float64 bytes).
 *
 * @example
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1]; // mS: a read, 4 SET pulses, 4 RESET pulses
 * const rows = g.map((mS, pulse) => ({ cycle: 0, pulse, polarity: pulse === 0 ? 0 : pulse <= 4 ? 1 : -1, conductance: mS * 1e-3 }));
 * const device = measuredDevice(rows, { spread: false }); // one cycle: no spread to fit
 * const spec: MeasuredModelSpecJSON | undefined = populationToJSON(createPopulation(device.model, 2, device.params)).modelSpec;
 * spec?.fitted; // → { pulseWidth: 1e-6, vThreshold: 0.75, rOn: 200, rOff: 1000 }
 */
export interface MeasuredModelSpecJSON {
  kind: 'measured';
  table: Record<'setConductance' | 'setStep' | 'resetConductance' | 'resetStep', Float64ArrayJSON>;
  fitted: MeasuredModelSpec['fitted'];
}

function encode(a: Float64Array): Float64ArrayJSON {
  const bytes = new Uint8Array(a.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i]!, true);
  return { float64: bytesToBase64(bytes) };
}

function decode(where: string, name: string, value: unknown, size: number): Float64Array {
  const s = (value as Float64ArrayJSON | null)?.float64;
  if (typeof s !== 'string')
    throw new InvalidParameterError({ where, parameter: name, value, expected: '{ float64: base64 string }' });
  const bytes = base64ToBytes(s);
  if (bytes.length !== size * 8)
    throw new InvalidParameterError({
      where,
      parameter: name,
      value: `${bytes.length} bytes`,
      expected: `${size * 8} bytes (${size} float64 values)`,
    });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/**
 * Serialises a population losslessly (typed arrays as base64 of their float64 bytes; the noise generator's state
 * included), so `populationFromJSON(JSON.parse(JSON.stringify(populationToJSON(pop))))` equals `pop` bit for bit.
 *
 * @throws {InvalidParameterError} when `pop` is not a population.
 * @example
 * const pop = createPopulation(VTEAM, 4, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
 * const text = JSON.stringify(populationToJSON(pop)); // typed arrays as base64: works in browsers too
 */
export function populationToJSON(pop: DevicePopulation): DevicePopulationJSON {
  checkPopulation('populationToJSON', pop);
  const params: Record<string, number | Float64ArrayJSON> = {};
  for (const [k, v] of Object.entries(pop.params)) params[k] = typeof v === 'number' ? v : encode(v);
  const aux: Record<string, Float64ArrayJSON> = {};
  for (const [k, v] of Object.entries(pop.aux)) aux[k] = encode(v);
  return {
    format: 'memsim.devicePopulation',
    version: 1,
    model: pop.model.name,
    size: pop.size,
    state: encode(pop.state),
    params,
    settings: { ...pop.settings },
    aux,
    integration: { ...pop.integration },
    rng: pop.rng === null ? null : pop.rng.toJSON(),
    ...specJSON(pop.model),
  };
}

/** `{ modelSpec }` for a measured model, else nothing. */
function specJSON(model: unknown): { modelSpec?: MeasuredModelSpecJSON } {
  const spec = measuredModelSpec(model);
  if (spec === null) return {};
  const t = spec.table;
  return {
    modelSpec: {
      kind: 'measured',
      table: {
        setConductance: encode(t.setConductance),
        setStep: encode(t.setStep),
        resetConductance: encode(t.resetConductance),
        resetStep: encode(t.resetStep),
      },
      fitted: { ...spec.fitted },
    },
  };
}

/** Rebuilt measured models by their saved spec, so the populations of one saved chip share one model object. */
const REBUILT = new Map<string, ReturnType<typeof measuredModelFromSpec>>();

/** The model of a saved population: the built-in one of that name, or the measured model its spec rebuilds. */
function modelOf(where: string, json: DevicePopulationJSON) {
  if (json.modelSpec === undefined) return findModel(where, json.model);
  const spec = json.modelSpec;
  if (typeof spec !== 'object' || spec === null || spec.kind !== 'measured')
    throw new InvalidParameterError({
      where,
      parameter: 'modelSpec',
      value: spec,
      expected: "a measured model spec { kind: 'measured', table, fitted }",
    });
  const key = JSON.stringify(spec);
  let model = REBUILT.get(key);
  if (model === undefined) {
    const length = (name: string) => {
      const s = (spec.table as Record<string, Float64ArrayJSON | undefined>)?.[name]?.float64;
      return typeof s === 'string' ? base64ToBytes(s).length / 8 : -1;
    };
    const table = Object.fromEntries(
      (['setConductance', 'setStep', 'resetConductance', 'resetStep'] as const).map((name) => [
        name,
        decode(where, `modelSpec.table.${name}`, spec.table?.[name], Math.max(0, Math.floor(length(name)))),
      ]),
    ) as unknown as MeasuredModelSpec['table'];
    model = measuredModelFromSpec(where, { kind: 'measured', table, fitted: spec.fitted });
    REBUILT.set(key, model);
  }
  return model;
}

/**
 * Rebuilds a population from {@link populationToJSON}'s output, checking every parameter again.
 *
 * @throws {InvalidParameterError} for a wrong format, an unknown model, bad array lengths or invalid values.
 * @example
 * const pop = createPopulation(VTEAM, 4, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
 * const copy = populationFromJSON(JSON.parse(JSON.stringify(populationToJSON(pop))));
 * copy.params.rOn; // → the same four values, bit for bit
 */
export function populationFromJSON(json: DevicePopulationJSON): DevicePopulation {
  const where = 'populationFromJSON';
  if (typeof json !== 'object' || json === null || json.format !== 'memsim.devicePopulation' || json.version !== 1)
    throw new InvalidParameterError({
      where,
      parameter: 'json',
      value: json,
      expected: 'the output of populationToJSON (format memsim.devicePopulation, version 1)',
    });
  const model = modelOf(where, json);
  const size = json.size;
  if (!(Number.isInteger(size) && size >= 1))
    throw new InvalidParameterError({ where, parameter: 'size', value: size, expected: 'a positive integer' });
  const params: Record<string, number | Float64Array> = {};
  for (const name of model.parameterNames) {
    const v = json.params?.[name];
    if (v === undefined)
      throw new InvalidParameterError({ where, parameter: `params.${name}`, value: v, expected: 'present' });
    params[name] = typeof v === 'number' ? v : decode(where, `params.${name}`, v, size);
  }
  for (const key of Object.keys(json.params ?? {}))
    if (!model.parameterNames.includes(key))
      throw new InvalidParameterError({
        where,
        parameter: `params.${key}`,
        value: json.params[key],
        expected: `a parameter of ${model.name}`,
      });
  model.checkParams(params, `${where}(${model.name})`);
  const aux: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(json.aux ?? {})) aux[k] = decode(where, `aux.${k}`, v, size);
  // Settings are checked by resolving them as parameters of the model.
  const settings = { ...(json.settings ?? {}) };
  model.flatten(model.resolve(settings, `${where}(${model.name})`));
  const pop: DevicePopulation = {
    model,
    size,
    state: new Float64Array(size),
    params,
    settings: Object.freeze(settings),
    aux: {},
    integration: resolveIntegration(where, json.integration),
    rng: json.rng === null || json.rng === undefined ? null : createRng({ state: json.rng }),
  };
  // Let the model create its auxiliary arrays, then restore the saved state and arrays over them.
  model.initialize(pop);
  pop.state.set(decode(where, 'state', json.state, size));
  Object.assign(pop.aux, aux);
  return pop;
}
