import { InvalidParameterError } from '@memsim/core';
import { loadCifar10 } from './cifar10';
import type { Dataset, LoadDatasetOptions } from './dataset';
import { loadNpyDataset } from './npy-dataset';

/**
 * The data sets a PyTorch user brings (`loadDataset` tries this first): `.npy` inputs with a `.npy` label vector
 * (`data` + `labels`), or CIFAR-10's binary files (`dataset: 'cifar10'`, `data` = their directory). Returns null for
 * everything else (built-in sets, IDX directories, CSV files).
 *
 * @throws {InvalidParameterError} when a `.npy` input comes without labels (or labels without a `.npy` input),
 * `cifar10` without its directory, or a file is malformed.
 */
export function loadUserDataset(options: LoadDatasetOptions): Dataset | null {
  const split = options.split ?? 'test';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const npy = options.data?.toLowerCase().endsWith('.npy') ?? false;
  if (options.labels !== undefined || npy) {
    if (options.data === undefined || !npy || options.labels === undefined)
      throw new InvalidParameterError({
        where: 'loadDataset',
        parameter: options.labels === undefined ? '--labels' : '--data',
        value: options.labels === undefined ? undefined : options.data,
        expected:
          options.labels === undefined
            ? `a .npy label vector with --data ${options.data} (e.g. --labels y.npy)`
            : 'a .npy input array with --labels (e.g. --data x.npy)',
      });
    return loadNpyDataset({
      data: options.data,
      labels: options.labels,
      limit,
      ...(options.classes === undefined ? {} : { classes: options.classes }),
    });
  }
  if (options.dataset === 'cifar10') {
    if (options.data === undefined)
      throw new InvalidParameterError({
        where: 'loadDataset',
        parameter: '--data',
        value: undefined,
        expected:
          'the directory of your CIFAR-10 binary files with --dataset cifar10 (memsim cannot download it), e.g. --data cifar-10-batches-bin',
      });
    return loadCifar10(options.data, split, limit);
  }
  return null;
}
