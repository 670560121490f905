import { join } from 'node:path';
import {
  InvalidParameterError,
  type OptionCheck,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { Dataset } from '../data/dataset';
import { cliRule, sweepPointRule } from '../internal/option-rules';
import { createProgress } from '../internal/progress';
import { CsvLog, type CsvRow } from './csv-log';
import { type ExperimentDefinition, GRID_SCALES, type GridScale, type SweepPoint } from './definitions';
import { bindInputsRecord, type SweepInputs } from './inputs-record';
import type { TrialResult } from './simulate';

/**
 * One Monte-Carlo trial to run: a sweep point and a seed.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const tasks: TrialTask[] = [];
 * const executor: TrialExecutor = { workers: 1, async run(list, onResult) {
 *   for (const task of list) { tasks.push(task); onResult(task, { accuracy: 0.5, timing: { patch: 0, tune: 0, inference: 0 } }); }
 * } };
 * await runExperiment(getExperiment('variability'), { arch: 'mlp', data: { count: 100, name: 'mnist', classes: 10 }, seed: 7, seeds: 2, points: [{ sigma: 0 }], out: mkdtempSync(join(tmpdir(), 'memsim-')), executor, progress: null });
 * tasks; // → [{ index: 0, point: { sigma: 0 }, repetition: 0, seed: 7 }, { index: 1, point: { sigma: 0 }, repetition: 1, seed: 8 }]
 */
export interface TrialTask {
  /** Position in the grid order (point-major, then repetition). */
  index: number;
  point: SweepPoint;
  /** Repetition number, 0-based. */
  repetition: number;
  /** Seed of this trial: `baseSeed + repetition` (the same for every point: common random numbers). */
  seed: number;
}

/**
 * Runs trials; results may arrive in any order (worker threads), the runner restores grid order.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const executor: TrialExecutor = { workers: 1, async run(tasks, onResult) { // a stand-in: every trial scores 0.9
 *   for (const task of tasks) onResult(task, { accuracy: 0.9, timing: { patch: 0, tune: 0, inference: 0 } });
 * } };
 * const result = await runExperiment(getExperiment('faults'), { arch: 'mlp', data: { count: 100, name: 'mnist', classes: 10 }, seed: 1, out: mkdtempSync(join(tmpdir(), 'memsim-')), executor, progress: null });
 * result.summary[0].mean; // → 0.9
 */
export interface TrialExecutor {
  run(
    tasks: TrialTask[],
    onResult: (task: TrialTask, result: Pick<TrialResult, 'accuracy' | 'timing' | 'failure'>) => void,
  ): Promise<void>;
  /** Parallel trials. */
  readonly workers: number;
}

/**
 * Options of {@link runExperiment}.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const executor: TrialExecutor = { workers: 1, async run(tasks, onResult) { // a stand-in: every trial scores 0.9
 *   for (const task of tasks) onResult(task, { accuracy: 0.9, timing: { patch: 0, tune: 0, inference: 0 } });
 * } };
 * const options: RunExperimentOptions = { arch: 'mlp', data: { count: 100, name: 'mnist', classes: 10 }, scale: 'quick', seed: 1, out: mkdtempSync(join(tmpdir(), 'memsim-')), executor, progress: null }; // scale: the default
 * (await runExperiment(getExperiment('faults'), options)).ran; // → 27 (9 quick points × 3 seeds)
 */
export interface RunExperimentOptions {
  /** Network label written in the CSV (`mlp`, `cnn`, or a model directory's name). */
  arch: string;
  /** The evaluation data (only its `count` and `name` are used here; the executor holds the samples). */
  data: Pick<Dataset, 'count' | 'name' | 'classes'>;
  /** Grid size. Default `'quick'`. */
  scale?: GridScale;
  /** Override the grid. */
  points?: SweepPoint[];
  /** Seeds per point. Default: the experiment's for `scale`. */
  seeds?: number;
  /** Base seed. */
  seed: number;
  /** Output directory: `<name>-<arch>.csv` (results) and `<name>-<arch>.timing.csv`. */
  out: string;
  /** Overwrite instead of resuming. */
  fresh?: boolean;
  executor: TrialExecutor;
  /**
   * The content hashes and settings the results depend on, recorded beside the CSV (`.inputs.json`): a resume into
   * a CSV made from other inputs is refused, naming what differs. Without it, only the CSV's rows are checked.
   */
  inputs?: SweepInputs;
  /** Progress stream; null silences it. */
  progress?: NodeJS.WritableStream | null;
}

/** The evaluation data as the runner reads it: a sample count, a name and a number of classes (a Dataset fits). */
const dataRule: OptionCheck<Pick<Dataset, 'count' | 'name' | 'classes'>> = (where, parameter, value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'the evaluation data: a Dataset, or { count, name, classes }',
    });
  const d = value as Partial<Dataset>;
  rule.nonNegativeInteger(where, `${parameter}.count`, d.count);
  cliRule.text()(where, `${parameter}.name`, d.name);
  rule.positiveInteger(where, `${parameter}.classes`, d.classes);
  return value as Pick<Dataset, 'count' | 'name' | 'classes'>;
};

