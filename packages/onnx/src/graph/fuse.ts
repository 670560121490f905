import type { NodeProto } from '../proto/onnx-proto';

/**
 * MatMul(x, W) followed by Add(·, b) with W and b initializers becomes one MatMul node with a bias input, so the
 * imported model has one Dense layer (with bias) as PyTorch's Linear on a 3-D input exports it.
 */
export function fuseMatMulAdd(
  nodes: readonly NodeProto[],
  initializers: ReadonlyMap<string, number[]>,
  graphOutputs: ReadonlySet<string>,
): NodeProto[] {
  const readers = new Map<string, number>();
  for (const n of nodes) for (const i of n.input ?? []) readers.set(i, (readers.get(i) ?? 0) + 1);
  const producedBy = new Map<string, NodeProto>();
  for (const n of nodes) for (const o of n.output ?? []) producedBy.set(o, n);
  const fused = new Map<NodeProto, NodeProto>();
  const removed = new Set<NodeProto>();
  for (const add of nodes) {
    if (add.opType !== 'Add' || (add.input ?? []).length !== 2) continue;
    for (const k of [0, 1]) {
      const mmOut = add.input![k]!;
      const bias = add.input![1 - k]!;
      const mm = producedBy.get(mmOut);
      if (
        mm?.opType !== 'MatMul' ||
        !isBiasOf(initializers.get(bias), initializers.get(mm.input?.[1] ?? '')) ||
        readers.get(mmOut) !== 1 ||
        graphOutputs.has(mmOut) ||
        fused.has(mm)
      )
        continue;
      fused.set(mm, {
        ...mm,
        input: [mm.input![0]!, mm.input![1]!, bias],
        output: [...(add.output ?? [])],
        name: mm.name ?? add.name,
      });
      removed.add(add);
      break;
    }
  }
  return nodes.filter((n) => !removed.has(n)).map((n) => fused.get(n) ?? n);
}

/** A bias b broadcasts over the columns of W [K, N] only: dims [N] or [1, …, 1, N]. */
function isBiasOf(b: number[] | undefined, w: number[] | undefined): boolean {
  if (!b || !w || w.length !== 2 || b.length === 0) return false;
  return b[b.length - 1] === w[1] && b.slice(0, -1).every((d) => d === 1);
}
