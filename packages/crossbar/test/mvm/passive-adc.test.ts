import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { quantize } from '@memsim/quantize';
import { describe, expect, it } from 'vitest';
import { initCrossbars, mvm, solvePassive } from '../../src/index';
import type { MappedCrossbars } from '../../src/index';

// Passive mode puts the ADC where the other modes put it : per tile and input row, before the digital sum.
const rows = 12;
const cols = 8;
const batch = 3;
const tile: [number, number] = [4, 4];
const adc = { bits: 5, method: 'linear' as const, overflowRate: 0 };
const rng = createRng(7);
const w = rng.fillUniform(new Float64Array(rows * cols), -1, 1) as Float64Array;
const x = rng.fillUniform(new Float32Array(batch * rows), -0.5, 0.5) as Float32Array;

/** Largest step of a 5-bit linear ADC over these outputs, for "within one code" checks. */
function step(y: Float32Array): number {
  let m = 0;
  for (const v of y) m = Math.max(m, Math.abs(v));
  return (2 * m) / 2 ** (adc.bits - 1);
}

/** The same read-out computed independently: each tile solved alone with solvePassive, converted, then summed. */
function perTileReference(m: MappedCrossbars, resistances: { sourceResistance: number; lineResistance: number }) {
  const [tr, tc] = tile;
  const out = new Float32Array(batch * cols);
  for (let b = 0; b < batch; b++)
    for (let r0 = 0; r0 < rows; r0 += tr)
      for (let c0 = 0; c0 < cols; c0 += tc) {
        const v = Float64Array.from(x.subarray(b * rows + r0, b * rows + r0 + tr));
        const tileCurrents = m.crossbars.map((xbar) => {
          const g = new Float64Array(tr * tc);
          for (let i = 0; i < tr; i++)
            for (let j = 0; j < tc; j++) g[i * tc + j] = xbar.conductance[(r0 + i) * cols + c0 + j]!;
          return solvePassive({ rows: tr, cols: tc, data: g }, v, new Float64Array(tc), resistances).currents;
        });
        const seg = Float32Array.from(tileCurrents[0]!, (iPos, j) => iPos - tileCurrents[1]![j]!);
        const q = quantize(seg, adc);
        for (let j = 0; j < tc; j++) out[b * cols + c0 + j] = out[b * cols + c0 + j]! + q[j]!;
      }
  return out;
}

describe('mvm, passive mode with tiles and an ADC', () => {
  const m = initCrossbars({ rows, cols, data: w }, { model: VTEAM, scheme: 'double-column', tileShape: tile });

  it.each([
    [1, 0.5],
    [0, 0],
  ])('converts each tile before the sum (source %s Ω, line %s Ω), as a per-tile solve computes', (rs, rl) => {
    const resistances = { sourceResistance: rs, lineResistance: rl };
    const got = mvm(x, batch, m, { mode: 'passive', ...resistances, adc, raw: true });
    const want = perTileReference(m, resistances);
    const lsb = step(want);
    let exact = 0;
    for (let i = 0; i < want.length; i++) {
      // Solver round-off may move a value across a code boundary: at most one code, rarely.
      expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(lsb * 1.0001);
      if (got[i] === want[i]) exact++;
    }
    expect(exact / want.length).toBeGreaterThanOrEqual(0.9);
  });

  it('with zero wire resistance it matches the tiled mode ADC placement', () => {
    const passive = mvm(x, batch, m, { mode: 'passive', sourceResistance: 0, lineResistance: 0, adc, raw: true });
    const tiled = mvm(x, batch, m, { mode: 'tiled', tileShape: tile, adc, raw: true });
    const lsb = step(tiled);
    for (let i = 0; i < tiled.length; i++) expect(Math.abs(passive[i]! - tiled[i]!)).toBeLessThanOrEqual(lsb * 1.0001);
  });

  it('differs from converting the summed output once (the placement matters)', () => {
    const resistances = { sourceResistance: 1, lineResistance: 0.5 };
    const perTile = mvm(x, batch, m, { mode: 'passive', ...resistances, adc, raw: true });
    const summed = quantize(mvm(x, batch, m, { mode: 'passive', ...resistances, raw: true }), adc);
    let differ = 0;
    for (let i = 0; i < perTile.length; i++) if (perTile[i] !== summed[i]) differ++;
    expect(differ).toBeGreaterThan(0);
  });
});
