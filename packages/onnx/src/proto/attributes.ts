import { InvalidParameterError } from '@memsim/core';
import { type AttributeProto, type NodeProto, onnx, toNumber } from './onnx-proto';
import { type ConstantData, readTensor } from './tensor-data';

const AT = onnx.AttributeProto.AttributeType;

/** Typed read access to a node's attributes, with defaults. */
export class NodeAttributes {
  private readonly byName = new Map<string, AttributeProto>();

  constructor(
    private readonly where: string,
    readonly node: NodeProto,
  ) {
    for (const a of node.attribute ?? []) if (a.name) this.byName.set(a.name, a);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  int(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? toNumber(a.i) : fallback;
  }

  float(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? (a.f ?? 0) : fallback;
  }

  ints(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.ints ?? []).map(toNumber) : undefined;
  }

  floats(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? [...(a.floats ?? [])] : undefined;
  }

  string(name: string, fallback: string): string {
    const a = this.byName.get(name);
    if (!a) return fallback;
    const s = a.s;
    return s ? new TextDecoder().decode(s) : '';
  }

  strings(name: string): string[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.strings ?? []).map((s) => new TextDecoder().decode(s)) : undefined;
  }

  tensor(name: string): ConstantData | undefined {
    const a = this.byName.get(name);
    if (!a) return undefined;
    if (a.type !== AT.TENSOR || !a.t)
      throw new InvalidParameterError({
        where: this.where,
        parameter: `node "${this.node.name}" attribute ${name}`,
        value: a.type,
        expected: 'a tensor attribute',
      });
    return readTensor(this.where, a.t);
  }
}