/** A trial executor: `run(tasks, onResult)` and a number of `workers`. */
const executorRule: OptionCheck<TrialExecutor> = (where, parameter, value) => {
  const e = value as Partial<TrialExecutor> | null;
  if (typeof e !== 'object' || e === null || typeof e.run !== 'function' || typeof e.workers !== 'number')
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a TrialExecutor { run(tasks, onResult), workers } (e.g. createInProcessExecutor)',
    });
  return e as TrialExecutor;
};

/** The rules of a list of sweep points (`runSweep` shares them). */
export const POINTS_RULE = cliRule.list(sweepPointRule, 'a non-empty array of sweep points, e.g. [{ sigma: 50 }]');

/** The rules of {@link SweepInputs}, each written once. */
export const SWEEP_INPUTS_SCHEMA = {
  study: option.requiredByRule(cliRule.text()),
  model: option.requiredByRule(cliRule.text('a content hash of the model (hashModel)')),
  data: option.requiredByRule(cliRule.text('a content hash of the data (hashDataset)')),
  samples: option.requiredByRule(rule.nonNegativeInteger),
  points: option.requiredByRule((where, parameter, value) =>
    Array.isArray(value) && value.length === 0 ? [] : POINTS_RULE(where, parameter, value),
  ),
  seeds: option.requiredByRule(rule.positiveInteger),
  seed: option.requiredByRule(cliRule.seed),
  device: option.optional(cliRule.text('a content hash of the measured device (hashMeasured)')),
} satisfies OptionsSchema<SweepInputs>;

const SCHEMA = {
  arch: option.requiredByRule(cliRule.text('a network label for the CSV name, e.g. mlp')),
  data: option.requiredByRule(dataRule),
  scale: option.withDefault(rule.oneOf(GRID_SCALES), 'quick'),
  points: option.optional(POINTS_RULE),
  seeds: option.optional(rule.positiveInteger),
  seed: option.requiredByRule(cliRule.seed),
  out: option.requiredByRule(cliRule.text('a non-empty output directory path')),
  fresh: option.withDefault(rule.boolean, false),
  executor: option.requiredByRule(executorRule),
  inputs: option.optional(
    cliRule.nested<SweepInputs>(
      SWEEP_INPUTS_SCHEMA,
      'the inputs record { study, model, data, samples, points, seeds, seed }',
    ),
  ),
  progress: option.optional(cliRule.stream),
} satisfies OptionsSchema<RunExperimentOptions>;

/**
 * One aggregated sweep point.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const executor: TrialExecutor = { workers: 1, async run(tasks, onResult) { // a stand-in: every trial scores 0.9
 *   for (const task of tasks) onResult(task, { accuracy: 0.9, timing: { patch: 0, tune: 0, inference: 0 } });
 * } };
 * const result = await runExperiment(getExperiment('faults'), { arch: 'mlp', data: { count: 100, name: 'mnist', classes: 10 }, seed: 1, out: mkdtempSync(join(tmpdir(), 'memsim-')), executor, progress: null });
 * const first: PointSummary = result.summary[0];
 * first; // → { point: { kind: 'LRS', rate: 0 }, mean: 0.9, std: 0, n: 3, failed: 0 }
 */
export interface PointSummary {
  point: SweepPoint;
  /** Mean accuracy over the seeds that ran, in [0, 1] (NaN when none did). */
  mean: number;
  /** Sample standard deviation over the seeds (0 with one seed). */
  std: number;
  /** Seeds with an accuracy. */
  n: number;
  /** Seeds whose hardware could not be built. */
  failed: number;
}

