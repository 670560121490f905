import { describe, expect, it } from 'vitest';
import { ZIGGURAT_R, scratch32, scratchFloat64, zigguratLayers } from '../../src/internal/index';

describe('@memsim/core/internal', () => {
  it('zigguratLayers: every layer has the area V of the base strip (the defining equations), x[1] = R, x[256] = 0', () => {
    const { x, ratio } = zigguratLayers();
    const f = (v: number) => Math.exp(-0.5 * v * v);
    // Base strip: rectangle R·f(R) plus the tail ∫_R^∞ f = x[0]·f(R) by construction.
    const v = x[0]! * f(ZIGGURAT_R);
    expect(x[1]).toBe(ZIGGURAT_R);
    expect(x[256]).toBe(0);
    for (let i = 1; i < 255; i++) expect(x[i]! * (f(x[i + 1]!) - f(x[i]!))).toBeCloseTo(v, 12);
    for (let i = 0; i < 256; i++) expect(ratio[i]).toBe(x[i + 1]! / x[i]!);
    expect(zigguratLayers()).toBe(zigguratLayers()); // built once
  });

  it('scratchFloat64: the same key and length give the same array, another key or length another one', () => {
    const a = scratchFloat64('test.a', 16);
    expect(a).toHaveLength(16);
    expect(scratchFloat64('test.a', 16)).toBe(a);
    expect(scratchFloat64('test.b', 16)).not.toBe(a);
    expect(scratchFloat64('test.a', 17)).not.toBe(a);
  });

  it('scratch32: a view of `length` entries of one buffer per slot, grown only when too small', () => {
    const a = scratch32('test.slot', 8);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a).toHaveLength(8);
    const b = scratch32('test.slot', 4);
    expect(b.buffer).toBe(a.buffer); // smaller: the same memory
    expect(b).toHaveLength(4);
    expect(scratch32('test.other', 4).buffer).not.toBe(a.buffer);
    const c = scratch32('test.slot', 9);
    expect(c).toHaveLength(9);
    expect(c.buffer).not.toBe(a.buffer); // grown
    expect(c.buffer.byteLength).toBeGreaterThanOrEqual(10 * 4); // by 25 % at least
  });
});
