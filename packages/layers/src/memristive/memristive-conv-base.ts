import * as tf from '@tensorflow/tfjs';
import { checkPositiveInteger, InvalidParameterError, option, rule, ShapeMismatchError } from '@memsim/core';
import type { Matrix, OptionCheck, OptionsSchema } from '@memsim/core';
import type { OutputEpilogue } from '@memsim/crossbar';
import { convGeometry, CONV_PADDINGS } from '../unfold/conv-geometry';
import type { ConvGeometry, ConvPadding } from '../unfold/conv-geometry';
import { flattenConvKernel } from '../unfold/flatten-conv-kernel';
import { DEFAULT_ROW_ORDER, ROW_ORDERS } from '../unfold/row-order';
import type { RowOrder } from '../unfold/row-order';
import { unfold } from '../unfold/unfold';
import { scratch32 } from '@memsim/core/internal';
import { activationRule, applyActivation, fusedActivation } from './apply-activation';
import { resolveLayerArgs } from './layer-args';
import { epilogueColumns, layerEpilogue } from './layer-epilogue';
import { foldStillValid, markFolded, normalizationAffine } from '../patch/fold-normalization';
import type { NormalizationFold } from '../patch/fold-normalization';
import type { BaseLayerArgs, OwnArgs } from './layer-args';
import { MemristiveLayer } from './memristive-layer';

/**
 * Arguments shared by the memristive convolutions (tfjs names; channels-last data only).
 *
 * @example
 * const args: MemristiveConvArgs = {
 *   kernelSize: 3, strides: 1, padding: 'valid', dilationRate: 1, // all but kernelSize: the defaults
 *   dataFormat: 'channelsLast', activation: 'linear', useBias: true, rowOrder: 'channels-first',
 * };
 * new MemristiveDepthwiseConv2D(args).getConfig().kernelSize; // → [3, 3]
 */
export interface MemristiveConvArgs extends BaseLayerArgs {
  /** Kernel size: one number for every spatial axis, or one per axis. */
  kernelSize: number | number[];
  /** Strides: one number or one per axis. @default 1 */
  strides?: number | number[];
  /** `valid`, `same` or (1-D only) `causal`. @default 'valid' */
  padding?: ConvPadding;
  /** Dilation: one number or one per axis. @default 1 */
  dilationRate?: number | number[];
  /** Only `channelsLast` is supported (NWC, NHWC, NDHWC). @default 'channelsLast' */
  dataFormat?: 'channelsLast';
  /** tfjs activation identifier applied after the bias. @default 'linear' */
  activation?: string;
  /** Whether a digital bias is added. @default true */
  useBias?: boolean;
  /**
   * Crossbar row order of the flattened kernel window: (c, kd, kh, kw) (MemTorch's) or (kd, kh, kw, c) (tfjs's
   * layout). Matters with tiles (each tile holds different rows). @default 'channels-first'
   */
  rowOrder?: RowOrder;
}

function perAxis(where: string, name: string, value: unknown, rank: number, fallback: number): number[] {
  const v = value ?? fallback;
  const list = typeof v === 'number' ? new Array<number>(rank).fill(v) : v;
  if (!Array.isArray(list) || list.length !== rank)
    throw new InvalidParameterError({
      where,
      parameter: name,
      value,
      expected: `a positive integer or an array of ${rank}`,
    });
  return list.map((x, i) => checkPositiveInteger(where, `${name}[${i}]`, x));
}

/** A per-axis size of a rank-`rank` convolution: one positive integer for every axis, or one per axis. */
function axesRule(rank: number, fallback: number): OptionCheck<number[]> {
  return (where, parameter, value) => perAxis(where, parameter, value, rank, fallback);
}

/**
 * The rules of {@link MemristiveConvArgs}' own keys for a rank-`rank` convolution (a subclass spreads them into its
 * own schema).
 */
