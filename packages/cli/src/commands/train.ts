import { join } from 'node:path';
import { checkOneOf } from '@memsim/core';
import { existsSync, statSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { type Dataset, type DatasetName, loadDataset, sliceDataset } from '../data/dataset';
import { channelsLast } from '../data/fit-to-model';
import { option, rule } from '@memsim/core';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import { SHARED_ARGS } from './shared-args';
import { ARCHITECTURE_NAMES, type ArchitectureName } from '../model/architectures';
import { evaluate } from '../model/evaluate';
import { trainModel } from '../model/train';
import { withBackend } from '../tf/backend';
import { initBackend } from '@memsim/layers';
import { loadModel, saveModel } from '../tf/model-io';
import { registerWasmTrainingKernels } from '../tf/wasm-kernels';
import { COMMON_OPTIONS, type Command, DATA_OPTIONS } from './command';
import { outDirectory } from '../internal/out-dir';

/** The numeric flags of `memsim train`, resolved once (`--limit` absent: every sample). */
const TRAIN_ARGS = {
  seed: SHARED_ARGS.seed,
  epochs: option.withDefault(numberArg(rule.positiveInteger), 3),
  limit: option.withDefault(numberArg(rule.positiveInteger), Number.POSITIVE_INFINITY),
};

/** The held-out fraction of `memsim train` without --test-data: strictly between 0 and 1, so both parts exist. */
const SPLIT_ARGS = { 'test-fraction': option.withDefault(numberArg(rule.range(1e-9, 1 - 1e-9)), 0.2) };

/** `memsim train`: trains the default MLP and CNN and saves them (model.json + weights.bin per network). */
export const trainCommand: Command = {
  name: 'train',
  defaultOut: 'models',
  usage:
    'memsim train [--arch mlp,cnn] [--epochs N] [--out DIR] [--seed N] [--dataset mnist|fashion-mnist | --data PATH]',
  summary:
    'Trains the default networks with TensorFlow.js (wasm backend) and saves each to DIR/<arch>/. The digital accuracy on the test split is printed and stored in model.json metadata.',
  options: {
    arch: { type: 'string', description: 'comma-separated networks to train: mlp, cnn', default: 'mlp,cnn' },
    epochs: { type: 'string', description: 'passes over the training set', default: '3' },
    limit: { type: 'string', description: 'use only the first N training samples' },
    'test-data': {
      type: 'string',
      description: 'held-out test file for a single-file --data (CSV or .npy; else its last rows are held out)',
    },
    'test-labels': { type: 'string', description: 'the .npy label vector of a .npy --test-data' },
    'test-fraction': {
      type: 'string',
      description: 'share of a single-file --data held out for testing (its last rows) when no --test-data',
      default: '0.2',
    },
    ...DATA_OPTIONS,
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    const v = args.values;
    const archs = String(v.arch ?? 'mlp,cnn')
      .split(',')
      .map((a) => checkOneOf('memsim train', '--arch', a.trim(), ARCHITECTURE_NAMES)) as ArchitectureName[];
    const { epochs, seed, limit } = resolveArgs('train', v, TRAIN_ARGS);
    const out = outDirectory('train', v.out, 'models');
    const source = {
      dataset: (v.dataset ?? 'mnist') as DatasetName,
      data: v.data as string | undefined,
      ...(v.labels === undefined ? {} : { labels: v.labels as string }),
    };
    const backend = await initBackend();
    if (backend === 'wasm') registerWasmTrainingKernels();
    // memsim's networks are channels last: CIFAR-10 and .npy images (N×C×H×W) are turned into N×H×W×C.
    const { train, test, note } = trainTestSplit(source, v, limit);
    const results: {
      arch: string;
      accuracy: number;
      testSamples: number;
      trainSamples: number;
      split: string;
      dir: string;
      seconds: number;
      backend: string;
    }[] = [];
    for (const arch of archs) {
      const started = Date.now();
      const trainBackend = backend;
      const dir = join(out, arch);
      await withBackend(trainBackend as 'cpu' | 'wasm', async () => {
        const trained = await trainModel(arch, train, { epochs, seed, progress: context.progress });
        await saveModel(trained, dir);
        trained.dispose();
      });
      const model = await loadModel(dir);
      const { accuracy } = await evaluate((x) => model.predict(x) as never, test);
      model.setUserDefinedMetadata({
        memsim: {
          arch,
          dataset: train.name,
          epochs,
          seed,
          trainSamples: train.count,
          testAccuracy: accuracy,
          testSamples: test.count,
          trainBackend,
        },
      });
      await saveModel(model, dir);
      results.push({
        arch,
        accuracy,
        testSamples: test.count,
        trainSamples: train.count,
        split: note.trim(),
        dir,
        seconds: (Date.now() - started) / 1000,
        backend,
      });
      if (!v.json)
        context.stdout.write(
          `${arch}: test accuracy ${(100 * accuracy).toFixed(2)} % on ${test.count} samples${note} (${((Date.now() - started) / 1000).toFixed(1)} s, ${backend}) → ${dir}\n`,
        );
      model.dispose();
    }
    if (v.json) context.stdout.write(`${JSON.stringify(results)}\n`);
    return 0;
  },
};

/**
 * The training and test samples. A built-in data set or an IDX directory has its own train and test files. A single
 * file (CSV, .npy) has no split: the test samples come from `--test-data`, or else the file's last `--test-fraction`
 * rows are held out and never trained on (reporting accuracy on training rows would overstate it). `note` says
 * which rows were used, for the report.
 */
function trainTestSplit(
  source: { dataset: DatasetName; data?: string; labels?: string },
  v: Record<string, string | boolean | undefined>,
  limit: number,
): { train: Dataset; test: Dataset; note: string } {
  const single = source.data !== undefined && existsSync(source.data) && !statSync(source.data).isDirectory();
  if (!single) {
    if (v['test-data'] !== undefined)
      throw new InvalidParameterError({
        where: 'memsim train',
        parameter: '--test-data',
        value: v['test-data'],
        expected: 'given only with a single-file --data (CSV or .npy); built-in sets and IDX folders have a test split',
      });
    return {
      train: channelsLast(loadDataset({ ...source, split: 'train', limit })),
      test: channelsLast(loadDataset({ ...source, split: 'test' })),
      note: '',
    };
  }
  if (typeof v['test-data'] === 'string') {
    const test = channelsLast(
      loadDataset({
        data: v['test-data'],
        ...(typeof v['test-labels'] === 'string' ? { labels: v['test-labels'] } : {}),
      }),
    );
    const train = channelsLast(loadDataset({ ...source, split: 'train', limit }));
    return { train, test, note: ` of ${v['test-data']} (trained on ${train.count} samples of ${source.data})` };
  }
  const fraction = resolveArgs('train', v, SPLIT_ARGS)['test-fraction'];
  const all = channelsLast(loadDataset({ ...source, split: 'train' }));
  const held = Math.ceil(all.count * fraction);
  const trainCount = Math.min(all.count - held, limit);
  if (held < 1 || trainCount < 1)
    throw new InvalidParameterError({
      where: 'memsim train',
      parameter: '--test-fraction',
      value: fraction,
      expected: `a share that leaves both a training and a test sample of the ${all.count} in ${source.data}`,
    });
  const train = sliceDataset(all, 0, trainCount);
  const test = sliceDataset(all, all.count - held, held);
  return {
    train,
    test,
    note: ` held out: samples ${all.count - held + 1}–${all.count} of ${source.data} (trained on samples 1–${trainCount})`,
  };
}
