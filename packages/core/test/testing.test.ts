import { describe, expect, it } from 'vitest';
import { expectClose, flatTensor, timeInterleaved } from '../src/testing/index';

describe('testing helpers', () => {
  it('expectClose passes within tolerance and reports index, expected and got otherwise', () => {
    expect(() => expectClose([1, 2.000001], [1, 2], { rtol: 1e-5 })).not.toThrow();
    expect(() => expectClose([1, 2.1], [1, 2], { rtol: 1e-5, label: 'I' })).toThrow(
      /I: 1 of 2 entries outside tolerance[\s\S]*\[1\] expected 2, got 2.1/,
    );
    expect(() => expectClose([Number.NaN], [Number.NaN])).not.toThrow();
    expect(() => expectClose([1], [1, 2])).toThrow(/length/);
  });
  it('flatTensor flattens nested golden data row-major and checks the shape', () => {
    const t = flatTensor({
      dtype: 'float32',
      shape: [2, 2],
      data: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4]);
    expect(() => flatTensor({ dtype: 'float32', shape: [3], data: [1, 2] })).toThrow(/needs 3 values/);
  });
});

describe('timeInterleaved', () => {
  it('runs the variants in turn (warm-up round first), each after its own prepare, and returns one result each', () => {
    const log: string[] = [];
    const results = timeInterleaved(
      [{ prepare: () => log.push('prepare a'), run: () => log.push('a') }, { run: () => log.push('b') }],
      2,
    );
    expect(log).toEqual(['prepare a', 'a', 'b', 'prepare a', 'a', 'b', 'prepare a', 'a', 'b']);
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.wall).toBeGreaterThanOrEqual(0);
      expect(r.cpu).toBeGreaterThanOrEqual(0);
    }
  });
});
