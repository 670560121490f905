import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidParameterError, type OptionsSchema, option } from '@memsim/core';
import * as devices from '@memsim/devices';
import { cliRule } from '../internal/option-rules';
import { sha256 } from './content-hash';
import type { HardwareSpec } from './hardware';

/**
 * A measured device for the studies (`memsim experiment … --measured pulses.csv`): the CSV text itself, so worker
 * threads fit the same model without reading the file again, and its name for error messages and file names.
 *
 * @example
 * // Two identical cycles: a read, 4 SET pulses of +1 mS, 4 RESET pulses (readMeasuredSource reads such a file).
 * const g = [1, 2, 3, 4, 5, 4, 3, 2, 1];
 * const rows = [0, 1].flatMap((cycle) => g.map((mS, pulse) => `${cycle},${pulse},${pulse === 0 ? 0 : pulse <= 4 ? 1 : -1},${mS * 1e-3}`));
 * const source: MeasuredSource = { file: 'pulses.csv', csv: ['cycle,pulse,polarity,conductance', ...rows].join('\n') };
 * patchOptions({ ...NOVEL_DEFAULTS, measured: source }, 1).device?.params; // → { rOn: 200, rOff: 1000, … } fitted to the data
 */
export interface MeasuredSource {
  /** File name (no folder) used in error messages and in the results' file name. */
  file: string;
  /** The CSV (`cycle, pulse, polarity, conductance`; see @memsim/devices `measuredDevice`). */
  csv: string;
}

/** The rules of {@link MeasuredSource} (`runSweep` resolves its `measured` by them). */
export const MEASURED_SOURCE_SCHEMA = {
  file: option.requiredByRule(cliRule.text('a non-empty file name')),
  csv: option.requiredByRule(cliRule.text('the CSV text of the measurements (see readMeasuredSource)')),
} satisfies OptionsSchema<MeasuredSource>;

/**
 * Reads and fits a measured-device CSV once, so bad data stops the command before any trial runs (the error names
 * the file and line).
 *
 * @throws {InvalidParameterError} when the file cannot be read or its data is invalid.
 * @example
 * // (typechecked, not run: reads your measurement file)
 * const source = readMeasuredSource('my-device.csv'); // fitted once, then used by every trial
 */
export function readMeasuredSource(path: string): MeasuredSource {
  let csv: string;
  try {
    csv = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidParameterError({
      where: 'memsim experiment',
      parameter: '--measured',
      value: path,
      expected: `a readable CSV file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  const source = { file: basename(path), csv };
  fitMeasured(source);
  return source;
}

const FITS = new Map<string, devices.MeasuredDevice>();

/** The fitted device of a source, fitted once per thread (every trial of a sweep shares the model). */
export function fitMeasured(source: MeasuredSource): devices.MeasuredDevice {
  const key = `${source.file}\n${source.csv}`;
  let device = FITS.get(key);
  if (device === undefined) {
    device = devices.measuredDevice(source.csv, { file: source.file });
    FITS.set(key, device);
  }
  return device;
}

/** Content hash of a source's data (recorded beside the results, so a resume never mixes devices). */
export function hashMeasured(source: MeasuredSource): string {
  return sha256(source.csv);
}

/**
 * The study's hardware with its device model replaced by the measured one (everything else as the study sets it);
 * the digital baseline (null) stays digital.
 */
export function withMeasured(spec: HardwareSpec | null, source: MeasuredSource | undefined): HardwareSpec | null {
  return source === undefined || spec === null ? spec : { ...spec, measured: source };
}
