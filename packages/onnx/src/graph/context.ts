import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '@memsim/core';
import type { NodeProto } from '../proto/onnx-proto';
import {
  type ConstValue,
  channelsLastPerm,
  featureShape,
  identityPerm,
  samePerm,
  type TensorValue,
  type Value,
} from './value';

/** Everything a converter needs while turning ONNX nodes into TensorFlow.js layers. */
export class ConvertContext {
  readonly values = new Map<string, Value>();
  private readonly usedNames = new Set<string>();

  constructor(
    readonly where: string,
    readonly opset: number,
    /** Names read by some node or listed as a graph output. */
    private readonly used: ReadonlySet<string>,
  ) {}

  /** Whether a value name is read by a node or is a graph output. */
  isUsed(name: string | undefined): boolean {
    return name !== undefined && name !== '' && this.used.has(name);
  }

  /** An InvalidParameterError naming the node and its op type. */
  nodeError(node: NodeProto, expected: string, value: unknown = node.opType): InvalidParameterError {
    return new InvalidParameterError({
      where: this.where,
      parameter: `node "${node.name || node.output?.[0]}" (${node.opType})`,
      value,
      expected,
    });
  }

  /** A unique, tfjs-safe layer name derived from the node name. */
  layerName(node: NodeProto, suffix = ''): string {
    const base =
      `${(node.name || node.output?.[0] || node.opType || 'node').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[_.-]+/, '')}${suffix}` ||
      'node';
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  has(name: string): boolean {
    return name !== '' && this.values.has(name);
  }

  value(node: NodeProto, index: number): Value {
    const name = node.input?.[index] ?? '';
    const v = name === '' ? undefined : this.values.get(name);
    if (!v) throw this.nodeError(node, `an input ${index} that is produced before it is used`, name || '(missing)');
    return v;
  }

  optional(node: NodeProto, index: number): Value | undefined {
    const name = node.input?.[index] ?? '';
    return name === '' ? undefined : this.value(node, index);
  }

  tensor(node: NodeProto, index: number): TensorValue {
    const v = this.value(node, index);
    if (v.kind !== 'tensor') throw this.nodeError(node, `a computed tensor as input ${index}`, 'a constant');
    return v;
  }

  constant(node: NodeProto, index: number, what = `input ${index}`): ConstValue {
    const v = this.value(node, index);
    if (v.kind !== 'const')
      throw this.nodeError(
        node,
        `a constant (initializer or folded shape) as ${what}; memsim imports weights only from initializers`,
        'a tensor computed from the model input',
      );
    return v;
  }

  optionalConstant(node: NodeProto, index: number, what = `input ${index}`): ConstValue | undefined {
    const name = node.input?.[index] ?? '';
    return name === '' ? undefined : this.constant(node, index, what);
  }

  setOutput(node: NodeProto, index: number, value: Value): void {
    const name = node.output?.[index] ?? '';
    if (name !== '') this.values.set(name, value);
  }

  /** Applies a layer to symbolic tensors and sets its `weights` (tfjs order; the staging tensors are disposed). */
  apply(layer: tf.layers.Layer, inputs: tf.SymbolicTensor | tf.SymbolicTensor[], weights?: tf.Tensor[]) {
    const out = layer.apply(inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
    if (weights && weights.length > 0) {
      layer.setWeights(weights);
      tf.dispose(weights);
    }
    return out;
  }

  applyOne(layer: tf.layers.Layer, inputs: tf.SymbolicTensor | tf.SymbolicTensor[], weights?: tf.Tensor[]) {
    return this.apply(layer, inputs, weights) as tf.SymbolicTensor;
  }

  /** The same value in layout `perm` (a Permute layer when it differs); the batch must stay on tfjs axis 0. */
  toPerm(node: NodeProto, value: TensorValue, perm: number[]): TensorValue {
    const v = this.unflatten(node, value);
    if (samePerm(v.perm, perm)) return v;
    if (perm[0] !== v.perm[0])
      throw this.nodeError(
        node,
        'an input whose batch axis stays first (memsim models are batch-first)',
        `layout ${JSON.stringify(v.perm)}`,
      );
    const dims = perm.slice(1).map((axis) => v.perm.indexOf(axis));
    const symbolic = this.applyOne(tf.layers.permute({ dims, name: this.layerName(node, '_permute') }), v.symbolic);
    return { kind: 'tensor', symbolic, perm: [...perm] };
  }

  /** The value in ONNX order (identity layout); the batch must be ONNX axis 0. */
  toOnnxOrder(node: NodeProto, value: TensorValue): TensorValue {
    return this.toPerm(node, value, identityPerm(value.perm.length));
  }

  /** The value of an ONNX [N, C, spatial…] tensor in channel-last tfjs layout [N, spatial…, C]. */
  toChannelsLast(node: NodeProto, value: TensorValue): TensorValue {
    return this.toPerm(node, value, channelsLastPerm(value.perm.length));
  }

  /** Undoes a deferred flatten: the features in ONNX order. */
  unflatten(node: NodeProto, value: TensorValue): TensorValue {
    if (!value.flatten) return value;
    const { tfShape, perm } = value.flatten;
    const reshaped = this.applyOne(
      tf.layers.reshape({ targetShape: tfShape, name: this.layerName(node, '_unflatten') }),
      value.symbolic,
    );
    const ordered = this.toOnnxOrder(node, { kind: 'tensor', symbolic: reshaped, perm });
    const flat = this.applyOne(tf.layers.flatten({ name: this.layerName(node, '_flatten') }), ordered.symbolic);
    return { kind: 'tensor', symbolic: flat, perm: [0, 1] };
  }

  /** tfjs reshape of the features (the batch stays), keeping data order. */
  reshape(node: NodeProto, symbolic: tf.SymbolicTensor, targetShape: number[], suffix = '_reshape'): tf.SymbolicTensor {
    const current = symbolic.shape.slice(1);
    if (samePerm(current as number[], targetShape)) return symbolic;
    return this.applyOne(tf.layers.reshape({ targetShape, name: this.layerName(node, suffix) }), symbolic);
  }

  featureShape(value: TensorValue): number[] {
    return featureShape(value);
  }
}
