import {
  InvalidParameterError,
  type OptionsSchema,
  ShapeMismatchError,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { cliRule } from '../internal/option-rules';
import type { Dataset } from './dataset';
import { npyToFloat32, readNpy } from './npy';

/**
 * Options of {@link loadNpyDataset}.
 *
 * @example
 * // (typechecked, not run: reads your .npy files)
 * const options: NpyDatasetOptions = { data: 'x_test.npy', labels: 'y_test.npy', limit: 1000 }; // limit, classes default: all, max label + 1
 * const data = loadNpyDataset(options);
 */
export interface NpyDatasetOptions {
  /** `.npy` inputs: N × … (e.g. N×C×H×W images as PyTorch takes them, N×T×F sequences, N×F features). */
  data: string;
  /** `.npy` labels: N class indices (any integer dtype, or integral floats), shape [N] or [N, 1]. */
  labels: string;
  /** Keep the first `limit` samples. @default all */
  limit?: number;
  /** Number of classes, when known (e.g. the model's outputs): labels must be below it. @default max label + 1 */
  classes?: number;
}

const SCHEMA = {
  data: option.requiredByRule(cliRule.text('a path to a .npy input array')),
  labels: option.requiredByRule(cliRule.text('a path to a .npy label vector')),
  limit: option.withDefault(cliRule.limit, Number.POSITIVE_INFINITY),
  classes: option.optional(rule.positiveInteger),
} satisfies OptionsSchema<NpyDatasetOptions>;

/**
 * Loads the data a PyTorch user has: `np.save('x.npy', images)` (N×C×H×W float32, taken as is — normalise as the
 * network was trained) and `np.save('y.npy', labels)`. uint8 inputs are scaled by 1/255 (as torchvision's
 * `ToTensor`); other dtypes are taken as is. Arrays of rank ≥ 3 are marked channels first (ONNX's layout).
 *
 * @throws {InvalidParameterError} when a file is unreadable or not a supported `.npy`, the inputs are not at least
 * N × features, the labels are not a vector of integers, or a label is negative or not below `classes` (the sample
 * is named), or an option is unknown, missing or breaks its rule.
 * @throws {ShapeMismatchError} when the data and label files hold different numbers of samples.
 * @example
 * // (typechecked, not run: reads your files)
 * const data = loadNpyDataset({ data: 'x_test.npy', labels: 'y_test.npy', limit: 1000 });
 */
export function loadNpyDataset(options: NpyDatasetOptions): Dataset {
  const o = resolveOptions('loadNpyDataset', options, SCHEMA);
  const where = 'loadDataset';
  const inputs = readNpy(o.data);
  const labels = readNpy(o.labels);
  if (inputs.shape.length < 2 || inputs.shape[0] === 0)
    throw new InvalidParameterError({
      where,
      parameter: `--data ${o.data}`,
      value: `shape [${inputs.shape.join(', ')}]`,
      expected: 'an array of at least one sample, N × features (e.g. N×C×H×W images)',
    });
  const labelShape = labels.shape;
  if (!(labelShape.length === 1 || (labelShape.length === 2 && labelShape[1] === 1)))
    throw new InvalidParameterError({
      where,
      parameter: `--labels ${o.labels}`,
      value: `shape [${labelShape.join(', ')}]`,
      expected: 'a vector of N class indices (shape [N] or [N, 1]); for one-hot labels save labels.argmax(1)',
    });
  const total = inputs.shape[0]!;
  if (labelShape[0] !== total)
    throw new ShapeMismatchError({
      where,
      parameter: `--labels ${o.labels}`,
      expectedShape: [total],
      actualShape: [labelShape[0]!],
      detail: `(one label per sample of --data ${o.data}, shape [${inputs.shape.join(', ')}])`,
    });
  const count = Math.min(total, o.limit);
  const shape = inputs.shape.slice(1);
  const features = shape.reduce((a, b) => a * b, 1);
  const all = npyToFloat32(inputs);
  let x = all.subarray(0, count * features);
  if (inputs.dtype === 'u1') x = x.map((v) => v / 255);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i]!))
      throw new InvalidParameterError({
        where,
        parameter: `--data ${o.data} sample ${Math.floor(i / features)}`,
        value: x[i],
        expected: 'finite values',
      });
  const y = new Int32Array(count);
  let maxLabel = 1;
  for (let i = 0; i < count; i++) {
    const label = Number(labels.data[i]);
    const outOfRange = o.classes !== undefined && label >= o.classes;
    if (!Number.isInteger(label) || label < 0 || outOfRange)
      throw new InvalidParameterError({
        where,
        parameter: `--labels ${o.labels} sample ${i}`,
        value: labels.data[i],
        expected:
          o.classes === undefined
            ? 'a non-negative integer class index'
            : `a class index in [0, ${o.classes - 1}] (the model has ${o.classes} outputs)`,
      });
    y[i] = label;
    if (label > maxLabel) maxLabel = label;
  }
  return {
    name: o.data,
    x,
    y,
    count,
    features,
    shape,
    ...(shape.length >= 2 ? { layout: 'channels-first' as const } : {}),
    classes: o.classes ?? maxLabel + 1,
  };
}
