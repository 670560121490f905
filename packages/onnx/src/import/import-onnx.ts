import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { ConvertContext } from '../graph/context';
import { fuseMatMulAdd } from '../graph/fuse';
import { channelsLastPerm, identityPerm, type TensorValue } from '../graph/value';
import { CONVERTERS, SUPPORTED_OPS } from '../ops/registry';
import { NodeAttributes } from '../proto/attributes';
import { decodeModel } from '../proto/decode-model';
import { toNumber } from '../proto/onnx-proto';
import { readTensor } from '../proto/tensor-data';
import { singleInput } from './graph-io';

/**
 * Layouts the imported model can take its input in.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * const layout: InputLayout = 'nhwc'; // feed tfjs-style N×H×W×C arrays instead of PyTorch's N×C×H×W
 * const model = await importOnnx(new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx')), { inputLayout: layout });
 */
export type InputLayout = 'onnx' | 'nhwc';

/**
 * Runtime list of {@link InputLayout}.
 *
 * @example
 * INPUT_LAYOUTS; // → ['onnx', 'nhwc']: NCHW arrays as PyTorch takes them, or tfjs's NHWC
 */
export const INPUT_LAYOUTS: readonly InputLayout[] = Object.freeze(['onnx', 'nhwc']);

/**
 * Options of {@link importOnnx}.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * const options: ImportOnnxOptions = { inputLayout: 'onnx', name: 'lenet5' };
 * const model = await importOnnx(new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx')), options);
 */
export interface ImportOnnxOptions {
  /**
   * Layout of the model input (and of outputs of rank ≥ 3). `'onnx'`: as exported, e.g. N×C×H×W, so you feed the
   * arrays you feed PyTorch (the model starts with a Permute to channel-last where convolutions need it).
   * `'nhwc'`: channel-last N×H×W×C (N×W×C for 1-D), TensorFlow.js's own layout, no leading Permute.
   * @default 'onnx'
   */
  inputLayout?: InputLayout;
  /** Name of the TensorFlow.js model. @default the ONNX graph name, else 'onnx_model' */
  name?: string;
}

/**
 * Defaults of {@link importOnnx}.
 *
 * @example
 * DEFAULT_IMPORT_ONNX_OPTIONS.inputLayout; // → 'onnx'
 */
export const DEFAULT_IMPORT_ONNX_OPTIONS: Readonly<Required<Omit<ImportOnnxOptions, 'name'>>> = Object.freeze({
  inputLayout: 'onnx',
});

const WHERE = 'importOnnx';

const SCHEMA = {
  inputLayout: option.withDefault(rule.oneOf(INPUT_LAYOUTS), DEFAULT_IMPORT_ONNX_OPTIONS.inputLayout),
  name: option.optional<string>((where, parameter, value) => {
    if (typeof value !== 'string' || value.length === 0)
      throw new InvalidParameterError({ where, parameter, value, expected: 'a non-empty string' });
    return value;
  }),
} satisfies OptionsSchema<ImportOnnxOptions>;

/**
 * Imports an ONNX model (e.g. a PyTorch network exported with `torch.onnx.export`, opset 11–21) as a TensorFlow.js
 * `LayersModel` (a functional model, so branches and residual adds are kept) that `patchModel` and the memsim CLI
 * accept. Weights are transposed once from NCHW to TensorFlow.js's NHWC; the first Dense after a flatten of a conv
 * output gets its rows permuted so the numbers equal PyTorch's. Shape arithmetic (Shape/Gather/Concat/… → Reshape)
 * is folded at import. Layers tfjs lacks are small registered `Onnx*` layers, so the model saves and loads.
 *
 * @param bytes - the contents of an `.onnx` file.
 * @param options - see {@link ImportOnnxOptions}.
 * @returns the model; `model.predict(x)` takes x in `options.inputLayout`.
 * @throws {InvalidParameterError} when the bytes are not ONNX or truncated, the opset is below 11 (or above 21), the
 * graph has not exactly one input, or a node uses an op or attribute memsim does not support (the message names the
 * node, its op type and the supported ops).
 * @throws {InvalidParameterError} when `options` has an unknown key, `inputLayout` is not one of {@link INPUT_LAYOUTS}
 * or `name` is not a non-empty string.
 * @example
 * import { readFileSync } from 'node:fs';
 * import * as tf from '@tensorflow/tfjs';
 * // Your torch.onnx.export file; here the LeNet-5 fixture of the repository (run from packages/onnx).
 * const model = await importOnnx(new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx')));
 * model.predict(tf.zeros([1, 1, 28, 28])); // N×C×H×W, as PyTorch was given
 */
export async function importOnnx(bytes: Uint8Array, options: ImportOnnxOptions = {}): Promise<tf.LayersModel> {
  const resolved = resolveOptions(WHERE, options, SCHEMA);
  const inputLayout = resolved.inputLayout;
  const { model: proto, opset } = decodeModel(WHERE, bytes);
  const graph = proto.graph!;
  const { info, sampleDims } = singleInput(WHERE, graph);
  const nodes = graph.node ?? [];

  // Unsupported ops fail before anything is built.
  for (const node of nodes) {
    const domain = node.domain ?? '';
    if ((domain !== '' && domain !== 'ai.onnx') || !CONVERTERS[node.opType ?? ''])
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `node "${node.name || node.output?.[0]}"`,
        value: `op ${domain ? `${domain}.` : ''}${node.opType}`,
        expected: `an op memsim imports: ${SUPPORTED_OPS.join(', ')}`,
      });
  }

  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const used = new Set<string>(graphOutputs);
  for (const node of nodes) for (const i of node.input ?? []) used.add(i);
  const ctx = new ConvertContext(WHERE, opset, used);
  for (const t of graph.initializer ?? []) {
    const data = readTensor(WHERE, t);
    ctx.values.set(t.name ?? '', { kind: 'const', ...data });
  }

  const rank = sampleDims.length + 1;
  const nhwc = inputLayout === 'nhwc' && rank >= 3;
  const perm = nhwc ? channelsLastPerm(rank) : identityPerm(rank);
  const tfShape = perm.slice(1).map((axis) => sampleDims[axis - 1]!);
  const inputName = sanitize(info.name) || 'input';
  ctx.reserve(inputName);
  const input = tf.input({ shape: tfShape, name: inputName });
  ctx.values.set(info.name, { kind: 'tensor', symbolic: input, perm });

  const initializerDims = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', (t.dims ?? []).map(toNumber)]));
  for (const node of fuseMatMulAdd(nodes, initializerDims, graphOutputs))
    CONVERTERS[node.opType!]!(ctx, node, new NodeAttributes(WHERE, node));

  const outputs = (graph.output ?? []).map((o) => {
    const v = ctx.values.get(o.name ?? '');
    if (v?.kind !== 'tensor')
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `graph output "${o.name}"`,
        value: v ? 'a constant' : 'missing',
        expected: 'a tensor computed from the input',
      });
    const node = { name: `output_${o.name}`, opType: 'Output' };
    const r = v.perm.length;
    const target = nhwc && r >= 3 ? channelsLastPerm(r) : identityPerm(r);
    return (ctx.toPerm(node, v as TensorValue, target) as TensorValue).symbolic;
  });
  const name = resolved.name ?? (sanitize(graph.name ?? '') || 'onnx_model');
  return tf.model({ inputs: input, outputs: outputs.length === 1 ? outputs[0]! : outputs, name });
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[_.-]+/, '');
}
