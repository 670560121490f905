import { MemristiveConv1D } from '../memristive/memristive-conv1d';
import { MemristiveConv2D } from '../memristive/memristive-conv2d';
import { MemristiveConv3D } from '../memristive/memristive-conv3d';
import { MemristiveDense } from '../memristive/memristive-dense';
import { MemristiveDepthwiseConv2D } from '../memristive/memristive-depthwise-conv2d';
import { MemristiveGRU } from '../memristive/memristive-gru';
import { MemristiveLSTM } from '../memristive/memristive-lstm';
import { MemristiveSimpleRNN } from '../memristive/memristive-simple-rnn';

/**
 * tfjs layer classes `patchModel` can make memristive.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const layers: SupportedLayerClass[] = ['Dense']; // patch the Dense layers only; the convolution stays digital
 * const model = tf.sequential({ layers: [tf.layers.conv1d({ filters: 2, kernelSize: 3, inputShape: [8, 1] }), tf.layers.flatten(), tf.layers.dense({ units: 3 })] });
 * (await patchModel(model, { model: VTEAM, layers })).summary().map((s) => s.className); // → ['MemristiveDense']
 */
export type SupportedLayerClass =
  | 'Dense'
  | 'Conv1D'
  | 'Conv2D'
  | 'Conv3D'
  | 'DepthwiseConv2D'
  | 'SimpleRNN'
  | 'LSTM'
  | 'GRU';

/**
 * Runtime list of {@link SupportedLayerClass}: the default selection of `patchModel`.
 *
 * @example
 * SUPPORTED_LAYER_CLASSES; // → ['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SimpleRNN', 'LSTM', 'GRU']
 */
export const SUPPORTED_LAYER_CLASSES: readonly SupportedLayerClass[] = Object.freeze([
  'Dense',
  'Conv1D',
  'Conv2D',
  'Conv3D',
  'DepthwiseConv2D',
  'SimpleRNN',
  'LSTM',
  'GRU',
]);

/** The memristive class that replaces each supported tfjs class. */
export const MEMRISTIVE_CLASS_OF: Readonly<Record<SupportedLayerClass, { className: string }>> = Object.freeze({
  Dense: MemristiveDense,
  Conv1D: MemristiveConv1D,
  Conv2D: MemristiveConv2D,
  Conv3D: MemristiveConv3D,
  DepthwiseConv2D: MemristiveDepthwiseConv2D,
  SimpleRNN: MemristiveSimpleRNN,
  LSTM: MemristiveLSTM,
  GRU: MemristiveGRU,
});

/**
 * Layer classes of other libraries that compute what a supported class computes, with the config that makes the
 * memristive class reproduce them (snake_case keys, as in a saved topology). `@memsim/onnx` builds PyTorch's GRU
 * (ONNX `linear_before_reset = 1`, sigmoid/tanh) as `OnnxGRU`, which tfjs's GRU cannot express. Selecting the
 * supported class (e.g. `layers: ['GRU']`) selects its aliases too.
 * @example
 * LAYER_CLASS_ALIASES.OnnxGRU?.as; // → 'GRU' (an imported ONNX GRU is patched like a tfjs GRU)
 */
export const LAYER_CLASS_ALIASES: Readonly<
  Record<string, { readonly as: SupportedLayerClass; readonly config: Readonly<Record<string, unknown>> }>
> = Object.freeze({
  OnnxGRU: {
    as: 'GRU',
    config: Object.freeze({ reset_after: true, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true }),
  },
});
