import { checkOneOf, InvalidParameterError, option, rule } from '@memsim/core';
import { DATASET_NAMES, type DatasetName } from '../data/dataset';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import { SHARED_ARGS } from './shared-args';
import { compileExpression } from '@memsim/devices';
import { EXPERIMENT_NAMES, getExperiment, type SweepPoint } from '../experiments/definitions';
import { readMeasuredSource } from '../experiments/measured-source';
import { formatSummaryTable, runSweep } from '../experiments/run-sweep';
import { COMMON_OPTIONS, type Command, DATA_OPTIONS } from './command';
import { QUEUE_OPTIONS, queueOptions } from './queue-options';
import { outDirectory } from '../internal/out-dir';

/**
 * The numeric flags of `memsim experiment`, resolved once; a study's own flag is one more line here. `--limit` and
 * `--seeds` stay absent when not given: the grid (quick or full) and the study pick them.
 */
const EXPERIMENT_ARGS = {
  ...SHARED_ARGS,
  limit: option.optional(numberArg(rule.positiveInteger)),
  seeds: option.optional(numberArg(rule.positiveInteger)),
};

/** `memsim experiment <name>`: one MemTorch study as a resumable sweep. */
export const experimentCommand: Command = {
  name: 'experiment',
  defaultOut: 'memsim-results',
  usage: `memsim experiment <${[...EXPERIMENT_NAMES, 'seizure'].join('|')}> [options]`,
  summary:
    'Runs one study as a sweep (quick grid by default, --full for the reference grid): every trial patches the trained network onto memristive hardware, applies the non-idealities, tunes and measures the test accuracy. Rows are appended to OUT/<name>-<arch>.csv as trials finish; rerunning resumes.',
  options: {
    arch: { type: 'string', description: 'shipped network: cnn | mlp', default: 'cnn' },
    model: {
      type: 'string',
      description: 'a model directory saved by memsim train, or an ONNX file (PyTorch export) (instead of --arch)',
    },
    full: { type: 'boolean', description: "the reference's full sweep grid" },
    seeds: { type: 'string', description: 'Monte-Carlo seeds per point', default: "the experiment's" },
    limit: { type: 'string', description: 'use the first N test samples', default: '1000 (quick), all (--full)' },
    workers: { type: 'string', description: 'worker threads for the trials (at most --threads)', default: '2' },
    threads: {
      type: 'string',
      description: "thread budget shared by the trial workers and the layers' GEMM threads",
      default: 'available cores',
    },
    fresh: { type: 'boolean', description: 'overwrite the CSV instead of resuming' },
    measured: {
      type: 'string',
      description:
        "a measured device instead of the study's (CSV: cycle, pulse, polarity, conductance [S]; see memsim device --measured)",
    },
    'noise-expression': {
      type: 'string',
      description:
        "programming-noise only: your σ/g_max as an expression in x = g/g_max (e.g. '0.02 + 0.03*x'), swept over the noise scales instead of aihwkit's PCM and ReRAM fits",
    },
    csv: { type: 'string', description: 'seizure only: the UCI Epileptic Seizure Recognition CSV' },
    folds: { type: 'string', description: 'seizure only: cross-validation folds', default: '5' },
    epochs: { type: 'string', description: 'seizure only: training epochs per fold', default: '20' },
    ...DATA_OPTIONS,
    ...QUEUE_OPTIONS,
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    const v = args.values;
    if (args.positionals.length !== 1)
      throw new InvalidParameterError({
        where: 'memsim experiment',
        parameter: 'name',
        value: args.positionals.join(' ') || undefined,
        expected: `exactly one of ${[...EXPERIMENT_NAMES, 'seizure'].join(', ')}`,
      });
    const name = args.positionals[0]!;
    // The name first (every study, seizure included), so a typo creates no output folder.
    checkOneOf('memsim experiment', 'name', name, [...EXPERIMENT_NAMES, 'seizure']);
    const o = resolveArgs('experiment', v, EXPERIMENT_ARGS);
    const seed = o.seed;
    const out = outDirectory('experiment', v.out, 'memsim-results');
    if (name === 'seizure') {
      const { runSeizureCommand } = await import('./seizure');
      return runSeizureCommand(args, context, { seed, out });
    }
    const full = v.full === true;
    const points = noiseExpressionPoints(name, v['noise-expression'], full);
    if (typeof v.measured === 'string' && v.queue !== undefined)
      throw new InvalidParameterError({
        where: 'memsim experiment',
        parameter: '--measured',
        value: v.measured,
        expected: 'used without --queue (queue workers run the studies with their own device models)',
      });
    // Read and fitted before anything runs: bad data stops here, naming the file and line.
    const measured = typeof v.measured === 'string' ? readMeasuredSource(v.measured) : undefined;
    const report = await runSweep(name, {
      arch: v.arch as string | undefined,
      model: v.model as string | undefined,
      dataset: checkOneOf('memsim experiment', '--dataset', v.dataset ?? 'mnist', DATASET_NAMES) as DatasetName,
      data: v.data as string | undefined,
      ...(v.labels === undefined ? {} : { labels: v.labels as string }),
      limit: o.limit ?? (full ? Number.POSITIVE_INFINITY : 1000),
      scale: full ? 'full' : 'quick',
      ...(points === undefined ? {} : { points }),
      ...(o.seeds === undefined ? {} : { seeds: o.seeds }),
      seed,
      out,
      fresh: v.fresh === true,
      ...(measured === undefined ? {} : { measured }),
      // One thread budget: trial workers never exceed it, and each trial's layers get their share of it.
      threads: o.threads,
      workers: Math.min(o.threads, o.workers),
      queue: await queueOptions(v),
      progress: context.progress,
    });
    if (v.json) {
      const { svg: _svg, ...json } = report;
      context.stdout.write(`${JSON.stringify(json)}\n`);
    } else {
      context.stdout.write(
        `${report.title}\n${report.dataset}, ${report.samples} test samples, network ${report.arch}: digital ${(100 * report.digitalAccuracy).toFixed(2)} %, chance ${(100 * report.chance).toFixed(1)} %\n`,
      );
      context.stdout.write(formatSummaryTable(report));
      context.stdout.write(`${report.readout.text}\n`);
      context.stdout.write(
        `${report.ran} trials run, ${report.resumed} resumed, ${report.seconds.toFixed(1)} s; per trial: patch ${report.timing.patch.toFixed(2)} s, tune ${report.timing.tune.toFixed(2)} s, inference ${report.timing.inference.toFixed(2)} s\nfiles: ${report.files.join(', ')}\n`,
      );
    }
    return 0;
  },
};

/**
 * `--noise-expression`: the programming-noise grid's scales with the user's σ/g_max expression as the model (checked
 * here, before anything runs); undefined without the option.
 */
function noiseExpressionPoints(
  name: string,
  raw: string | boolean | undefined,
  full: boolean,
): SweepPoint[] | undefined {
  if (raw === undefined) return undefined;
  if (name !== 'programming-noise')
    throw new InvalidParameterError({
      where: 'memsim experiment',
      parameter: '--noise-expression',
      value: raw,
      expected: `used with the programming-noise study only (not ${name})`,
    });
  const expression = String(raw);
  compileExpression(expression, { variables: ['x'], where: 'memsim experiment', parameter: '--noise-expression' });
  const scales = new Set(
    getExperiment(name)
      .grid(full ? 'full' : 'quick')
      .map((p) => p.scale),
  );
  return [...scales].map((scale) => ({ model: expression, scale: scale! }));
}
