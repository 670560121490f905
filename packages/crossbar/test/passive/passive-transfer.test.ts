import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { factorPassive, initCrossbars, mvm, passiveTransfer } from '../../src/index';

const rng = createRng(21);
const wiring = { sourceResistance: 1, lineResistance: 1 };

/** V·T in float64 (the transfer-matrix read-out, without the float32 GEMM). */
function applyTransfer(v: Float64Array, batch: number, t: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(batch * cols);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) out[b * cols + j]! += v[b * rows + i]! * t[i * cols + j]!;
  return out;
}

/**
 * The reference: every tile solved by full nodal solves per vector (`returnCellVoltages` forces the factored solve,
 * never a transfer matrix), partial currents summed over tile rows; padded tiles carry the padding devices.
 */
function directCurrents(
  xbar: { rows: number; cols: number; conductance: Float64Array; tileShape?: readonly [number, number] | undefined },
  v: Float64Array,
  batch: number,
  options: { sourceResistance: number; lineResistance: number; paddingConductance?: number },
): Float64Array {
  const { rows, cols, conductance } = xbar;
  const [tr, tc] = xbar.tileShape ?? [rows, cols];
  const { paddingConductance: padding, ...wiringOnly } = options;
  const out = new Float64Array(batch * cols);
  for (let r0 = 0; r0 < rows; r0 += tr)
    for (let c0 = 0; c0 < cols; c0 += tc) {
      const h = Math.min(tr, rows - r0);
      const w = Math.min(tc, cols - c0);
      const th = padding === undefined ? h : tr;
      const tw = padding === undefined ? w : tc;
      const block = new Float64Array(th * tw).fill(padding ?? 0);
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++) block[i * tw + j] = conductance[(r0 + i) * cols + c0 + j]!;
      const f = factorPassive({ rows: th, cols: tw, data: block }, wiringOnly);
      for (let b = 0; b < batch; b++) {
        const vin = new Float64Array(th);
        for (let i = 0; i < h; i++) vin[i] = v[b * rows + r0 + i]!;
        const part = f.solve(vin, undefined, { returnCellVoltages: true }).currents;
        for (let j = 0; j < w; j++) out[b * cols + c0 + j]! += part[j]!;
      }
    }
  return out;
}

function maxRelative(got: Float64Array, want: Float64Array): number {
  let scale = 0;
  for (const w of want) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / scale);
  return worst;
}

describe('passiveTransfer', () => {
  const rows = 21;
  const cols = 13;
  const batch = 5;
  const conductance = new Float64Array(rows * cols);
  rng.fillUniform(conductance, 1e-6, 1e-3);
  const v = new Float64Array(batch * rows);
  rng.fillUniform(v, -0.5, 0.5);

  it.each([
    ['untiled', undefined, undefined],
    ['tiles 8×5 (partial edge tiles)', [8, 5] as const, undefined],
    ['tiles 8×5, padded with HRS devices', [8, 5] as const, 1e-6],
  ])('%s: V·T equals the direct per-vector solve to 1e-9 relative (float64)', (_, tileShape, padding) => {
    const xbar = { rows, cols, conductance, version: 0, tileShape };
    const options = padding === undefined ? wiring : { ...wiring, paddingConductance: padding };
    const want = directCurrents(xbar, v, batch, options);
    const got = applyTransfer(v, batch, passiveTransfer(xbar, options), rows, cols);
    expect(maxRelative(got, want)).toBeLessThanOrEqual(1e-9);
  });

  it('is cached per version and rebuilt after a change (never stale)', () => {
    const g = conductance.slice();
    const xbar = { rows, cols, conductance: g, version: 0, tileShape: [8, 5] as const };
    const first = passiveTransfer(xbar, wiring);
    expect(passiveTransfer(xbar, wiring)).toBe(first);
    g[7] = 5e-4;
    xbar.version = 1;
    const second = passiveTransfer(xbar, wiring);
    expect(second).not.toBe(first);
    const want = directCurrents(xbar, v, batch, wiring);
    expect(maxRelative(applyTransfer(v, batch, second, rows, cols), want)).toBeLessThanOrEqual(1e-9);
  });
});

describe('mvm passive through the transfer matrix', () => {
  const rows = 150;
  const cols = 40;
  const batch = 300;
  const w = new Float64Array(rows * cols);
  rng.fillUniform(w, -1, 1);
  const x = new Float32Array(batch * rows);
  rng.fillUniform(x, -0.8, 0.8);
  const options = { mode: 'passive' as const, ...wiring };

  it.each([
    ['tiled + 8-bit ADC', { adc: { bits: 8 } }],
    ['no ADC', {}],
  ])('%s: threads 1, 2 and 3 give bit-identical outputs', (_, extra) => {
    const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [64, 32] });
    const one = mvm(x, batch, mapped, { ...options, ...extra, threads: 1 });
    expect(mvm(x, batch, mapped, { ...options, ...extra, threads: 2 })).toEqual(one);
    expect(mvm(x, batch, mapped, { ...options, ...extra, threads: 3 })).toEqual(one);
  });

  it('a write to the crossbars changes the next read-out (the cached matrix is rebuilt)', () => {
    const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [64, 32] });
    const before = mvm(x, batch, mapped, options);
    const xbar = mapped.crossbars[0]!;
    const g = xbar.conductance.slice();
    g.fill(g[0]!, 0, cols); // first word line: every device at the first device's conductance
    xbar.write(g);
    const after = mvm(x, batch, mapped, options);
    const fresh = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [64, 32] });
    fresh.crossbars[0]!.write(g);
    expect(after).not.toEqual(before);
    expect(after).toEqual(mvm(x, batch, fresh, options));
  });
});
