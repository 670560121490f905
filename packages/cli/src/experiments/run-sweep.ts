import { basename, join } from 'node:path';
import { initPng, renderPng } from '@memsim/plot';
import { type DatasetName, LOAD_DATASET_RULES, loadDataset } from '../data/dataset';
import { fitDataToModel } from '../data/fit-to-model';
import { writeOutput } from '../internal/files';
import { evaluate } from '../model/evaluate';
import { loadNetwork } from '../model/network';
import type { tf } from '../tf/backend';
import { initBackend } from '@memsim/layers';
import { GRID_SCALES, type GridScale, type SweepPoint, getExperiment } from './definitions';
import { type WorkerPool, createInProcessExecutor, createWorkerExecutor } from './executor';
import { type ExperimentResult, POINTS_RULE, runExperiment } from './runner';
import { STUDY_READOUT, STUDY_READOUT_TEXT } from './simulate';
import { hashDataset, hashModel } from './content-hash';
import { hashMeasured, MEASURED_SOURCE_SCHEMA, type MeasuredSource } from './measured-source';
import {
  InvalidParameterError,
  type OptionCheck,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { SweepInputs } from './inputs-record';
import type { QueueOptions } from '../queue/queue-executor';
import { QUEUE_OPTIONS_SCHEMA } from '../queue/queue-options-rules';
import { cliRule } from '../internal/option-rules';

/**
 * Options of {@link runSweep}.
 *
 * @example
 * // (typechecked, not run: a whole study; minutes)
 * const options: RunSweepOptions = { arch: 'cnn', workers: 1, png: true, seed: 1, out: 'results', scale: 'quick', limit: 1000 }; // arch, workers, png: defaults
 * const report = await runSweep('faults', options);
 */
export interface RunSweepOptions {
  /** Shipped network (`mlp`, `cnn`). Default `'cnn'`. */
  arch?: string;
  /** A model directory saved by `memsim train` (instead of `arch`). */
  model?: string;
  dataset?: DatasetName;
  data?: string;
  /** The `.npy` label vector of a `.npy` `data`. */
  labels?: string;
  /** Test samples used (the first `limit`). Default: all. */
  limit?: number;
  scale?: GridScale;
  points?: SweepPoint[];
  seeds?: number;
  seed: number;
  out: string;
  fresh?: boolean;
  /** Worker threads. Default 1 (in-process). */
  workers?: number;
  /**
   * Thread budget shared by the trial workers and the layers' GEMM threads (`--threads`): each of `workers` trials
   * reads on `threads / workers` threads (at least one). Default: the available cores.
   */
  threads?: number;
  /** A running pool to use instead of starting `workers` threads (kept open). */
  pool?: WorkerPool;
  /** Run the trials on the workers of a Redis/BullMQ queue instead of local threads. */
  queue?: QueueOptions;
  /** Write PNGs beside the SVG. Default true. */
  png?: boolean;
  /**
   * A measured device instead of the study's own (see `readMeasuredSource`): every trial patches the network onto
   * the model fitted to it; the results go to `<name>-<arch>-measured-<file>.csv`. Not with `queue`.
   */
  measured?: MeasuredSource;
  progress?: NodeJS.WritableStream | null;
}

/** A running worker pool (duck-typed, as a {@link WorkerPool}: a `size` and an `executor(setup)`). */
const poolRule: OptionCheck<WorkerPool> = (where, parameter, value) => {
  const p = value as Partial<WorkerPool> | null;
  if (typeof p !== 'object' || p === null || typeof p.executor !== 'function' || typeof p.size !== 'number')
    throw new InvalidParameterError({ where, parameter, value, expected: 'a running WorkerPool (new WorkerPool(n))' });
  return p as WorkerPool;
};

// The thread budget and the workers: the GEMM's 1 to 64 threads, as `--threads` and `--workers`.
const SCHEMA = {
  arch: option.optional(cliRule.text("a shipped network: 'mlp' or 'cnn'")),
  model: option.optional(cliRule.text('a model directory or .onnx file path')),
  dataset: option.optional(LOAD_DATASET_RULES.dataset.check),
  data: LOAD_DATASET_RULES.data,
  labels: LOAD_DATASET_RULES.labels,
  limit: LOAD_DATASET_RULES.limit,
  scale: option.withDefault(rule.oneOf(GRID_SCALES), 'quick'),
  points: option.optional(POINTS_RULE),
  seeds: option.optional(rule.positiveInteger),
  seed: option.requiredByRule(cliRule.seed),
  out: option.requiredByRule(cliRule.text('a non-empty output directory path')),
  fresh: option.withDefault(rule.boolean, false),
  workers: option.optional(rule.integerRange(1, 64)),
  threads: option.optional(rule.integerRange(1, 64)),
  pool: option.optional(poolRule),
  queue: option.optional(
    cliRule.nested<QueueOptions>(QUEUE_OPTIONS_SCHEMA, 'queue options { url, name?, attempts?, timeout?, engine? }'),
  ),
  png: option.withDefault(rule.boolean, true),
  measured: option.optional(
    cliRule.nested<MeasuredSource>(MEASURED_SOURCE_SCHEMA, 'a measured device { file, csv } (see readMeasuredSource)'),
  ),
  progress: option.optional(cliRule.stream),
} satisfies OptionsSchema<RunSweepOptions>;

/**
 * Result of {@link runSweep}: the experiment result plus the digital baseline and plot.
 *
 * @example
 * // (typechecked, not run: a whole study; minutes)
 * const report: SweepReport = await runSweep('variability', { arch: 'mlp', limit: 200, seed: 1, out: 'results', scale: 'quick' });
 * [report.digitalAccuracy, report.chance]; // the digital baseline and 1 / classes, beside report.summary
 * report.readout.text; // the batch-independent read-out every trial used
 */
export interface SweepReport extends ExperimentResult {
  title: string;
  parameters: string[];
  dataset: string;
  samples: number;
  digitalAccuracy: number;
  chance: number;
  svg: string;
  files: string[];
  /** The read-out settings every memristive trial used (batch-independent) and their description. */
  readout: { settings: typeof STUDY_READOUT; text: string };
}

/**
 * Runs one named experiment end to end: loads the data and network, measures the digital baseline, runs (or
 * resumes) the sweep, and writes `<name>-<arch>.csv`, `.timing.csv`, `.json`, `.svg` and `.png` into `out`.
 *
 * @throws {InvalidParameterError} when the experiment, the network or the data cannot be used, `measured` comes with
 *   `queue`, or an option is unknown, missing or breaks its rule (all options are checked before anything loads).
 * @example
 * // (typechecked, not run: a whole study; minutes)
 * const report = await runSweep('faults', { arch: 'cnn', limit: 1000, seed: 1, out: 'results', scale: 'quick' });
 * console.log(formatSummaryTable(report));
 */
export async function runSweep(name: string, options: RunSweepOptions): Promise<SweepReport> {
  const o = resolveOptions('runSweep', options, SCHEMA);
  const def = getExperiment(name);
  // Cross-field: queue workers run the studies with their own device models.
  if (o.measured !== undefined && o.queue !== undefined)
    throw new InvalidParameterError({
      where: 'runSweep',
      parameter: 'measured',
      value: o.measured.file,
      expected: 'given without `queue` (queue workers run the studies with their own device models)',
    });
  await initBackend();
  const source = {
    dataset: o.dataset,
    data: o.data,
    ...(o.labels ? { labels: o.labels } : {}),
  };
  const loaded = loadDataset({ ...source, split: 'test', limit: o.limit });
  const network = await loadNetwork({ arch: o.arch, model: o.model }, loaded);
  // In the layout the network takes (e.g. N×C×H×W for an imported ONNX model): workers fit it the same way.
  const fitted = fitDataToModel(loaded, network.model.inputs[0]!.shape);
  // Chance level over the network's classes (a few .npy labels need not show every class).
  const outputs = network.model.outputs[0]!.shape.at(-1);
  const data = { ...fitted, classes: Math.max(fitted.classes, typeof outputs === 'number' ? outputs : 0) };
  const digital = await evaluate((x) => network.model.predict(x) as tf.Tensor, data);
  const workers = o.pool?.size ?? o.workers ?? 1;
  const setup = {
    experiment: name,
    modelDir: network.dir,
    data: { ...source, split: 'test' as const, limit: data.count },
    ...(o.measured === undefined ? {} : { measured: o.measured }),
  };
  const scale = o.scale;
  const inputs: SweepInputs = {
    study: name,
    model: hashModel(network.dir),
    data: hashDataset(data),
    samples: data.count,
    points: o.points ?? def.grid(scale),
    seeds: o.seeds ?? def.seeds[scale],
    seed: o.seed,
    ...(o.measured === undefined ? {} : { device: hashMeasured(o.measured) }),
  };
  const executor = o.queue
    ? (await import('../queue/queue-executor')).createQueueExecutor(o.queue, {
        setup,
        inputs,
        progress: o.progress,
      })
    : o.pool
      ? o.pool.executor(setup)
      : workers > 1
        ? createWorkerExecutor(setup, workers, o.threads)
        : createInProcessExecutor(name, network.model, data, o.measured, o.threads);
  const result = await runExperiment(def, {
    // The CSV name carries the network and, beyond MNIST, the data set, so a resume never mixes them.
    // A measured device is in the name too (its data's hash is in the inputs record).
    arch: `${data.name === 'mnist' ? network.label : `${network.label}-${dataTag(data.name)}`}${
      o.measured === undefined ? '' : `-measured-${dataTag(o.measured.file)}`
    }`,
    data,
    scale,
    points: inputs.points,
    seeds: inputs.seeds,
    seed: o.seed,
    out: o.out,
    fresh: o.fresh,
    executor,
    inputs,
    progress: o.progress,
  });
  const chance = 1 / data.classes;
  const { plotExperiment } = await import('./plot-result');
  const svg = await plotExperiment(def, result.summary, { digital: digital.accuracy, chance });
  const base = join(o.out, `${def.name}-${result.arch}`);
  const files = [result.csv, result.timingCsv, `${base}.svg`, `${base}.json`];
  writeOutput(`${base}.svg`, svg);
  if (o.png) {
    await initPng();
    writeOutput(`${base}.png`, renderPng(svg));
    files.push(`${base}.png`);
  }
  const report: SweepReport = {
    ...result,
    title: def.title,
    parameters: def.parameters,
    dataset: data.name,
    samples: data.count,
    digitalAccuracy: digital.accuracy,
    chance,
    svg,
    files,
    readout: { settings: STUDY_READOUT, text: STUDY_READOUT_TEXT },
  };
  const { svg: _svg, rows: _rows, ...json } = report;
  writeOutput(`${base}.json`, `${JSON.stringify({ ...json, reference: def.reference }, null, 2)}\n`);
  network.model.dispose();
  return report;
}

/** A file-name-safe tag of a data set name or path. */
function dataTag(name: string): string {
  return (
    basename(name.replace(/\/+$/, ''))
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_-]/g, '_') || 'data'
  );
}

/**
 * Formats an experiment summary as a fixed-width text table.
 *
 * @example
 * // (typechecked, not run: the report comes from runSweep)
 * const report = await runSweep('variability', { arch: 'mlp', limit: 200, seed: 1, out: 'results', scale: 'quick' });
 * formatSummaryTable(report); // → an aligned text table, one row per grid point
 */
export function formatSummaryTable(report: Pick<SweepReport, 'parameters' | 'summary' | 'digitalAccuracy'>): string {
  const header = [...report.parameters, 'accuracy', 'std', 'n', 'Δ vs digital'];
  const rows = report.summary.map((s) => [
    ...report.parameters.map((p) => String(s.point[p])),
    s.n > 0 ? `${(100 * s.mean).toFixed(2)} %` : 'failed',
    s.n > 1 ? `${(100 * s.std).toFixed(2)}` : '-',
    s.failed > 0 ? `${s.n} (+${s.failed} failed)` : String(s.n),
    `${(100 * (s.mean - report.digitalAccuracy)).toFixed(2)}`.replace(/^-0\.00$/, '0.00'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}
