import { createRng } from '@memsim/core';
import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { SCALE_PERS, scaleInput, unscaleOutput } from '../../src/index';
import type { ScalePer } from '../../src/index';

const batch = 4;
const inputs = 6;
const outputs = 3;

/** Random batch × inputs data with peak |x| exactly `peak`. */
function inputsWithPeak(peak: number, seed: number): Float64Array {
  const x = new Float64Array(batch * inputs);
  createRng(seed).fillUniform(x, -1, 1);
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return x.map((v) => (v / m) * peak);
}

/** Plain batch × inputs · inputs × outputs product (the ideal crossbar, in weight units). */
function matmul(x: ArrayLike<number>, w: Float64Array): Float64Array {
  const y = new Float64Array(batch * outputs);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < inputs; i++)
      for (let j = 0; j < outputs; j++) y[b * outputs + j]! += x[b * inputs + i]! * w[i * outputs + j]!;
  return y;
}

const w = createRng(99).fillNormal(new Float64Array(inputs * outputs)) as Float64Array;

describe.each(SCALE_PERS)("scaleInput per '%s'", (per: ScalePer) => {
  it.each([0.1, 1, 100])('layer round trip (scale, multiply, unscale) is exact for peak %s', (peak) => {
    const x = inputsWithPeak(peak, 5);
    // Make the samples' peaks differ so 'sample' and 'batch' scales differ.
    for (let i = 0; i < inputs; i++) x[i]! *= 0.5;
    const vMax = 0.3;
    const options =
      per === 'fixed'
        ? { maxInputVoltage: vMax, per, batch, inputRange: 50 }
        : { maxInputVoltage: vMax, per, batch, forceScale: true };
    const { voltages, scale } = scaleInput(x, options);
    expect(scale.length).toBe(batch);
    let vPeak = 0;
    for (const v of voltages) vPeak = Math.max(vPeak, Math.abs(v));
    if (per !== 'fixed') expect(vPeak).toBeCloseTo(vMax, 14); // the peak maps onto maxInputVoltage
    const y = unscaleOutput(matmul(voltages, w), scale);
    expectClose(y, matmul(x, w), { rtol: 1e-12, atol: 1e-12 * peak, label: `peak ${peak}` });
  });

  it('never mutates x and keeps Float32 inputs in Float32', () => {
    const x = Float32Array.from(inputsWithPeak(2, 8));
    const copy = x.slice();
    const { voltages } = scaleInput(x, { maxInputVoltage: 1, per, batch });
    expect(voltages).toBeInstanceOf(Float32Array);
    expect(x).toEqual(copy);
    expect(scaleInput(Array.from(x), { maxInputVoltage: 1, per, batch }).voltages).toBeInstanceOf(Float64Array);
  });
});

describe('scaleInput semantics', () => {
  it("'batch' without forceScale leaves inputs already within ±maxInputVoltage unchanged (MemTorch naive_scale)", () => {
    const x = inputsWithPeak(0.5, 1);
    const r = scaleInput(x, { maxInputVoltage: 1, per: 'batch', batch });
    expect(Array.from(r.scale)).toEqual([1, 1, 1, 1]);
    expect(r.voltages).toEqual(x);
    // forceScale changes the result: the peak now maps onto 1 V.
    const f = scaleInput(x, { maxInputVoltage: 1, per: 'batch', batch, forceScale: true });
    expectClose(f.scale, new Float64Array(batch).fill(2), { rtol: 1e-15 });
  });

  it("'batch' scale is maxInputVoltage / max|x|; 'sample' uses each sample's peak", () => {
    const x = new Float64Array([1, -2, 0.5, 8, 0, 0]);
    expectClose(scaleInput(x, { maxInputVoltage: 2, per: 'batch', batch: 3 }).scale, [0.25, 0.25, 0.25], {
      rtol: 1e-15,
    });
    // Sample peaks 2, 8, 0: the first two exceed 2 V and are scaled, the all-zero sample keeps scale 1.
    expectClose(scaleInput(x, { maxInputVoltage: 2, per: 'sample', batch: 3 }).scale, [1, 0.25, 1], { rtol: 1e-15 });
    expectClose(scaleInput(x, { maxInputVoltage: 2, per: 'sample', batch: 3, forceScale: true }).scale, [1, 0.25, 1], {
      rtol: 1e-15,
    });
  });

  it("'fixed' never depends on the data; inputRange changes it", () => {
    const a = scaleInput(inputsWithPeak(0.1, 2), { maxInputVoltage: 0.5, per: 'fixed', batch });
    const b = scaleInput(inputsWithPeak(100, 2), { maxInputVoltage: 0.5, per: 'fixed', batch });
    expect(a.scale).toEqual(b.scale);
    expectClose(a.scale, new Float64Array(batch).fill(0.5), { rtol: 1e-15 });
    expectClose(scaleInput([1], { maxInputVoltage: 0.5, per: 'fixed', inputRange: 4 }).scale, [0.125], { rtol: 1e-15 });
  });

  it('all-zero input with forceScale is defined (MemTorch divides by zero)', () => {
    const r = scaleInput(new Float64Array(4), { maxInputVoltage: 1, per: 'batch', forceScale: true });
    expect(Array.from(r.voltages)).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.scale)).toEqual([1]);
  });

  it("MemTorch's flaw: without unscaling, the output gain follows the input peak", () => {
    const outs = [1, 100].map((peak) => {
      const x = inputsWithPeak(peak, 3);
      const { voltages } = scaleInput(x, { maxInputVoltage: 1, per: 'batch', batch, forceScale: true });
      return matmul(voltages, w)[0]! / matmul(x, w)[0]!;
    });
    expect(outs[0]! / outs[1]!).toBeCloseTo(100, 9);
  });
});

