import { ShapeMismatchError } from '@memsim/core';
import type { Dataset } from './dataset';

/** True when `shape` equals `target`, `null` dimensions of the target matching anything. */
function sameShape(shape: readonly number[], target: readonly (number | null)[]): boolean {
  return shape.length === target.length && shape.every((d, i) => target[i] === null || target[i] === d);
}

/**
 * Moves the channel axis of every sample: channels first [c, …spatial] → channels last [...spatial, c] (`toLast`), or
 * back. Hand-written: a strided copy, no library needed.
 */
function moveChannels(
  x: Float32Array,
  count: number,
  channels: number,
  spatial: number,
  toLast: boolean,
): Float32Array {
  const out = new Float32Array(x.length);
  const per = channels * spatial;
  for (let n = 0; n < count; n++) {
    const base = n * per;
    for (let c = 0; c < channels; c++)
      for (let p = 0; p < spatial; p++) {
        if (toLast) out[base + p * channels + c] = x[base + c * spatial + p]!;
        else out[base + c * spatial + p] = x[base + p * channels + c]!;
      }
  }
  return out;
}

/**
 * Returns `data` laid out as a model takes its input (`inputShape`, batch first, as `model.inputs[0].shape`):
 * unchanged when the sample shape already matches; with the channel axis moved when the model wants the other image
 * layout (e.g. CIFAR-10's or a `.npy`'s N×C×H×W for a channels-last tfjs network, or MNIST's N×H×W×1 for an imported
 * ONNX network that takes N×1×H×W); reshaped when one side is flat (the C-order flatten is the same). Samples are not
 * otherwise changed.
 *
 * @throws {ShapeMismatchError} when no such layout change makes the data fit the input.
 */
export function fitDataToModel(data: Dataset, inputShape: readonly (number | null)[]): Dataset {
  const target = inputShape.slice(1);
  if (sameShape(data.shape, target)) return data;
  const rank = data.shape.length;
  if (rank >= 3 && target.length === rank) {
    const firstToLast = [...data.shape.slice(1), data.shape[0]!];
    const lastToFirst = [data.shape[rank - 1]!, ...data.shape.slice(0, -1)];
    const channelsFirst = data.layout === 'channels-first';
    // Try the data's own layout's move first (a square single-channel image fits both ways; the result is the same).
    for (const toLast of channelsFirst ? [true, false] : [false, true]) {
      const shape = toLast ? firstToLast : lastToFirst;
      if (!sameShape(shape, target)) continue;
      const channels = toLast ? data.shape[0]! : data.shape[rank - 1]!;
      return {
        ...data,
        x: moveChannels(data.x, data.count, channels, data.features / channels, toLast),
        shape,
        layout: toLast ? 'channels-last' : 'channels-first',
      };
    }
  }
  const features = target.reduce<number>((a, b) => a * (b ?? 1), 1);
  if (features === data.features && !target.includes(null) && (target.length === 1 || rank === 1))
    return { ...data, shape: target as number[] };
  throw new ShapeMismatchError({
    where: 'memsim',
    parameter: `--data ${data.name}`,
    expectedShape: target.map((d) => d ?? -1),
    actualShape: data.shape,
    detail: `(per sample: the model's input, batch axis left out; channels-first and channels-last images are converted, other layouts are not)`,
  });
}

/**
 * `data` with channels-first images ([c, h, w]) turned channels last (what memsim's own tfjs networks take, e.g. for
 * `memsim train` on CIFAR-10 or a `.npy`); any other data unchanged.
 */
export function channelsLast(data: Dataset): Dataset {
  if (data.layout !== 'channels-first' || data.shape.length !== 3) return data;
  return fitDataToModel(data, [null, ...data.shape.slice(1), data.shape[0]!]);
}
