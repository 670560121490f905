import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single, singleShape } from './layer-args';

/** Pad modes of ONNX Pad. */
export type PadMode = 'constant' | 'reflect' | 'edge';

/** Arguments of {@link OnnxPad}. */
export interface OnnxPadArgs extends LayerArgs {
  /** [before, after] per non-batch tfjs axis; negative values crop. */
  paddings: [number, number][];
  /** @default 'constant' */
  mode?: PadMode;
  /** Fill value of constant mode. @default 0 */
  value?: number;
}

/** Indices along an axis of size n for pads (b, e): reflect or edge (clamp) mode, or the crop of negative pads. */
function padIndices(n: number, b: number, e: number, mode: PadMode): number[] {
  const out: number[] = [];
  for (let i = -b; i < n + e; i++) {
    if (mode === 'edge') out.push(Math.min(Math.max(i, 0), n - 1));
    else if (mode === 'reflect') {
      let j = i;
      // Reflect without repeating the edge, as numpy 'reflect'.
      while (j < 0 || j >= n) j = j < 0 ? -j : 2 * (n - 1) - j;
      out.push(j);
    } else out.push(i);
  }
  return out;
}

/**
 * ONNX Pad (constant, reflect, edge; negative pads crop) on the non-batch axes.
 *
 * @example
 * // Built by importOnnx for Pad nodes (constant, reflect and edge modes); registered for reloading.
 * OnnxPad.className; // → 'OnnxPad'
 */
export class OnnxPad extends tf.layers.Layer {
  static className = 'OnnxPad';
  readonly paddings: [number, number][];
  readonly mode: PadMode;
  readonly value: number;

  constructor(args: OnnxPadArgs) {
    super(args);
    this.paddings = args.paddings.map(([b, e]) => [b, e]);
    this.mode = args.mode ?? 'constant';
    this.value = args.value ?? 0;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    return shape.map((d, i) => (i === 0 || d === null ? d : d + this.paddings[i - 1]![0] + this.paddings[i - 1]![1]));
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = single(inputs);
      const constantMode = this.mode === 'constant';
      // Gathers do edge/reflect padding and crops; constant padding of the non-negative part uses tf.pad.
      this.paddings.forEach(([b, e], k) => {
        const axis = k + 1;
        const n = x.shape[axis]!;
        const gb = constantMode ? Math.min(b, 0) : b;
        const ge = constantMode ? Math.min(e, 0) : e;
        if (gb !== 0 || ge !== 0) x = tf.gather(x, tf.tensor1d(padIndices(n, gb, ge, this.mode), 'int32'), axis);
      });
      if (constantMode && this.paddings.some(([b, e]) => b > 0 || e > 0))
        x = tf.pad(
          x,
          [[0, 0], ...this.paddings.map(([b, e]) => [Math.max(b, 0), Math.max(e, 0)] as [number, number])],
          this.value,
        );
      return x;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), paddings: this.paddings.map((p) => [...p]), mode: this.mode, value: this.value };
  }
}
tf.serialization.registerClass(OnnxPad, 'memsim');
