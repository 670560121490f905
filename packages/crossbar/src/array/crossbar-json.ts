// MODULES //

import { InvalidParameterError, MemsimError, base64ToBytes, bytesToBase64, checkTileShape } from '@memsim/core';
import { conductanceRange, populationFromJSON, populationToJSON } from '@memsim/devices';
import type { DevicePopulationJSON } from '@memsim/devices';
import { DEFER_INIT, RESTORE } from '../internal/defer-init';
import { checkLookupSpec } from '../lookup/lookup-spec';
import type { DeviceLookup, LookupSpec } from '../lookup/lookup-spec';
import { Crossbar } from './crossbar';

// TYPES //

/**
 * A crossbar as plain JSON (lossless): its devices, conductances, stuck mask and non-linear lookup.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const json: CrossbarJSON = crossbarToJSON(new Crossbar({ model: VTEAM, rows: 2, cols: 3 }));
 * [json.rows, json.cols, json.tileShape, json.stuck, json.lookup]; // → [2, 3, null, null, null]
 * crossbarFromJSON(json).conductance; // → the same 6 conductances, bit for bit
 */
export interface CrossbarJSON {
  /** Word lines = inputs. */
  rows: number;
  /** Bit lines = outputs. */
  cols: number;
  /** Physical tile shape, or null when untiled. */
  tileShape: [number, number] | null;
  /** `populationToJSON` of `@memsim/devices` (parameters and state of every device, tile padding included). */
  population: DevicePopulationJSON;
  /** Float64 conductances [S], rows × cols, base64 of little-endian bytes. */
  conductance: string;
  /** Stuck-device mask (1 = stuck), one byte per cell, base64; or null. */
  stuck: string | null;
  /**
   * Non-linear lookup: the table (voltages [V], currents [A]) as base64 Float64, plus the sweep that builds it
   * (absent for a fixed table, and in files written before sweeps were stored); or null.
   */
  lookup: { voltages: string; currents: string; sweep?: SweepJSON } | null;
}

/**
 * The numbers of a sweep lookup spec (`kind: 'sweep'`).
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * xbar.setLookup({ kind: 'sweep', amplitude: 1, frequency: 50e6, timeStep: 1e-10, lastStep: 50 });
 * const sweep: SweepJSON | undefined = crossbarToJSON(xbar).lookup?.sweep;
 * sweep?.lastStep; // → 50
 */
export interface SweepJSON {
  amplitude: number;
  frequency: number;
  timeStep: number;
  lastStep: number;
}

// MAIN //

const WHERE = 'crossbarFromJSON';

/**
 * Writes a crossbar as plain JSON (typed arrays as base64): every device's parameters and state, the conductance
 * matrix, the stuck mask and the non-linear lookup with its spec. {@link crossbarFromJSON} restores it exactly.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * const copy = crossbarFromJSON(JSON.parse(JSON.stringify(crossbarToJSON(xbar)))); // same outputs, bit for bit
 */
export function crossbarToJSON(xbar: Crossbar): CrossbarJSON {
  if (!Crossbar.isCrossbar(xbar))
    throw new InvalidParameterError({
      where: 'crossbarToJSON',
      parameter: 'xbar',
      value: xbar,
      expected: 'a Crossbar',
    });
  const spec = xbar.lookupSpec;
  const table = xbar.lookup;
  return {
    rows: xbar.rows,
    cols: xbar.cols,
    tileShape: xbar.tileShape ? [xbar.tileShape[0], xbar.tileShape[1]] : null,
    population: populationToJSON(xbar.population),
    conductance: bytesToBase64(xbar.conductance),
    stuck: xbar.stuck === null ? null : bytesToBase64(xbar.stuck as Uint8Array),
    lookup:
      table === null
        ? null
        : {
            voltages: bytesToBase64(table.voltages),
            currents: bytesToBase64(table.currents),
            ...(spec?.kind === 'sweep'
              ? {
                  sweep: {
                    amplitude: spec.amplitude,
                    frequency: spec.frequency,
                    timeStep: spec.timeStep,
                    lastStep: spec.lastStep,
                  },
                }
              : {}),
          },
  };
}

/**
 * Rebuilds a crossbar from {@link crossbarToJSON}'s output, checking every field first: sizes, tile shape, the
 * population (and that it has one device per cell plus padding), conductances (finite, > 0 and inside each device's
 * range), the stuck mask (0/1, one byte per cell) and the lookup (ascending voltages, finite currents, devices ×
 * samples; a sweep spec is re-checked). The restored table is taken as current; a later device change rebuilds it
 * from the sweep.
 *
 * @param json - the plain JSON (not modified).
 * @throws {InvalidParameterError} naming the first bad field as `json.<field>`.
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const saved = JSON.stringify(crossbarToJSON(new Crossbar({ model: VTEAM, rows: 2, cols: 2 })));
 * const xbar = crossbarFromJSON(JSON.parse(saved)); // the same devices, conductances and stuck mask
 */
