import { InvalidParameterError } from '@memsim/core';
import type { GraphProto, ValueInfoProto } from '../proto/onnx-proto';
import { toNumber } from '../proto/onnx-proto';

/**
 * One graph input or output: name and shape (a string for a symbolic dimension such as "batch", null if unknown).
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * const input: OnnxTensorInfo = inspectOnnx(new Uint8Array(readFileSync('test/fixtures/lenet5/model.onnx'))).inputs[0]!;
 * input.shape; // → e.g. ['batch', 1, 28, 28] (a symbolic batch dimension); input.elementType → 'FLOAT'
 */
export interface OnnxTensorInfo {
  name: string;
  shape: (number | string | null)[];
  /** ONNX element type name, e.g. 'FLOAT'. */
  elementType: string;
}

const ELEMENT_TYPES = [
  'UNDEFINED',
  'FLOAT',
  'UINT8',
  'INT8',
  'UINT16',
  'INT16',
  'INT32',
  'INT64',
  'STRING',
  'BOOL',
  'FLOAT16',
  'DOUBLE',
];

export function tensorInfo(v: ValueInfoProto): OnnxTensorInfo {
  const t = v.type?.tensorType;
  const dims = t?.shape?.dim ?? [];
  return {
    name: v.name ?? '',
    shape: dims.map((d) =>
      d.dimParam
        ? d.dimParam
        : d.dimValue !== undefined && d.dimValue !== null && toNumber(d.dimValue) > 0
          ? toNumber(d.dimValue)
          : null,
    ),
    elementType: ELEMENT_TYPES[t?.elemType ?? 0] ?? String(t?.elemType),
  };
}

/** The graph inputs that are not initializers (older exporters list initializers among the inputs). */
export function graphInputs(graph: GraphProto): OnnxTensorInfo[] {
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  return (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map(tensorInfo);
}

/** The one input of a memsim model, with its per-sample ONNX dims (the first dim is the batch). */
export function singleInput(where: string, graph: GraphProto): { info: OnnxTensorInfo; sampleDims: number[] } {
  const inputs = graphInputs(graph);
  if (inputs.length !== 1)
    throw new InvalidParameterError({
      where,
      parameter: 'graph inputs',
      value: inputs.map((i) => i.name),
      expected: 'exactly one input tensor (memsim models take one batch-first input; export with a single input)',
    });
  const info = inputs[0]!;
  const sampleDims = info.shape.slice(1);
  if (info.shape.length < 2 || sampleDims.some((d) => typeof d !== 'number'))
    throw new InvalidParameterError({
      where,
      parameter: `input "${info.name}" shape`,
      value: info.shape,
      expected: '[batch, …] with every dimension after the batch fixed (export with dynamic_axes only on the batch)',
    });
  if (info.elementType !== 'FLOAT')
    throw new InvalidParameterError({
      where,
      parameter: `input "${info.name}" type`,
      value: info.elementType,
      expected: 'FLOAT',
    });
  return { info, sampleDims: sampleDims as number[] };
}
