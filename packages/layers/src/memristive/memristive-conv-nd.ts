import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError, option, rule } from '@memsim/core';
import { convRules, MemristiveConvBase } from './memristive-conv-base';
import type { MemristiveConvArgs } from './memristive-conv-base';
import type { OptionsSchema } from '@memsim/core';
import type { OwnArgs } from './layer-args';

/**
 * Arguments of the ordinary (and grouped) memristive convolutions.
 *
 * @example
 * const args: MemristiveConvNdArgs = { filters: 8, kernelSize: [3, 3], groups: 2, padding: 'same' }; // 2 groups: 2 crossbar sets
 * const layer = new MemristiveConv2D(args);
 */
export interface MemristiveConvNdArgs extends MemristiveConvArgs {
  /** Number of output channels. */
  filters: number;
  /**
   * Channel groups: input and output channels split into `groups` independent convolutions, each on its own
   * crossbar set (tfjs has no grouped conv; PyTorch's `groups`). @default 1
   */
  groups?: number;
}

/** The rules of {@link MemristiveConvNdArgs}' own keys. */
function convNdRules(rank: number) {
  return {
    ...convRules(rank),
    filters: option.requiredByRule(rule.positiveInteger),
    groups: option.withDefault(rule.positiveInteger, 1),
  } satisfies OptionsSchema<OwnArgs<MemristiveConvNdArgs>>;
}

/**
 * Base of the ordinary and grouped convolutions ({@link MemristiveConv1D}, 2D, 3D).
 *
 * @example
 * MemristiveConv2D.prototype instanceof MemristiveConvNd; // → true (Conv1D/2D/3D share the unfold + crossbar path)
 */
export abstract class MemristiveConvNd extends MemristiveConvBase {
  readonly filters: number;
  readonly groups: number;

  constructor(rank: number, className: string, args: MemristiveConvNdArgs) {
    super(rank, className, args, convNdRules(rank));
    // Checked by the schema.
    this.filters = this.ownArgs.filters as number;
    this.groups = this.ownArgs.groups as number;
    if (this.filters % this.groups !== 0)
      throw new InvalidParameterError({
        where: this.where,
        parameter: 'filters',
        value: this.filters,
        expected: `a multiple of groups = ${this.groups}`,
      });
    this.groupCount = this.groups;
  }

  protected outChannelsFor(): number {
    return this.filters;
  }

  protected get depthwise(): boolean {
    return false;
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, inChannels / this.groups, this.filters];
  }

  protected legacyConv(x: tf.Tensor, kernel: tf.Tensor, padding: 'same' | 'valid'): tf.Tensor {
    if (this.rank === 1)
      return tf.conv1d(
        x as tf.Tensor3D,
        kernel as tf.Tensor3D,
        this.strides[0]!,
        padding,
        'NWC',
        this.dilationRate[0]!,
      );
    if (this.rank === 2)
      return tf.conv2d(
        x as tf.Tensor4D,
        kernel as tf.Tensor4D,
        this.strides as [number, number],
        padding,
        'NHWC',
        this.dilationRate as [number, number],
      );
    return tf.conv3d(
      x as tf.Tensor5D,
      kernel as tf.Tensor5D,
      this.strides as [number, number, number],
      padding,
      'NDHWC',
      this.dilationRate as [number, number, number],
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, groups: this.groups };
  }
}
