import { join } from 'node:path';
import { checkOneOf } from '@memsim/core';
import { type DatasetName, loadDataset } from '../data/dataset';
import { channelsLast } from '../data/fit-to-model';
import { numberOption } from '../internal/args';
import { ARCHITECTURE_NAMES, type ArchitectureName } from '../model/architectures';
import { evaluate } from '../model/evaluate';
import { trainModel } from '../model/train';
import { initBackend, withBackend } from '../tf/backend';
import { loadModel, saveModel } from '../tf/model-io';
import { registerWasmTrainingKernels } from '../tf/wasm-kernels';
import { COMMON_OPTIONS, type Command, DATA_OPTIONS } from './command';
import { outDirectory } from '../internal/out-dir';

/** `memsim train`: trains the default MLP and CNN and saves them (model.json + weights.bin per network). */
export const trainCommand: Command = {
  name: 'train',
  usage:
    'memsim train [--arch mlp,cnn] [--epochs N] [--out DIR] [--seed N] [--dataset mnist|fashion-mnist | --data PATH]',
  summary:
    'Trains the default networks with TensorFlow.js (wasm backend) and saves each to DIR/<arch>/. The digital accuracy on the test split is printed and stored in model.json metadata.',
  options: {
    arch: { type: 'string', description: 'comma-separated networks to train: mlp, cnn', default: 'mlp,cnn' },
    epochs: { type: 'string', description: 'passes over the training set', default: '3' },
    limit: { type: 'string', description: 'use only the first N training samples' },
    ...DATA_OPTIONS,
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    const v = args.values;
    const archs = String(v.arch ?? 'mlp,cnn')
      .split(',')
      .map((a) => checkOneOf('memsim train', '--arch', a.trim(), ARCHITECTURE_NAMES)) as ArchitectureName[];
    const epochs = numberOption('train', 'epochs', v.epochs, 3, { min: 1, integer: true });
    const seed = numberOption('train', 'seed', v.seed, 1, { min: 0, integer: true });
    const limit = numberOption('train', 'limit', v.limit, Number.POSITIVE_INFINITY, { min: 1, integer: true });
    const out = outDirectory('train', v.out, 'models');
    const source = {
      dataset: (v.dataset ?? 'mnist') as DatasetName,
      data: v.data as string | undefined,
      ...(v.labels === undefined ? {} : { labels: v.labels as string }),
    };
    const backend = await initBackend();
    if (backend === 'wasm') registerWasmTrainingKernels();
    // memsim's networks are channels last: CIFAR-10 and .npy images (N×C×H×W) are turned into N×H×W×C.
    const train = channelsLast(loadDataset({ ...source, split: 'train', limit }));
    const test = channelsLast(loadDataset({ ...source, split: 'test' }));
    const results: {
      arch: string;
      accuracy: number;
      testSamples: number;
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
      results.push({ arch, accuracy, testSamples: test.count, dir, seconds: (Date.now() - started) / 1000, backend });
      if (!v.json)
        context.stdout.write(
          `${arch}: test accuracy ${(100 * accuracy).toFixed(2)} % on ${test.count} samples (${((Date.now() - started) / 1000).toFixed(1)} s, ${backend}) → ${dir}\n`,
        );
      model.dispose();
    }
    if (v.json) context.stdout.write(`${JSON.stringify(results)}\n`);
    return 0;
  },
};
