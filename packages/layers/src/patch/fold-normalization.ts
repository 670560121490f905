import * as tf from '@tensorflow/tfjs';
import type { ChannelAffine } from '../memristive/layer-epilogue';
import type { MemristiveConvBase } from '../memristive/memristive-conv-base';

/**
 * A memristive conv's following inference batch normalisation (and the ReLU after it), folded into the conv's output
 * epilogue: the conv computes relu(BN(conv(x))) in its kernel and the two layers pass that tensor through. The patched
 * model links these chains itself (see {@link MemristiveConvBase.setNormalizationFold}).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({
 *   layers: [
 *     tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [8, 8, 2] }),
 *     tf.layers.batchNormalization(),
 *     tf.layers.reLU(),
 *   ],
 * });
 * const patched = await patchModel(model, { device: { model: VTEAM } });
 * const fold: NormalizationFold | null = (patched.layers[0] as MemristiveConvBase).normalizationFold;
 * fold?.relu === patched.model.layers[2]; // → true: conv → BN → ReLU runs as one epilogue in the conv's kernel
 */
export interface NormalizationFold {
  /** The tfjs BatchNormalization layer whose only input is the conv. */
  readonly normalization: tf.layers.Layer;
  /** The ReLU (`ReLU` without maxValue, or `Activation('relu')`) whose only input is the BN, or null. */
  readonly relu: tf.layers.Layer | null;
}

/** What a conv exposes for folding (MemristiveConvBase implements it). */
export interface FoldableConv extends tf.layers.Layer {
  /** Rank of the convolution (1, 2, 3). */
  readonly rank: number;
  /** The conv's own activation: a BN folds only after a linear one. */
  readonly activation: string;
  /** Installs (or, with null, removes) the fold. */
  setNormalizationFold(fold: NormalizationFold | null): void;
}

/** Output tensors of a folded chain: the chain's BN and ReLU pass exactly these through (and nothing else). */
const FOLDED = new WeakSet<tf.Tensor>();
/** Layers whose `call` already checks for folded input. */
const PASSING = new WeakSet<tf.layers.Layer>();

/** Marks `y` as the output of a folded conv → BN (→ ReLU) chain and returns it. */
export function markFolded(y: tf.Tensor): tf.Tensor {
  FOLDED.add(y);
  return y;
}

/**
 * Links every memristive conv of `model` whose output feeds one inference BatchNormalization and nothing else (one
 * inbound and one outbound node, not a model output, the BN's only input, normalising the channel axis, conv
 * activation linear, conv rank ≤ 2 since tfjs normalises rank ≤ 4 only) to that BN and to a ReLU right after it
 * (same conditions). Such a BN and ReLU pass a folded tensor through unchanged and compute as usual on any other
 * input, so training (where the conv does not fold) and any other use of the layers are unaffected. Returns the
 * number of folds.
 */
export function linkNormalizationFolds(model: tf.LayersModel): number {
  const outputs = new Set(model.outputs.map((o) => o.sourceLayer));
  let count = 0;
  for (const layer of model.layers) {
    if (!isFoldableConv(layer)) continue;
    const conv = layer as FoldableConv;
    conv.setNormalizationFold(null);
    if (conv.activation !== 'linear' || conv.rank > 2 || outputs.has(conv)) continue;
    const normalization = soleConsumer(conv);
    if (normalization === null || !isChannelNormalization(normalization, conv.rank + 2)) continue;
    let relu = outputs.has(normalization) ? null : soleConsumer(normalization);
    if (relu !== null && !isPlainRelu(relu)) relu = null;
    passFoldedThrough(normalization);
    if (relu !== null) passFoldedThrough(relu);
    conv.setNormalizationFold({ normalization, relu });
    count++;
  }
  return count;
}

/**
 * True while the graph still has the shape {@link linkNormalizationFolds} checked (a layer reused in another model
 * since gets more nodes: then the conv must not fold).
 */
