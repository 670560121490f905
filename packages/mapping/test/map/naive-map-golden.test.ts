import { loadGolden, flatTensor, expectClose, maxAbsDiff } from '@memsim/core/testing';
import type { GoldenTensor } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { naiveMap } from '../../src/index';

interface GoldenCase {
  weight: string;
  scheme: 'SingleColumn' | 'DoubleColumn';
  p_l: number | null;
  r_on: number;
  r_off: number;
  result: { ok: boolean; value: Record<string, GoldenTensor> };
}
interface GoldenFile {
  weights: Record<string, GoldenTensor>;
  cases: GoldenCase[];
}

const golden = loadGolden<GoldenFile>(new URL('../golden/naive_map.json', import.meta.url));

function weightMatrix(name: string) {
  const t = flatTensor(golden.weights[name]);
  const rows = t.shape[0]!;
  return { rows, cols: t.data.length / rows, data: t.data, dtype: t.dtype };
}

function hasNaN(c: GoldenCase): boolean {
  return Object.values(c.result.value).some((t) => flatTensor(t).data.some(Number.isNaN));
}

const double = golden.cases.filter((c) => c.scheme === 'DoubleColumn' && c.result.ok && !hasNaN(c));
const label = (c: GoldenCase) => `${c.weight} pL=${c.p_l} rOn=${c.r_on} rOff=${c.r_off}`;

describe('naiveMap double-column: parity with MemTorch naive_map', () => {
  it('covers cases with and without pL', () => {
    expect(double.some((c) => c.p_l === null)).toBe(true);
    expect(double.some((c) => c.p_l !== null && c.p_l > 0)).toBe(true);
    expect(double.length).toBeGreaterThanOrEqual(40);
  });

  const deltas = new Map<string, number>();
  it.each(double.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const w = weightMatrix(c.weight);
    const options = {
      rOn: c.r_on,
      rOff: c.r_off,
      scheme: 'double-column' as const,
      ...(c.p_l === null ? {} : { pL: c.p_l }),
    };
    const [gPos, gNeg] = naiveMap(w, options);
    const pos = flatTensor(c.result.value.pos).data;
    const neg = flatTensor(c.result.value.neg).data;
    const rtol = w.dtype === 'float32' ? 1e-6 : 1e-12;
    expectClose(gPos!.data, pos, { rtol, label: `G+ ${label(c)}` });
    expectClose(gNeg!.data, neg, { rtol, label: `G- ${label(c)}` });
    const rel = Math.max(maxAbsDiff(gPos!.data, pos), maxAbsDiff(gNeg!.data, neg)) * c.r_on;
    deltas.set(c.weight, Math.max(deltas.get(c.weight) ?? 0, rel));
  });

  it('reports the max error per weight set (relative to g_on)', () => {
    for (const [name, d] of deltas) console.log(`naive_map.json ${name}: max |ΔG|/g_on = ${d.toExponential(2)}`);
  });
});

describe('naiveMap: where memsim deliberately differs from MemTorch', () => {
  it('all-zero weights give g_off on both columns where MemTorch gives NaN', () => {
    const c = golden.cases.find((k) => k.weight === 'all_zero_2x3' && k.scheme === 'DoubleColumn' && k.p_l === null)!;
    expect(flatTensor(c.result.value.pos).data.every(Number.isNaN)).toBe(true);
    const [gPos, gNeg] = naiveMap(weightMatrix('all_zero_2x3'), {
      rOn: c.r_on,
      rOff: c.r_off,
      scheme: 'double-column',
    });
    for (const g of [gPos!, gNeg!]) for (const v of g.data) expect(v).toBe(1 / c.r_off);
  });

  it('single-column keeps the sign of negative weights where MemTorch clamps them to g_off', () => {
    const c = golden.cases.find(
      (k) => k.weight === 'negative_only_3x5' && k.scheme === 'SingleColumn' && k.p_l === null,
    )!;
    const memtorch = flatTensor(c.result.value.crossbar).data;
    const gOff = 1 / c.r_off;
    // MemTorch: every negative weight lands on g_off, so all five columns are indistinguishable.
    expectClose(memtorch, new Float64Array(memtorch.length).fill(gOff), { rtol: 1e-6 });
    const w = weightMatrix('negative_only_3x5');
    const [g] = naiveMap(w, { rOn: c.r_on, rOff: c.r_off, scheme: 'single-column' });
    const gM = (1 / c.r_on + gOff) / 2;
    const wMax = Math.max(...Array.from(w.data, Math.abs));
    const expected = Array.from(w.data, (x) => gM + (x * (1 / c.r_on - gOff)) / (2 * wMax));
    expectClose(g!.data, expected, { rtol: 1e-12 });
    for (let i = 0; i < w.data.length; i++) expect(Math.sign(g!.data[i]! - gM)).toBe(Math.sign(w.data[i]!));
  });

  it("records MemTorch's SingleColumn formula G = L(clamp(w, 0, w_max)) and that memsim's differs", () => {
    const c = golden.cases.find((k) => k.weight === 'randn4x6_f64' && k.scheme === 'SingleColumn' && k.p_l === null)!;
    const w = weightMatrix('randn4x6_f64');
    const gOn = 1 / c.r_on;
    const gOff = 1 / c.r_off;
    const wMax = Math.max(...Array.from(w.data, Math.abs));
    const memtorchFormula = Array.from(w.data, (x) => gOff + (Math.min(Math.max(x, 0), wMax) * (gOn - gOff)) / wMax);
    expectClose(flatTensor(c.result.value.crossbar).data, memtorchFormula, { rtol: 1e-12 });
    const [g] = naiveMap(w, { rOn: c.r_on, rOff: c.r_off, scheme: 'single-column' });
    const ours = Array.from(w.data, (x) => (gOn + gOff) / 2 + (x * (gOn - gOff)) / (2 * wMax));
    expectClose(g!.data, ours, { rtol: 1e-12 });
    expect(maxAbsDiff(g!.data, memtorchFormula)).toBeGreaterThan(0.1 * (gOn - gOff));
  });
});
