// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { checkPopulation } from '../internal/check-population';
import type { DeviceLookup } from '../population/device-lookup';
import type { DevicePopulation } from '../population/device-population';
import { at, fileNameRule, readCsv } from './read-csv';

// TYPES //

/**
 * One measured I-V sample.
 *
 * @example
 * const rows: MeasuredIVRow[] = [{ voltage: -0.2, current: -4e-4 }, { voltage: 0.1, current: 1e-4 }, { voltage: 0.2, current: 4e-4 }];
 * measuredIV(rows).currents; // → Float64Array [0, 1e-4, 4e-4] at voltages [0, 0.1, 0.2] V
 */
export interface MeasuredIVRow {
  /** Applied voltage [V]. */
  voltage: number;
  /** Measured current [A]. */
  current: number;
}

/**
 * Options of {@link measuredIV}.
 *
 * @example
 * const options: MeasuredIVOptions = { file: 'data', readVoltage: 0.1 }; // the defaults
 * measuredIV('voltage,current\n0.1,1e-4\n0.2,4e-4', options).readConductance; // → 0.001 S (I(0.1 V) / 0.1 V)
 */
export interface MeasuredIVOptions {
  /** File name used in error messages. @default 'data' */
  file?: string;
  /** Voltage at which the curve's conductance I(V)/V is taken [V], > 0, inside the sweep. @default 0.1 */
  readVoltage?: number;
}

/**
 * A per-device I(V) table.
 *
 * @example
 * const iv = measuredIV('voltage,current\n0.1,1e-4\n0.2,4e-4');
 * const lookup: IVLookup = iv.lookupFor(createPopulation(VTEAM, 2)); // the same table as DeviceLookup
 *
 * @deprecated Use {@link DeviceLookup}, the one type of that table (this alias goes in the next minor release).
 */
export type IVLookup = DeviceLookup;

/**
 * What {@link measuredIV} returns: the measured curve as a non-linear read-out table.
 *
 * @example
 * const iv: MeasuredIV = measuredIV('voltage,current\n0.1,1e-4\n0.2,4e-4');
 * iv.voltages; // → Float64Array [0, 0.1, 0.2] ((0 V, 0 A) added)
 */
export interface MeasuredIV {
  /** Voltages [V], ascending from 0 (the odd part of the sweep: I(v) = (I(v) − I(−v))/2 where both were measured). */
  voltages: Float64Array;
  /** Currents [A] at `voltages`. */
  currents: Float64Array;
  /** Conductance I(readVoltage)/readVoltage of the measured device [S]. */
  readConductance: number;
  /**
   * The table for every device of a population: the measured curve scaled by each device's conductance over
   * `readConductance` (same shape, each device's own level). Attach it as a crossbar's `lookup` and read with the
   * `'nonlinear'` MVM mode.
   */
  lookupFor(pop: DevicePopulation): DeviceLookup;
}

const WHERE = 'measuredIV';
/** The rules of {@link MeasuredIVOptions}. */
const SCHEMA = {
  file: option.withDefault(fileNameRule, 'data'),
  readVoltage: option.withDefault(rule.positive, 0.1),
} satisfies OptionsSchema<MeasuredIVOptions>;

// MAIN //

/**
 * Turns a measured I-V sweep (CSV columns `voltage` [V], `current` [A]) into the non-linear read-out table of
 * `@memsim/crossbar` (the table `@memsim/nonideality` `nonLinear` builds by simulation, here from a measurement):
 * samples are sorted, repeated voltages averaged, the curve made odd (I(−v) = −I(v), as the crossbar extends it) by
 * averaging both branches where the sweep covers both signs, and (0 V, 0 A) added.
 *
 * @param data - CSV text, or rows.
 * @throws {InvalidParameterError} naming the file and line: malformed CSV, a missing column, a non-numeric value,
 * fewer than 2 distinct |V|, or a zero conductance at `readVoltage`.
 * @example
 * import { readFileSync } from 'node:fs';
 * // (typechecked, not run: reads your measurement file)
 * const iv = measuredIV(readFileSync('iv.csv', 'utf8'), { file: 'iv.csv' });
 * const pop = createPopulation(VTEAM, 16);
 * const lookup = iv.lookupFor(pop); // on a crossbar: xbar.setLookup({ kind: 'table', ...lookup }), then mvm(x, b, mapped, { mode: 'nonlinear' })
 */