describe('scaleInput / unscaleOutput bad input', () => {
  const x = [0.1, -0.2, 0.3, 0.4];
  const good = { maxInputVoltage: 1, per: 'batch' as const };
  const call =
    (options: unknown, data: unknown = x) =>
    () =>
      scaleInput(data as number[], options as never);

  it.each([-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])('maxInputVoltage = %s', (v) => {
    expect(call({ ...good, maxInputVoltage: v })).toThrow(InvalidParameterError);
    expect(call({ ...good, maxInputVoltage: v })).toThrow(/`maxInputVoltage` must be a finite number > 0/);
  });
  it.each(['layer', 'Batch', '', 1, null, undefined])('per = %s', (v) => {
    expect(call({ ...good, per: v })).toThrow(/`per` must be one of 'batch', 'sample', 'fixed'/);
  });
  it.each([0, -1, 1.5, Number.NaN, '2', null])('batch = %s', (v) => {
    expect(call({ ...good, batch: v })).toThrow(/`batch` must be a positive integer/);
  });
  it('batch that does not divide x.length', () => {
    expect(call({ ...good, batch: 3 })).toThrow(ShapeMismatchError);
  });
  it.each([1, 'yes', null])('forceScale = %s', (v) => {
    expect(call({ ...good, forceScale: v })).toThrow(/`forceScale` must be true or false/);
  });
  it.each([0, -2, Number.NaN, '1'])('inputRange = %s', (v) => {
    expect(call({ ...good, per: 'fixed', inputRange: v })).toThrow(/`inputRange` must be a finite number > 0/);
  });
  it('options that the chosen `per` does not use', () => {
    expect(call({ ...good, inputRange: 2 })).toThrow(/`inputRange` must be omitted with per 'batch'/);
    expect(call({ ...good, per: 'fixed', forceScale: true })).toThrow(/`forceScale` must be omitted with per 'fixed'/);
  });
  it('unknown keys and missing options', () => {
    expect(call({ ...good, maxVoltage: 1 })).toThrow(/unknown key `maxVoltage`/);
    expect(call(undefined)).toThrow(/`options` must be an options object/);
  });
  it.each([
    ['NaN', [0, Number.NaN], /`x\[1\]`/],
    ['Infinity', [Number.POSITIVE_INFINITY], /`x\[0\]`/],
    ['string', '12', /`x`/],
    ['null', null, /`x`/],
  ])('x containing %s', (_name, data, re) => {
    expect(call(good, data)).toThrow(re);
  });
  it('unscaleOutput rejects bad scales and shapes', () => {
    expect(() => unscaleOutput([1, 2], [0])).toThrow(/`scale\[0\]` must be a finite number > 0/);
    expect(() => unscaleOutput([1, 2], [-1])).toThrow(InvalidParameterError);
    expect(() => unscaleOutput([1, 2], [])).toThrow(/`scale` must be a non-empty array/);
    expect(() => unscaleOutput([1, 2, 3], [1, 1])).toThrow(ShapeMismatchError);
    expect(() => unscaleOutput([1, Number.NaN], [1])).toThrow(/`y\[1\]`/);
  });
});