export function crossbarFromJSON(json: CrossbarJSON): Crossbar {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    fail('json', json, 'an object written by crossbarToJSON');
  const rows = positiveInteger('rows', json.rows);
  const cols = positiveInteger('cols', json.cols);
  const tileShape = json.tileShape === null ? null : checkTileShape(WHERE, 'json.tileShape', json.tileShape);
  let population: ReturnType<typeof populationFromJSON>;
  try {
    population = populationFromJSON(json.population);
  } catch (error) {
    if (!MemsimError.isInstance(error)) throw error;
    return fail('population', json.population, `a valid device population (${error.message})`);
  }
  const xbar = new Crossbar(
    { model: population.model, rows, cols, ...(tileShape === null ? {} : { tileShape }) },
    DEFER_INIT,
  );
  if (xbar.size !== population.size)
    fail('population.size', population.size, `${xbar.size} devices for a ${rows} × ${cols} crossbar (tiles included)`);
  const conductance = float64('conductance', json.conductance, rows * cols);
  const { gMin, gMax } = conductanceRange(population);
  for (let cell = 0; cell < conductance.length; cell++) {
    const g = conductance[cell]!;
    const d = xbar.deviceIndex(Math.floor(cell / cols), cell % cols);
    // The matrix may differ from what the devices read by rounding (it is the one the chip computed with).
    const slack = 1e-9 * gMax[d]!;
    if (!(Number.isFinite(g) && g > 0 && g >= gMin[d]! - slack && g <= gMax[d]! + slack))
      fail(`conductance[${cell}]`, g, `a conductance in device ${d}'s range [${gMin[d]}, ${gMax[d]}] S`);
  }
  const stuck = json.stuck === null ? null : bytes('stuck', json.stuck, rows * cols);
  if (stuck !== null)
    for (let cell = 0; cell < stuck.length; cell++) if (stuck[cell]! > 1) fail(`stuck[${cell}]`, stuck[cell], '0 or 1');
  const { spec, table } = lookupFromJSON(json.lookup, population.size);
  xbar.restoreState(RESTORE, { population, conductance, stuck, lookupSpec: spec, table });
  return xbar;
}

function lookupFromJSON(
  json: CrossbarJSON['lookup'],
  devices: number,
): { spec: LookupSpec | null; table: DeviceLookup | null } {
  if (json === null) return { spec: null, table: null };
  if (typeof json !== 'object' || json === undefined) fail('lookup', json, 'null or { voltages, currents, sweep? }');
  const voltages = float64('lookup.voltages', json.voltages, null);
  const currents = float64('lookup.currents', json.currents, null);
  let table: LookupSpec;
  try {
    table = checkLookupSpec(WHERE, { kind: 'table', voltages, currents }, devices);
  } catch (error) {
    if (!InvalidParameterError.isInstance(error)) throw error;
    return fail(`lookup.${error.parameter.replace(/^spec\./, '')}`, error.value, error.expected);
  }
  const tableData = table as DeviceLookup;
  if (json.sweep === undefined) return { spec: table, table: tableData };
  const s = json.sweep as unknown;
  if (typeof s !== 'object' || s === null) fail('lookup.sweep', s, '{ amplitude, frequency, timeStep, lastStep }');
  let spec: LookupSpec;
  try {
    spec = checkLookupSpec(WHERE, { ...(s as SweepJSON), kind: 'sweep' }, devices);
  } catch (error) {
    if (!InvalidParameterError.isInstance(error)) throw error;
    return fail(`lookup.sweep.${error.parameter.replace(/^spec\./, '')}`, error.value, error.expected);
  }
  return { spec, table: { voltages: tableData.voltages, currents: tableData.currents } };
}

function fail(field: string, value: unknown, expected: string): never {
  throw new InvalidParameterError({ where: WHERE, parameter: `json.${field}`, value, expected });
}

function positiveInteger(field: string, value: unknown): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) fail(field, value, 'a positive integer');
  return value as number;
}

/** Base64 bytes, `length` of them when given. */
function bytes(field: string, text: unknown, length: number | null): Uint8Array {
  if (typeof text !== 'string') fail(field, text, 'a base64 string');
  let out: Uint8Array;
  try {
    out = base64ToBytes(text as string);
  } catch (error) {
    if (!MemsimError.isInstance(error)) throw error;
    return fail(field, text, 'valid base64');
  }
  if (length !== null && out.length !== length) fail(field, `${out.length} bytes`, `${length} bytes (base64)`);
  return out;
}

/** Base64 little-endian Float64 values, `length` of them when given. */
function float64(field: string, text: unknown, length: number | null): Float64Array {
  const raw = bytes(field, text, length === null ? null : length * 8);
  if (raw.length % 8 !== 0) fail(field, `${raw.length} bytes`, 'a whole number of Float64 values (8 bytes each)');
  return new Float64Array(raw.buffer, raw.byteOffset, raw.length / 8).slice();
}