/**
 * Result of {@link runExperiment}.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const executor: TrialExecutor = { workers: 1, async run(tasks, onResult) { // a stand-in: every trial scores 0.9
 *   for (const task of tasks) onResult(task, { accuracy: 0.9, timing: { patch: 0, tune: 0, inference: 0 } });
 * } };
 * const out = mkdtempSync(join(tmpdir(), 'memsim-'));
 * const result: ExperimentResult = await runExperiment(getExperiment('faults'), { arch: 'mlp', data: { count: 100, name: 'mnist', classes: 10 }, seed: 1, out, executor, progress: null });
 * [result.ran, result.resumed, result.rows.length]; // → [27, 0, 27]; result.csv = <out>/faults-mlp.csv
 */
export interface ExperimentResult {
  name: string;
  arch: string;
  csv: string;
  timingCsv: string;
  /** Every row of the results CSV, in grid order. */
  rows: CsvRow[];
  summary: PointSummary[];
  /** Trials run now (not resumed). */
  ran: number;
  /** Trials taken from the CSV. */
  resumed: number;
  /** Mean seconds per phase over the trials run now. */
  timing: { patch: number; tune: number; inference: number; trials: number };
  seconds: number;
}

/**
 * The CSV columns of an experiment: `arch, <parameters…>, seed, samples, accuracy, failure` (`accuracy` empty and
 * `failure` set when the trial's devices could not be drawn).
 * @example
 * experimentColumns(getExperiment('variability')); // → ['arch', 'sigma', 'seed', 'samples', 'accuracy', 'failure']
 */
export function experimentColumns(def: ExperimentDefinition): string[] {
  return ['arch', ...def.parameters, 'seed', 'samples', 'accuracy', 'failure'];
}

/**
 * A resumed results row must be one memsim could have written: an integer seed and sample count, and an accuracy in
 * [0, 1] (or empty with a failure reason). Checked for every row before any trial runs, so a corrupted CSV is refused
 * at start rather than averaged into the results.
 */
export function validateResultRow(row: CsvRow): string | null {
  const integer = (v: string | undefined) => v !== undefined && /^-?\d+$/.test(v);
  if (!integer(row.seed)) return `seed '${row.seed}' is not an integer`;
  if (!integer(row.samples)) return `samples '${row.samples}' is not an integer`;
  if (row.accuracy === '') return row.failure ? null : 'an empty accuracy without a failure reason';
  const a = Number(row.accuracy);
  if (!(row.accuracy !== undefined && a >= 0 && a <= 1)) return `accuracy '${row.accuracy}' is not a number in [0, 1]`;
  return null;
}

function keyOf(def: ExperimentDefinition, point: SweepPoint | CsvRow, seed: number | string): string {
  return [...def.parameters.map((p) => String(point[p])), String(seed)].join('|');
}

