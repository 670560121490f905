import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { applyCalibration, calibrate, fitLinear, identityCalibration } from '../../src/index';
import type { OutputCalibration } from '../../src/index';

const samples = 200;
const cols = 4;

/** A fake memristive layer: raw outputs are a per-column affine distortion of the ideal outputs plus noise. */
function probe(seed: number) {
  const rng = createRng(seed);
  const reference = rng.fillUniform(new Float64Array(samples * cols), -1, 1) as Float64Array;
  const gains = [0.8, 1.3, 0.5, 2];
  const offsets = [0.05, -0.1, 0, 0.2];
  const raw = reference.map((v, i) => gains[i % cols]! * v + offsets[i % cols]! + 0.01 * rng.normal());
  return { raw, reference };
}

/** MemTorch-style layer state: forward applies the current correction to the raw outputs. */
class FakeLayer {
  calibration: OutputCalibration = identityCalibration();
  constructor(private readonly raw: Float64Array) {}
  forward(): Float64Array {
    return applyCalibration(this.raw, this.calibration);
  }
}

describe('calibrate', () => {
  const { raw, reference } = probe(1);

  it('a shared fit equals fitLinear(raw, reference)', () => {
    const c = calibrate(raw, reference);
    const f = fitLinear(raw, reference);
    expect(c.slope.length).toBe(1);
    expectClose([c.slope[0]!, c.intercept[0]!, c.r2[0]!], [f.slope, f.intercept, f.r2], { rtol: 1e-15 });
  });

  it('perColumn fits one line per column and undoes each column distortion', () => {
    const c = calibrate(raw, reference, { perColumn: true, cols });
    expect(c.slope.length).toBe(cols);
    expectClose(c.slope, [1 / 0.8, 1 / 1.3, 1 / 0.5, 1 / 2], { rtol: 0.03 });
    const corrected = applyCalibration(raw, c);
    let worst = 0;
    for (let i = 0; i < corrected.length; i++) worst = Math.max(worst, Math.abs(corrected[i]! - reference[i]!));
    expect(worst).toBeLessThan(0.1); // ≈ 4σ of the 0.01 noise times the largest inverse gain (2)
    // perColumn changes the result against the shared fit.
    expect(c.slope).not.toEqual(calibrate(raw, reference).slope);
  });

  it.each([false, true])(
    'is idempotent through a layer: tuning twice gives the same correction (perColumn %s)',
    (perColumn) => {
      const layer = new FakeLayer(raw);
      const tune = () => {
        layer.calibration = calibrate(layer.forward(), reference, { perColumn, cols, applied: layer.calibration });
      };
      tune();
      const first = layer.calibration;
      const outFirst = layer.forward();
      tune();
      tune();
      expectClose(layer.calibration.slope, first.slope, { rtol: 1e-12 });
      expectClose(layer.calibration.intercept, first.intercept, { rtol: 1e-10, atol: 1e-14 });
      expectClose(layer.forward(), outFirst, { rtol: 1e-10, atol: 1e-13 });
    },
  );

  it("MemTorch's compounding (fit on corrected outputs, apply to raw ones) would give a different, worse result", () => {
    const layer = new FakeLayer(raw);
    layer.calibration = calibrate(layer.forward(), reference, { perColumn: true, cols });
    // MemTorch's second tune: fit on already-corrected outputs, then apply the new fit to raw outputs.
    const compounded = calibrate(layer.forward(), reference, { perColumn: true, cols });
    const good = calibrate(layer.forward(), reference, { perColumn: true, cols, applied: layer.calibration });
    const err = (c: OutputCalibration) => {
      const y = applyCalibration(raw, c);
      let s = 0;
      for (let i = 0; i < y.length; i++) s += (y[i]! - reference[i]!) ** 2;
      return s;
    };
    expect(err(compounded)).toBeGreaterThan(10 * err(good));
  });

  it('identityCalibration leaves outputs unchanged', () => {
    expect(applyCalibration(raw, identityCalibration())).toEqual(raw);
    expect(applyCalibration(raw, identityCalibration(cols))).toEqual(raw);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => calibrate(raw, reference.subarray(1))).toThrow(ShapeMismatchError);
    expect(() => calibrate(raw, reference, { cols: 3 })).toThrow(/multiple of cols = 3/);
    expect(() => calibrate(raw, reference, { perColumn: 1 as never })).toThrow(/`perColumn` must be true or false/);
    expect(() => calibrate(raw, reference, { cols: 0 })).toThrow(/`cols` must be a positive integer/);
    expect(() => calibrate(raw, reference, { col: 4 } as never)).toThrow(/unknown key `col`; did you mean `cols`\?/);
    expect(() => calibrate([1, 1, 1], [1, 2, 3])).toThrow(/`raw` must be not constant/);
    expect(() => calibrate([1], [1])).toThrow(/at least 2 samples/);
    expect(() => calibrate([1, Number.NaN], [1, 2])).toThrow(/`raw\[1\]`/);
    const zero = { slope: new Float64Array([0]), intercept: new Float64Array([0]), r2: new Float64Array([1]) };
    expect(() => calibrate(raw, reference, { applied: zero })).toThrow(/`applied\.slope\[0\]` must be non-zero/);
    expect(() => calibrate(raw, reference, { cols, applied: identityCalibration(3) })).toThrow(ShapeMismatchError);
    expect(() => calibrate(raw, reference, { applied: { slope: [1] } as never })).toThrow(InvalidParameterError);
    expect(() => applyCalibration([1, 2, 3], identityCalibration(2))).toThrow(ShapeMismatchError);
    expect(() => identityCalibration(0)).toThrow(/`cols` must be a positive integer/);
  });
});
