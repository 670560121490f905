import { CONVERTERS } from '../ops/registry';
import { decodeModel } from '../proto/decode-model';
import { toNumber } from '../proto/onnx-proto';
import { graphInputs, type OnnxTensorInfo, tensorInfo } from './graph-io';

/**
 * What {@link inspectOnnx} reports about a model.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * const summary: OnnxSummary = inspectOnnx(new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx')));
 * summary.opset; // → 17; summary.unsupportedOps lists ops importOnnx cannot convert
 */
export interface OnnxSummary {
  /** ONNX IR version. */
  irVersion: number;
  /** Opset of the default domain. */
  opset: number;
  /** Producer, e.g. 'pytorch 2.11.0'. */
  producer: string;
  /** Graph inputs (initializers excluded). */
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
  /** Each op type with its node count, sorted by op type. */
  ops: { opType: string; count: number; supported: boolean }[];
  /** Op types memsim cannot import (empty when the model imports). */
  unsupportedOps: string[];
  /** Number of nodes. */
  nodes: number;
  /** Number of floating-point weights (elements of float initializers). */
  parameters: number;
}

/**
 * Reads an ONNX model's summary without building anything: inputs, outputs, op types and counts, parameter count,
 * opset, and which ops memsim cannot import.
 *
 * @throws {InvalidParameterError} when the bytes are not an ONNX model or the opset is outside 11–21.
 * @example
 * import { readFileSync } from 'node:fs';
 * const bytes = new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx'));
 * inspectOnnx(bytes).parameters; // → 61706 for LeNet-5
 */
export function inspectOnnx(bytes: Uint8Array): OnnxSummary {
  const { model, opset } = decodeModel('inspectOnnx', bytes);
  const graph = model.graph!;
  const counts = new Map<string, number>();
  for (const n of graph.node ?? []) {
    const op = `${n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.` : ''}${n.opType}`;
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  const ops = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([opType, count]) => ({ opType, count, supported: CONVERTERS[opType] !== undefined }));
  let parameters = 0;
  for (const t of graph.initializer ?? [])
    if (t.dataType === 1 || t.dataType === 10 || t.dataType === 11)
      parameters += (t.dims ?? []).reduce<number>((a, d) => a * toNumber(d), 1);
  return {
    irVersion: toNumber(model.irVersion),
    opset,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    inputs: graphInputs(graph),
    outputs: (graph.output ?? []).map(tensorInfo),
    ops,
    unsupportedOps: ops.filter((o) => !o.supported).map((o) => o.opType),
    nodes: (graph.node ?? []).length,
    parameters,
  };
}