/** Mean and sample standard deviation. */
export function meanStd(values: number[]): { mean: number; std: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Runs (or resumes) a sweep: builds the grid × seeds task list, skips the trials already in the CSV, runs the rest
 * on the executor, appends each row in grid order as soon as it and all earlier ones are done, and aggregates
 * mean ± std per point. The CSV is identical whether the sweep ran in one go or was interrupted and resumed, and
 * whatever the number of workers.
 *
 * @throws {InvalidParameterError} when the existing CSV belongs to different settings, a point lacks one of the
 *   experiment's parameters, or an option is unknown, missing or breaks its rule.
 * @example
 * // (typechecked, not run: a whole study; minutes)
 * const data = loadDataset({ split: 'test', limit: 500 });
 * const network = await loadNetwork({ arch: 'cnn' }, data);
 * const executor = createInProcessExecutor('variability', network.model, data);
 * await runExperiment(getExperiment('variability'), { arch: 'cnn', data, seed: 1, out: 'results', executor, scale: 'quick' });
 */
export async function runExperiment(
  def: ExperimentDefinition,
  options: RunExperimentOptions,
): Promise<ExperimentResult> {
  const started = performance.now();
  const o = resolveOptions('runExperiment', options, SCHEMA);
  const scale = o.scale;
  const points = o.points ?? def.grid(scale);
  // Cross-field: every point names a value for each of the experiment's parameters (its CSV columns).
  for (const [i, point] of points.entries())
    for (const p of def.parameters)
      if (point[p] === undefined)
        throw new InvalidParameterError({
          where: 'runExperiment',
          parameter: `points[${i}].${p}`,
          value: undefined,
          expected: `a value: every point of '${def.name}' sets ${def.parameters.map((q) => `\`${q}\``).join(', ')}`,
        });
  const seeds = o.seeds ?? def.seeds[scale];
  const tasks: TrialTask[] = [];
  for (const point of points)
    for (let r = 0; r < seeds; r++) tasks.push({ index: tasks.length, point, repetition: r, seed: o.seed + r });
  const columns = experimentColumns(def);
  const csv = join(o.out, `${def.name}-${o.arch}.csv`);
  const timingCsv = join(o.out, `${def.name}-${o.arch}.timing.csv`);
  if (o.inputs !== undefined) bindInputsRecord(csv, o.inputs, o.fresh);
  const log = new CsvLog(csv, columns, { fresh: o.fresh, validate: validateResultRow });
  const timingLog = new CsvLog(timingCsv, [...def.parameters, 'seed', 'patch_s', 'tune_s', 'inference_s'], {
    fresh: o.fresh,
  });

  const wanted = new Map(tasks.map((t) => [keyOf(def, t.point, t.seed), t]));
  const byIndex = new Map<number, CsvRow>();
  for (const row of log.existing) {
    const task = wanted.get(keyOf(def, row, row.seed!));
    if (task === undefined || row.arch !== o.arch || Number(row.samples) !== o.data.count || byIndex.has(task.index))
      throw new InvalidParameterError({
        where: 'memsim experiment',
        parameter: '--out',
        value: csv,
        expected: `rows of this sweep only (found a row for other settings: ${columns.map((c) => `${c}=${row[c]}`).join(' ')}); pass --fresh or another --out`,
      });
    byIndex.set(task.index, row);
  }
  // Resumed rows form a prefix of the grid order (rows are only ever appended in order).
  const pending = tasks.filter((t) => !byIndex.has(t.index));
  const progress = createProgress({
    label: `${def.name} (${o.arch})`,
    total: tasks.length,
    done: tasks.length - pending.length,
    stream: o.progress,
  });
  if (pending.length < tasks.length && o.progress)
    o.progress.write(
      `${def.name}: resuming, ${tasks.length - pending.length} of ${tasks.length} trials already in ${csv}\n`,
    );

  let next = 0;
  while (next < tasks.length && byIndex.has(next)) next++;
  const done = new Map<number, CsvRow>();
  let sums = { patch: 0, tune: 0, inference: 0 };
  await o.executor.run(pending, (task, result) => {
    const failed = result.failure !== undefined || !Number.isFinite(result.accuracy);
    const row: CsvRow = {
      arch: o.arch,
      seed: String(task.seed),
      samples: String(o.data.count),
      accuracy: failed ? '' : String(result.accuracy),
      failure: failed ? (result.failure ?? 'no accuracy').replace(/[,\n"]/g, ';') : '',
    };
    for (const p of def.parameters) row[p] = String(task.point[p]);
    done.set(task.index, row);
    sums = {
      patch: sums.patch + result.timing.patch,
      tune: sums.tune + result.timing.tune,
      inference: sums.inference + result.timing.inference,
    };
    timingLog.append({
      ...Object.fromEntries(def.parameters.map((p) => [p, String(task.point[p])])),
      seed: String(task.seed),
      patch_s: result.timing.patch.toFixed(4),
      tune_s: result.timing.tune.toFixed(4),
      inference_s: result.timing.inference.toFixed(4),
    });
    while (done.has(next)) {
      const r = done.get(next)!;
      log.append(r);
      byIndex.set(next, r);
      done.delete(next);
      next++;
      while (next < tasks.length && byIndex.has(next) && !done.has(next)) next++;
    }
    progress.tick(
      `${def.parameters.map((p) => `${p}=${task.point[p]}`).join(' ')} seed=${task.seed}: ${failed ? 'failed (devices could not be drawn)' : `${(100 * result.accuracy).toFixed(2)} %`}`,
    );
  });

  const rows = tasks.map((t) => byIndex.get(t.index)!);
  const summary: PointSummary[] = points.map((point) => {
    const mine = rows.filter((r) => def.parameters.every((p) => r[p] === String(point[p])));
    const accs = mine.filter((r) => r.accuracy !== '').map((r) => Number(r.accuracy));
    const stats = accs.length > 0 ? meanStd(accs) : { mean: Number.NaN, std: Number.NaN };
    return { point, ...stats, n: accs.length, failed: mine.length - accs.length };
  });
  const ran = pending.length;
  return {
    name: def.name,
    arch: o.arch,
    csv,
    timingCsv,
    rows,
    summary,
    ran,
    resumed: tasks.length - ran,
    timing: {
      patch: sums.patch / Math.max(ran, 1),
      tune: sums.tune / Math.max(ran, 1),
      inference: sums.inference / Math.max(ran, 1),
      trials: ran,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
