import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single, singleShape } from './layer-args';

/** Arguments of {@link OnnxPool}. */
export interface OnnxPoolArgs extends LayerArgs {
  mode: 'max' | 'avg';
  /** Window per spatial axis (1 or 2 axes; input is channel-last). */
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Padding at the start and end of each spatial axis. */
  begin: number[];
  end: number[];
  /** Output size rounded up (PyTorch/ONNX ceil_mode). */
  ceilMode: boolean;
  /** Average pooling divides by the window size including explicit pads. */
  countIncludePad: boolean;
}

/** Output length of a pooling window along one axis (ONNX / PyTorch rule, incl. ceil_mode). */
export function pooledLength(n: number, k: number, s: number, d: number, b: number, e: number, ceil: boolean): number {
  const span = (k - 1) * d + 1;
  let out = (ceil ? Math.ceil((n + b + e - span) / s) : Math.floor((n + b + e - span) / s)) + 1;
  if (ceil && (out - 1) * s >= n + b) out--; // the last window must start inside the input or its start padding
  return out;
}

/**
 * Max or average pooling with what tfjs pooling layers lack: explicit asymmetric pads (max pads with −∞),
 * ceil_mode, and count_include_pad = 0 (divisor = the window's overlap with the input), as PyTorch and ONNX define.
 * @example
 * // Built by importOnnx for MaxPool/AveragePool nodes (ONNX pads, dilations, ceil_mode); registered for reloading.
 * OnnxPool.className; // → 'OnnxPool'
 */
export class OnnxPool extends tf.layers.Layer {
  static className = 'OnnxPool';
  readonly mode: 'max' | 'avg';
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilations: number[];
  readonly begin: number[];
  readonly end: number[];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;

  constructor(args: OnnxPoolArgs) {
    super(args);
    this.mode = args.mode;
    this.kernel = [...args.kernel];
    this.strides = [...args.strides];
    this.dilations = [...args.dilations];
    this.begin = [...args.begin];
    this.end = [...args.end];
    this.ceilMode = args.ceilMode;
    this.countIncludePad = args.countIncludePad;
  }

  private outputLengths(spatial: number[]): number[] {
    return spatial.map((n, i) =>
      pooledLength(
        n,
        this.kernel[i]!,
        this.strides[i]!,
        this.dilations[i]!,
        this.begin[i]!,
        this.end[i]!,
        this.ceilMode,
      ),
    );
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    const s = this.kernel.length;
    const out = this.outputLengths(shape.slice(1, 1 + s) as number[]);
    return [shape[0]!, ...out, shape[s + 1]!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = single(inputs) as tf.Tensor4D;
      const oneD = this.kernel.length === 1;
      // 1-D pooling runs as 2-D over a height of 1.
      const k = oneD ? [1, this.kernel[0]!] : this.kernel;
      const st = oneD ? [1, this.strides[0]!] : this.strides;
      const dl = oneD ? [1, this.dilations[0]!] : this.dilations;
      const bg = oneD ? [0, this.begin[0]!] : this.begin;
      const en = oneD ? [0, this.end[0]!] : this.end;
      if (oneD) x = tf.expandDims(x, 1) as tf.Tensor4D;
      const spatial = [x.shape[1], x.shape[2]];
      const out = spatial.map((n, i) => pooledLength(n, k[i]!, st[i]!, dl[i]!, bg[i]!, en[i]!, this.ceilMode));
      // Extra end padding so every (ceil_mode) window fits; it never counts in the divisor.
      const extra = spatial.map((n, i) =>
        Math.max(0, (out[i]! - 1) * st[i]! + (k[i]! - 1) * dl[i]! + 1 - (n + bg[i]! + en[i]!)),
      );
      const paddings: [number, number][] = [
        [0, 0],
        [bg[0]!, en[0]! + extra[0]!],
        [bg[1]!, en[1]! + extra[1]!],
        [0, 0],
      ];
      let y: tf.Tensor4D;
      if (this.mode === 'max') {
        const padded = tf.pad(x, paddings, -3.4028234663852886e38);
        y = tf.pool(
          padded,
          k as [number, number],
          'max',
          'valid',
          dl as [number, number],
          st as [number, number],
        ) as tf.Tensor4D;
      } else {
        const padded = tf.pad(x, paddings, 0);
        const mean = tf.pool(
          padded,
          k as [number, number],
          'avg',
          'valid',
          dl as [number, number],
          st as [number, number],
        ) as tf.Tensor4D;
        const sum = tf.mul(mean, k[0]! * k[1]!);
        y = tf.div(sum, tf.tensor(this.divisors(spatial, out, k, st, bg, en), [1, out[0]!, out[1]!, 1])) as tf.Tensor4D;
      }
      return oneD ? tf.squeeze(y, [1]) : y;
    });
  }

  /** Window element count per output position (PyTorch's avg_pool rule). */
  private divisors(
    spatial: number[],
    out: number[],
    k: number[],
    st: number[],
    bg: number[],
    en: number[],
  ): Float32Array {
    const count = (axis: number, o: number) => {
      let start = o * st[axis]! - bg[axis]!;
      let stop = Math.min(start + k[axis]!, spatial[axis]! + en[axis]!);
      const withPad = stop - start;
      start = Math.max(start, 0);
      stop = Math.min(stop, spatial[axis]!);
      return this.countIncludePad ? withPad : stop - start;
    };
    const d = new Float32Array(out[0]! * out[1]!);
    for (let i = 0; i < out[0]!; i++) for (let j = 0; j < out[1]!; j++) d[i * out[1]! + j] = count(0, i) * count(1, j);
    return d;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      mode: this.mode,
      kernel: [...this.kernel],
      strides: [...this.strides],
      dilations: [...this.dilations],
      begin: [...this.begin],
      end: [...this.end],
      ceilMode: this.ceilMode,
      countIncludePad: this.countIncludePad,
    };
  }
}
tf.serialization.registerClass(OnnxPool, 'memsim');