export function measuredIV(data: string | readonly MeasuredIVRow[], options: MeasuredIVOptions = {}): MeasuredIV {
  const { file, readVoltage } = resolveOptions(WHERE, options, SCHEMA);
  const rows =
    typeof data === 'string'
      ? readCsv(WHERE, data, file, ['voltage', 'current']).map((r) => ({
          v: r.values.voltage!,
          i: r.values.current!,
          line: r.line,
        }))
      : (Array.isArray(data) ? data : []).map((r, k) => {
          if (!(Number.isFinite(r?.voltage) && Number.isFinite(r?.current)))
            throw new InvalidParameterError({
              where: at(WHERE, file, k + 1),
              parameter: 'voltage, current',
              value: r,
              expected: 'finite numbers',
            });
          return { v: r.voltage, i: r.current, line: k + 1 };
        });
  // Odd part per |V|: average of I(v) and −I(−v) over the samples at that magnitude.
  const byMagnitude = new Map<number, { sum: number; n: number }>();
  for (const r of rows) {
    const m = Math.abs(r.v);
    if (m === 0) continue;
    const e = byMagnitude.get(m) ?? { sum: 0, n: 0 };
    e.sum += Math.sign(r.v) * r.i;
    e.n++;
    byMagnitude.set(m, e);
  }
  const lastLine = rows.length > 0 ? rows[rows.length - 1]!.line : 1;
  if (byMagnitude.size < 2)
    throw new InvalidParameterError({
      where: at(WHERE, file, lastLine),
      parameter: 'voltage',
      value: [...byMagnitude.keys()],
      expected: 'at least 2 distinct non-zero |V| samples',
    });
  const magnitudes = [...byMagnitude.keys()].sort((a, b) => a - b);
  const voltages = Float64Array.from([0, ...magnitudes]);
  const currents = Float64Array.from([0, ...magnitudes.map((m) => byMagnitude.get(m)!.sum / byMagnitude.get(m)!.n)]);
  if (readVoltage > voltages[voltages.length - 1]!)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'readVoltage',
      value: readVoltage,
      expected: `inside the measured sweep (|V| ≤ ${voltages[voltages.length - 1]} V)`,
    });
  let k = 1;
  while (voltages[k]! < readVoltage) k++;
  const t = (readVoltage - voltages[k - 1]!) / (voltages[k]! - voltages[k - 1]!);
  const readCurrent = currents[k - 1]! + t * (currents[k]! - currents[k - 1]!);
  const readConductance = readCurrent / readVoltage;
  if (!(readConductance > 0))
    throw new InvalidParameterError({
      where: at(WHERE, file, lastLine),
      parameter: 'current',
      value: readCurrent,
      expected: `a positive current at the read voltage ${readVoltage} V (the table is scaled by I/V there)`,
    });
  return {
    voltages,
    currents,
    readConductance,
    lookupFor(pop: DevicePopulation): DeviceLookup {
      checkPopulation('measuredIV.lookupFor', pop);
      const g = new Float64Array(pop.size);
      pop.model.conductance(pop, g);
      const s = voltages.length;
      const out = new Float64Array(pop.size * s);
      for (let d = 0; d < pop.size; d++) {
        const f = g[d]! / readConductance;
        for (let j = 0; j < s; j++) out[d * s + j] = currents[j]! * f;
      }
      return { voltages: voltages.slice(), currents: out };
    },
  };
}
