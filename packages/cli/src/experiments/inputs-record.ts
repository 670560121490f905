import { existsSync, readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { writeOutput } from '../internal/files';
import { canonicalJson } from './content-hash';
import type { SweepPoint } from './definitions';

/**
 * What a sweep's results depend on: the study, the model's and the data's content, and every setting.
 *
 * @example
 * const data = loadDataset({ limit: 200 });
 * const inputs: SweepInputs = { study: 'variability', model: hashModel(shippedModelDirectory('mlp')), data: hashDataset(data), samples: 200, points: [], seeds: 1, seed: 1 };
 * describeDifferences(inputs, { ...inputs, seeds: 3 }); // → ['seeds (1 vs 3)']: why a resume would be refused
 */
export interface SweepInputs {
  study: string;
  /** Content hash of the model files (see `hashModel`). */
  model: string;
  /** Content hash of the evaluated samples (see `hashDataset`). */
  data: string;
  /** Test samples per trial. */
  samples: number;
  points: SweepPoint[];
  seeds: number;
  seed: number;
  /** Content hash of a measured device's CSV (`--measured`); absent for the study's own device. */
  device?: string;
}

/**
 * The inputs record beside a results CSV: `<name>-<arch>.inputs.json`.
 *
 * @example
 * inputsRecordPath('out/variability.csv'); // → 'out/variability.inputs.json'
 */
export function inputsRecordPath(csv: string): string {
  return `${csv.replace(/\.csv$/, '')}.inputs.json`;
}

/**
 * Names the inputs that differ between two sweeps, e.g. `model (content 1a2b3c4d… vs 5e6f7a8b…)`; `[]` if none.
 *
 * @example
 * const was = { study: 'variability', model: 'mlp', data: 'mnist', samples: 200, points: [], seeds: 1, seed: 1 };
 * describeDifferences(was, { ...was, samples: 500 }); // → one line naming `samples`
 */
export function describeDifferences(was: SweepInputs, now: SweepInputs): string[] {
  const short = (v: unknown) => {
    const s = typeof v === 'string' ? v : canonicalJson(v);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  };
  const out: string[] = [];
  for (const key of ['study', 'model', 'data', 'device', 'samples', 'points', 'seeds', 'seed'] as const) {
    const a = was[key];
    const b = now[key];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    const hashed = key === 'model' || key === 'data' || key === 'device';
    const what = hashed ? `${key} content` : key;
    out.push(
      hashed
        ? `${what} (${String(a ?? 'none').slice(0, 12)} vs ${String(b ?? 'none').slice(0, 12)})`
        : `${what} (${short(a)} vs ${short(b)})`,
    );
  }
  return out;
}

/**
 * Binds a results CSV to the inputs that made it, so a resume never mixes results of another model, data set or
 * setting (even under the same file name): with `fresh`, or when `csv` has no rows yet, writes the record; otherwise
 * checks it.
 *
 * @throws {InvalidParameterError} when the CSV has rows but no record, or a record of other inputs (naming which).
 * @example
 * // (typechecked, not run: writes results/variability.inputs.json)
 * const inputs = { study: 'variability', model: 'mlp', data: 'mnist', samples: 200, points: [], seeds: 1, seed: 1 };
 * bindInputsRecord('results/variability.csv', inputs, false); // throws if the CSV was made from other inputs
 */
export function bindInputsRecord(csv: string, inputs: SweepInputs, fresh: boolean): void {
  const record = inputsRecordPath(csv);
  const hasRows = existsSync(csv) && readFileSync(csv, 'utf8').split('\n').filter(Boolean).length > 1;
  if (!fresh && hasRows) {
    let was: SweepInputs | null = null;
    try {
      was = JSON.parse(readFileSync(record, 'utf8')) as SweepInputs;
    } catch {
      was = null;
    }
    const differs = was === null ? ['no inputs record beside it'] : describeDifferences(was, inputs);
    if (differs.length > 0)
      throw new InvalidParameterError({
        where: 'memsim experiment',
        parameter: '--out',
        value: csv,
        expected: '',
        message: `memsim experiment: ${csv} holds results of other inputs, so it cannot be resumed: ${differs.join(', ')}; pass --fresh or another --out.`,
      });
    return;
  }
  writeOutput(record, `${JSON.stringify(JSON.parse(canonicalJson(inputs)), null, 2)}\n`);
}