export function foldStillValid(conv: tf.layers.Layer, fold: NormalizationFold): boolean {
  return (
    soleConsumer(conv) === fold.normalization && (fold.relu === null || soleConsumer(fold.normalization) === fold.relu)
  );
}

/**
 * The per-channel affine map of an inference BatchNormalization: γ/√(var + ε) and β − μ·γ/√(var + ε) (float64 from
 * the float32 weights; γ = 1 without `scale`, β = 0 without `center`).
 */
export function normalizationAffine(normalization: tf.layers.Layer): ChannelAffine {
  const config = normalization.getConfig() as { epsilon: number };
  // tfjs's BatchNormalization keeps its weights in these fields (gamma / beta absent without scale / center).
  const fields = normalization as unknown as Record<'gamma' | 'beta' | 'movingMean' | 'movingVariance', unknown>;
  const read = (key: keyof typeof fields): Float32Array | null => {
    const v = fields[key] as tf.LayerVariable | null | undefined;
    return v ? (v.read().dataSync() as Float32Array) : null;
  };
  const mean = read('movingMean')!;
  const variance = read('movingVariance')!;
  const gamma = read('gamma');
  const beta = read('beta');
  const scale = new Float64Array(mean.length);
  const shift = new Float64Array(mean.length);
  for (let c = 0; c < mean.length; c++) {
    const s = (gamma === null ? 1 : gamma[c]!) / Math.sqrt(variance[c]! + config.epsilon);
    scale[c] = s;
    shift[c] = (beta === null ? 0 : beta[c]!) - mean[c]! * s;
  }
  return { scale, shift };
}

/** A memristive conv (duck-typed: the brand of MemristiveLayer and the fold setter of MemristiveConvBase). */
function isFoldableConv(layer: tf.layers.Layer): layer is FoldableConv {
  const l = layer as Partial<FoldableConv> & { memsimLayer?: unknown };
  return l.memsimLayer === true && typeof l.setNormalizationFold === 'function';
}

/** The one layer fed by `layer`'s output, when `layer` is used once and its output goes to exactly one layer. */
function soleConsumer(layer: tf.layers.Layer): tf.layers.Layer | null {
  if (layer.inboundNodes.length !== 1 || layer.outboundNodes.length !== 1) return null;
  const next = layer.outboundNodes[0]!.outboundLayer;
  if (next.inboundNodes.length !== 1) return null;
  const inputs = next.inboundNodes[0]!.inboundLayers;
  return inputs.length === 1 && inputs[0] === layer ? next : null;
}

function isChannelNormalization(layer: tf.layers.Layer, rank: number): boolean {
  if (layer.getClassName() !== 'BatchNormalization') return false;
  const axis = (layer.getConfig() as { axis: number }).axis;
  return rank <= 4 && (axis === -1 || axis === rank - 1);
}

function isPlainRelu(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig() as { maxValue?: number | null; activation?: string };
  if (layer.getClassName() === 'ReLU') return config.maxValue === null || config.maxValue === undefined;
  return layer.getClassName() === 'Activation' && config.activation === 'relu';
}

/**
 * Makes `layer` return a folded input as is (a new tensor on the same data, marked in turn so the next layer of the
 * chain passes it too); any other input goes to its own `call`. A same-shape reshape, not tf.clone: the wasm backend's
 * Identity copies the whole activation (≈ 5 ms per tutorial-VGG forward, two copies per folded conv), its Reshape
 * shares the data by reference count, as clone does on the cpu and webgl backends.
 */
function passFoldedThrough(layer: tf.layers.Layer): void {
  if (PASSING.has(layer)) return;
  PASSING.add(layer);
  const own = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => {
    const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0]! : null) : inputs;
    if (x !== null && FOLDED.has(x) && kwargs?.training !== true) return markFolded(tf.reshape(x, x.shape));
    return own(inputs, kwargs);
  };
}