export function convRules(rank: number) {
  return {
    kernelSize: option.requiredByRule(axesRule(rank, Number.NaN)),
    strides: option.withDefault(axesRule(rank, 1), new Array<number>(rank).fill(1)),
    padding: option.withDefault(rule.oneOf(CONV_PADDINGS), 'valid'),
    dilationRate: option.withDefault(axesRule(rank, 1), new Array<number>(rank).fill(1)),
    dataFormat: option.optional(rule.oneOf(['channelsLast'] as const)),
    activation: option.withDefault(activationRule('linear'), 'linear'),
    useBias: option.withDefault(rule.boolean, true),
    rowOrder: option.withDefault(rule.oneOf(ROW_ORDERS), DEFAULT_ROW_ORDER),
  } satisfies OptionsSchema<OwnArgs<MemristiveConvArgs>>;
}

/**
 * Base of the memristive convolutions: unfold (im2col, rows in the layer's `rowOrder`, (c, kd, kh, kw) by default) →
 * crossbar set per group, one call for the whole batch with each image's patches as one sample (per-image ADC range
 * and input scale, as MemTorch's per-sample conv loop) → calibration → scatter into the output channels → digital
 * bias → activation. Legacy mode runs the tfjs conv op.
 * @example
 * MemristiveDepthwiseConv2D.prototype instanceof MemristiveConvBase; // → true
 */
export abstract class MemristiveConvBase extends MemristiveLayer {
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dilationRate: number[];
  readonly activation: string;
  readonly useBias: boolean;
  /** Crossbar row order of the kernel window. */
  readonly rowOrder: RowOrder;
  /** Channel groups (depthwise: the input channels, known after build). */
  protected groupCount: number;
  protected kernel: tf.LayerVariable | null = null;
  protected bias: tf.LayerVariable | null = null;
  protected readonly where: string;
  /** The following batch norm (and ReLU) folded into the output epilogue, set by the patched model. */
  private fold: NormalizationFold | null = null;

  /** The layer's own arguments, resolved by its schema (a subclass reads its extra keys here). */
  protected readonly ownArgs: Readonly<Record<string, unknown>>;

  /** `schema`: the convolution rules of `rank` (`convRules`), plus the subclass's own keys. */
  constructor(
    rank: number,
    className: string,
    args: MemristiveConvArgs,
    schema: OptionsSchema<Omit<MemristiveConvArgs, keyof BaseLayerArgs>> = convRules(rank),
  ) {
    super(args);
    this.where = `${className}${args?.name ? ` '${args.name}'` : ''}`;
    const o = resolveLayerArgs(this.where, args, schema as ReturnType<typeof convRules>);
    this.ownArgs = o;
    this.rank = rank;
    this.kernelSize = o.kernelSize;
    this.strides = o.strides;
    this.dilationRate = o.dilationRate;
    this.padding = o.padding;
    if (this.padding === 'causal' && rank !== 1)
      throw new InvalidParameterError({
        where: this.where,
        parameter: 'padding',
        value: 'causal',
        expected: "'valid' or 'same' ('causal' is for 1-D only)",
      });
    this.activation = o.activation;
    this.useBias = o.useBias;
    this.rowOrder = o.rowOrder;
    this.groupCount = 1;
    this.inputSpec = [{ ndim: rank + 2 }];
  }

