// Builds ONNX models in tests and benchmarks with the official schema (onnx-proto), the way torch.onnx.export
// lays them out: IR 8, one opset import, initializers as raw little-endian data (or floatData / int64Data on request).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type Attribute =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'floats'; value: number[] }
  | { kind: 'string'; value: string }
  | { kind: 'strings'; value: string[] }
  | { kind: 'tensor'; value: InitializerSpec };

export const int = (value: number): Attribute => ({ kind: 'int', value });
export const ints = (value: number[]): Attribute => ({ kind: 'ints', value });
export const float = (value: number): Attribute => ({ kind: 'float', value });
export const floats = (value: number[]): Attribute => ({ kind: 'floats', value });
export const str = (value: string): Attribute => ({ kind: 'string', value });
export const strs = (value: string[]): Attribute => ({ kind: 'strings', value });
export const tensorAttr = (value: InitializerSpec): Attribute => ({ kind: 'tensor', value });

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, Attribute>;
  name?: string;
  domain?: string;
}

export interface InitializerSpec {
  name: string;
  dims: number[];
  /** Float32Array → FLOAT; a number[] or BigInt64Array-like list with `int64: true` → INT64. */
  data: Float32Array | number[];
  int64?: boolean;
  /** Where the values go: rawData (PyTorch's default) or the typed repeated field. @default 'raw' */
  storage?: 'raw' | 'typed';
}

export interface ModelSpec {
  opset?: number;
  irVersion?: number;
  inputs: { name: string; shape: (number | string)[] }[];
  outputs: { name: string; shape?: (number | string)[] }[];
  initializers?: InitializerSpec[];
  nodes: NodeSpec[];
  name?: string;
}

function tensorProto(spec: InitializerSpec) {
  const t: Record<string, unknown> = { name: spec.name, dims: spec.dims };
  const storage = spec.storage ?? 'raw';
  if (spec.int64) {
    t.dataType = onnx.TensorProto.DataType.INT64;
    const values = Array.from(spec.data as ArrayLike<number>);
    if (storage === 'raw') t.rawData = new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer);
    else t.int64Data = values;
  } else {
    t.dataType = onnx.TensorProto.DataType.FLOAT;
    const values = spec.data instanceof Float32Array ? spec.data : Float32Array.from(spec.data);
    if (storage === 'raw') t.rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    else t.floatData = Array.from(values);
  }
  return onnx.TensorProto.create(t);
}

function attributeProto(name: string, a: Attribute) {
  const T = onnx.AttributeProto.AttributeType;
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (a.kind) {
    case 'int':
      return { name, type: T.INT, i: a.value };
    case 'ints':
      return { name, type: T.INTS, ints: a.value };
    case 'float':
      return { name, type: T.FLOAT, f: a.value };
    case 'floats':
      return { name, type: T.FLOATS, floats: a.value };
    case 'string':
      return { name, type: T.STRING, s: enc(a.value) };
    case 'strings':
      return { name, type: T.STRINGS, strings: a.value.map(enc) };
    case 'tensor':
      return { name, type: T.TENSOR, t: tensorProto(a.value) };
  }
}

function valueInfo(name: string, shape: (number | string)[] | undefined) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        ...(shape
          ? { shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } }
          : {}),
      },
    },
  };
}

/** Encodes a model to the bytes of an .onnx file. */
export function buildModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: spec.irVersion ?? 8,
    producerName: 'memsim-test',
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: spec.name ?? 'test_graph',
      input: spec.inputs.map((i) => valueInfo(i.name, i.shape)),
      output: spec.outputs.map((o) => valueInfo(o.name, o.shape)),
      initializer: (spec.initializers ?? []).map(tensorProto),
      node: spec.nodes.map((n, k) => ({
        name: n.name ?? `${n.op}_${k}`,
        opType: n.op,
        domain: n.domain ?? '',
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes ?? {}).map(([name, a]) => attributeProto(name, a)),
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
