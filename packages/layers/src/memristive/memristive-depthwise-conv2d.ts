import * as tf from '@tensorflow/tfjs';
import { option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { OwnArgs } from './layer-args';
import { convRules, MemristiveConvBase } from './memristive-conv-base';
import type { MemristiveConvArgs } from './memristive-conv-base';

/**
 * Arguments of {@link MemristiveDepthwiseConv2D}.
 *
 * @example
 * const args: MemristiveDepthwiseConv2DArgs = { kernelSize: 3, depthMultiplier: 1 }; // depthMultiplier: the default
 * new MemristiveDepthwiseConv2D(args).getConfig().depthMultiplier; // → 1
 */
export interface MemristiveDepthwiseConv2DArgs extends MemristiveConvArgs {
  /** Output channels per input channel. @default 1 */
  depthMultiplier?: number;
}

/** The rules of {@link MemristiveDepthwiseConv2DArgs}' own keys. */
const SCHEMA = {
  ...convRules(2),
  depthMultiplier: option.withDefault(rule.positiveInteger, 1),
} satisfies OptionsSchema<OwnArgs<MemristiveDepthwiseConv2DArgs>>;

/**
 * Memristive depthwise 2-D convolution (tfjs `DepthwiseConv2D`): every input channel is its own group with its own
 * crossbar set of kh·kw rows and `depthMultiplier` columns; output channel c·depthMultiplier + m as in tfjs.
 *
 * @throws {InvalidParameterError} when a size is not a positive integer, the padding or activation is unknown, or a
 * key is unknown.
 * @example
 * const layer = new MemristiveDepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, padding: 'same' });
 */
export class MemristiveDepthwiseConv2D extends MemristiveConvBase {
  static className = 'MemristiveDepthwiseConv2D';
  readonly depthMultiplier: number;

  constructor(args: MemristiveDepthwiseConv2DArgs) {
    super(2, 'MemristiveDepthwiseConv2D', args, SCHEMA);
    this.depthMultiplier = this.ownArgs.depthMultiplier as number; // checked by the schema above
  }

  protected outChannelsFor(inChannels: number): number {
    return inChannels * this.depthMultiplier;
  }

  protected get depthwise(): boolean {
    return true;
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, inChannels, this.depthMultiplier];
  }

  protected legacyConv(x: tf.Tensor, kernel: tf.Tensor, padding: 'same' | 'valid'): tf.Tensor {
    return tf.depthwiseConv2d(
      x as tf.Tensor4D,
      kernel as tf.Tensor4D,
      this.strides as [number, number],
      padding,
      'NHWC',
      this.dilationRate as [number, number],
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), depthMultiplier: this.depthMultiplier };
  }
}
tf.serialization.registerClass(MemristiveDepthwiseConv2D, 'memsim');