  /** Output channels for `inChannels` input channels. */
  protected abstract outChannelsFor(inChannels: number): number;
  /** The kernel shape in the tfjs layout for `inChannels` input channels. */
  protected abstract kernelShape(inChannels: number): number[];
  /** Whether the kernel is a depthwise one. */
  protected abstract get depthwise(): boolean;
  /** The tfjs reference convolution of one group (x and kernel already sliced). */
  protected abstract legacyConv(x: tf.Tensor, kernel: tf.Tensor, padding: 'same' | 'valid'): tf.Tensor;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (typeof channels !== 'number')
      throw new InvalidParameterError({
        where: this.where,
        parameter: 'inputShape',
        value: shape,
        expected: 'a known channel count (last axis)',
      });
    if (this.depthwise) this.groupCount = channels;
    const outChannels = this.outChannelsFor(channels);
    if (channels % this.groupCount !== 0 || outChannels % this.groupCount !== 0)
      throw new ShapeMismatchError({
        where: this.where,
        parameter: 'inputShape (channels)',
        expectedShape: [this.groupCount * Math.max(1, Math.round(channels / this.groupCount))],
        actualShape: [channels],
        detail: `(input channels ${channels} and filters ${outChannels} must be multiples of groups = ${this.groupCount})`,
      });
    this.kernel = this.addWeight(
      this.depthwise ? 'depthwise_kernel' : 'kernel',
      this.kernelShape(channels),
      'float32',
      tf.initializers.zeros(),
    );
    if (this.useBias) this.bias = this.addWeight('bias', [outChannels], 'float32', tf.initializers.zeros());
    this.inputSpec = [{ ndim: this.rank + 2, axes: { [-1]: channels } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const out: (number | null)[] = [shape[0] ?? null];
    for (let a = 0; a < this.rank; a++) {
      const size = shape[1 + a];
      if (size === null || size === undefined) {
        out.push(null);
        continue;
      }
      const effective = (this.kernelSize[a]! - 1) * this.dilationRate[a]! + 1;
      out.push(
        this.padding === 'valid'
          ? Math.ceil((size - effective + 1) / this.strides[a]!)
          : Math.ceil(size / this.strides[a]!),
      );
    }
    out.push(this.outChannelsFor(shape[shape.length - 1] ?? 0));
    return out;
  }

  crossbarWeights(): Matrix<Float32Array>[] {
    const k = this.kernel!.read();
    return flattenConvKernel(
      k.dataSync() as Float32Array,
      k.shape,
      this.depthwise
        ? { depthwise: true, rowOrder: this.rowOrder }
        : { groups: this.groupCount, rowOrder: this.rowOrder },
    );
  }

  /** MemTorch quantises a conv's output per sample: one ADC range per image unless the read-out says otherwise. */
  override get defaultAdcRange(): 'batch' | 'sample' {
    return 'sample';
  }

  /**
   * Folds a following inference BatchNormalization (and the ReLU after it) into this layer's output epilogue, or
   * stops folding (null). Set by the patched model on the chains of its graph where the conv's output feeds only the
   * BN (`MemristiveModel`); while set, a memristive inference call returns relu(BN(conv(x))) and the BN and ReLU
   * pass it through. Training calls, the digital (legacy) forward and recording do not fold.
   */
  setNormalizationFold(fold: NormalizationFold | null): void {
    this.fold = fold;
  }

  /** The folded batch norm (and ReLU) of this layer, or null. */
  get normalizationFold(): NormalizationFold | null {
    return this.fold;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict = {}): tf.Tensor {
    const training = kwargs?.training === true;
    const fold =
      this.fold !== null && !training && this.memristive && foldStillValid(this, this.fold) ? this.fold : null;
    const y = tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const kernel = this.kernel!.read();
      if (this.memristive || this.recording) {
        const geometry = convGeometry(this.where, x.shape, {
          kernelSize: this.kernelSize,
          strides: this.strides,
          dilationRate: this.dilationRate,
          padding: this.padding,
          groups: this.groupCount,
        });
        const data = x.dataSync() as Float32Array;
        const outC = this.outChannelsFor(geometry.channels);
        const og = outC / this.groupCount;
        // Bias, ReLU and a folded batch norm as one per-channel map applied by the kernel's threads (inference only;
        // other activations run through tfjs after the bias).
        const epilogue = training ? null : this.epilogue(outC, fold);
        const fused = epilogue !== null || fold !== null;
        // One group: the engine's own fresh output is the layer output (no copy); groups scatter into `out`.
        let out: Float32Array | null = null;
        for (let g = 0; g < this.groupCount; g++) {
          // The engine's implicit GEMM when it has one (no im2col matrix); recording needs the patches themselves.
          let yg: Float32Array | null = null;
          const eg = epilogue === null ? null : epilogueColumns(epilogue, g * og, og);
          if (this.memristive && !this.recording)
            yg = this.runCrossbarOnImage(
              g,
              data,
              {
                samples: geometry.batch,
                inSize: geometry.inSize,
                outSize: geometry.outSize,
                kernel: geometry.kernel,
                strides: geometry.strides,
                dilation: geometry.dilation,
                padBefore: geometry.padBefore,
                channels: geometry.channels,
                group: g,
                channelsPerGroup: geometry.channelsPerGroup,
                rowOrder: this.rowOrder,
              },
              eg,
            );
          const rows = geometry.batch * geometry.positions;
          if (yg === null) {
            // The patches go to a reused buffer (a fresh one costs more in page faults than the GEMM; see scratch).
            const patches = this.patches(data, geometry, g);
            this.record(g, patches);
            if (!this.memristive) continue;
            // One engine call for the batch; each image's `positions` patch rows are one sample.
            yg = this.runCrossbar(g, patches, rows, geometry.batch, eg);
          }
          if (this.groupCount === 1) out = yg;
          else {
            out ??= new Float32Array(geometry.batch * geometry.positions * outC);
            for (let r = 0, src = 0; r < rows; r++)
              for (let o = 0, dst = r * outC + g * og; o < og; o++) out[dst++] = yg[src++]!;
          }
        }
        if (out !== null) {
          let y: tf.Tensor = tf.tensor(out, [geometry.batch, ...geometry.outShape, outC]);
          if (fused)
            return this.activation === 'relu' || this.activation === 'linear' ? y : applyActivation(y, this.activation);
          if (this.bias) y = tf.add(y, this.bias.read());
          return applyActivation(y, this.activation);
        }
      }
      return this.legacyForward(x, kernel);
    });
    return fold === null ? y : markFolded(y);
  }

  /**
   * The output epilogue of an inference call: the bias, then the folded batch norm's affine map, then a ReLU (the
   * layer's own activation or the folded one); null when there is nothing to apply. With an activation other than
   * linear or ReLU only the bias goes in (the activation then runs in tfjs).
   */
  private epilogue(outC: number, fold: NormalizationFold | null): OutputEpilogue | null {
    const fusable = this.activation === 'relu' || this.activation === 'linear';
    const bias = this.bias === null ? null : (this.bias.read().dataSync() as Float32Array);
    const affine = fold === null ? null : normalizationAffine(fold.normalization);
    const relu = fold !== null ? fold.relu !== null : this.activation === 'relu';
    return layerEpilogue(outC, bias, affine, fusable && relu);
  }

  /** im2col of group `g` into a reused buffer (rows in the layer's `rowOrder`). */
  private patches(data: Float32Array, geometry: ConvGeometry, g: number): Float32Array {
    const [kd, kh, kw] = geometry.kernel;
    const size = geometry.batch * geometry.positions * kd * kh * kw * geometry.channelsPerGroup;
    return unfold(data, geometry, { group: g, rowOrder: this.rowOrder, out: scratch32('layers.conv-patches', size) })
      .data;
  }

  /** The digital reference, with the ops (fused where tfjs fuses) tfjs's own conv layers use. */
  private legacyForward(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    let input = x;
    let padding: 'same' | 'valid' = this.padding === 'same' ? 'same' : 'valid';
    if (this.padding === 'causal') {
      input = tf.pad(x, [
        [0, 0],
        [(this.kernelSize[0]! - 1) * this.dilationRate[0]!, 0],
        [0, 0],
      ]);
      padding = 'valid';
    }
    const bias = this.bias?.read() ?? null;
    const fused = fusedActivation(this.activation);
    if (this.rank === 2 && this.groupCount === 1 && !this.depthwise) {
      const y = tf.fused.conv2d({
        x: input as tf.Tensor4D,
        filter: kernel as tf.Tensor4D,
        strides: this.strides as [number, number],
        pad: padding,
        dataFormat: 'NHWC',
        dilations: this.dilationRate as [number, number],
        ...(bias === null ? {} : { bias }),
        activation: fused ?? 'linear',
      });
      return fused === null ? applyActivation(y, this.activation) : y;
    }
    let y: tf.Tensor;
    if (this.groupCount === 1 || this.depthwise) y = this.legacyConv(input, kernel, padding);
    else {
      const xs = tf.split(input, this.groupCount, this.rank + 1);
      const ks = tf.split(kernel, this.groupCount, this.rank + 1);
      y = tf.concat(
        xs.map((xi, g) => this.legacyConv(xi, ks[g]!, padding)),
        this.rank + 1,
      );
    }
    if (bias !== null) y = tf.add(y, bias);
    return applyActivation(y, this.activation);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      dataFormat: 'channelsLast',
      activation: this.activation,
      useBias: this.useBias,
      rowOrder: this.rowOrder,
    };
  }
}
