import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSIVE_OPTIONS, factorPassive, irDropReport, passiveCurrents, solvePassive } from '../../src/index';
import { mnaCurrents, mnaDeviceVoltages, type Wiring } from './circuit-reference';
import { passiveProblem } from './passive-problem';

/** Random conductances in [1/rOff, 1/rOn] with rOn = 100 Ω, rOff = 1000 Ω (the MemTorch golden range). */
function randomG(m: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: m * n }, () => 1e-3 + rng.uniform() * 9e-3);
}
function randomV(length: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => rng.uniform() * scale);
}
/** V·G computed in the test: Σ_i g_ij (V_WL[i] − V_BL[j]). */
function idealCurrents(
  g: ArrayLike<number>,
  m: number,
  n: number,
  vwl: ArrayLike<number>,
  vbl: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j]! += g[i * n + j]! * (vwl[i]! - vbl[j]!);
  return out;
}
function maxAbs(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i]!));
  return s;
}
const wiring = (
  sourceResistance: number,
  wordLineResistance: number,
  bitLineResistance = wordLineResistance,
  accessResistance = 0,
): Wiring => ({
  sourceResistance,
  wordLineResistance,
  bitLineResistance,
  accessResistance,
});
const optionsOf = (w: Wiring) => ({
  sourceResistance: w.sourceResistance,
  lineResistance: w.wordLineResistance,
  wordLineResistance: w.wordLineResistance,
  bitLineResistance: w.bitLineResistance,
  accessResistance: w.accessResistance,
});

describe('public entry', () => {
  it('exports the passive API', () => {
    for (const f of [solvePassive, factorPassive, passiveCurrents, irDropReport]) expect(typeof f).toBe('function');
    expect(DEFAULT_PASSIVE_OPTIONS).toEqual({ accessResistance: 0, returnCellVoltages: false });
    expect(Object.isFrozen(DEFAULT_PASSIVE_OPTIONS)).toBe(true);
  });
});

// Every wiring, including each special case, against a dense float64 MNA of the same netlist (zero resistances as
// 0 V sources, sources as ideal voltage sources), solved by Gaussian elimination in the test.
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 6],
  [6, 1],
  [3, 4],
  [5, 5],
  [7, 3],
];
const WIRINGS: [string, Wiring][] = [
  ['source 5, line 5', wiring(5, 5)],
  ['source 1, line 0.5', wiring(1, 0.5)],
  ['source 20, line 2', wiring(20, 2)],
  ['source 1e-3, line 1e-3', wiring(1e-3, 1e-3)],
  ['source 0 (pinned), line 5', wiring(0, 5)],
  ['source 5, line 0 (merged)', wiring(5, 0)],
  ['source 0, line 0 (ideal)', wiring(0, 0)],
  ['word line 3, bit line 0.2', wiring(2, 3, 0.2)],
  ['word line 0, bit line 2', wiring(2, 0, 2)],
  ['word line 2, bit line 0, source 0', wiring(0, 2, 0)],
  ['access 50, source 2, line 1', wiring(2, 1, 1, 50)],
  ['access 20, source 0, line 0', wiring(0, 0, 0, 20)],
];

describe.each(WIRINGS)('solvePassive vs dense MNA, %s', (_name, w) => {
  it.each(SHAPES)('%i×%i with bit-line voltages: currents and device voltages to 1e-10', (m, n) => {
    const g = randomG(m, n, 10 * m + n);
    const vwl = randomV(m, 100 + m, 1);
    const vbl = randomV(n, 200 + n, 0.2);
    const got = solvePassive({ rows: m, cols: n, data: g }, vwl, vbl, { ...optionsOf(w), returnCellVoltages: true });
    const want = mnaCurrents(g, m, n, vwl, vbl, w);
    expectClose(got.currents, want, { rtol: 0, atol: 1e-10 * maxAbs(want), label: 'currents' });
    expectClose(got.cellVoltages!, mnaDeviceVoltages(g, m, n, vwl, vbl, w), {
      rtol: 0,
      atol: 1e-10,
      label: 'device voltages',
    });
  });
});

describe('special cases', () => {
  it('source 0 and line 0 give exactly V·G', () => {
    const g = randomG(9, 11, 3);
    const v = randomV(9, 4);
    const vbl = randomV(11, 5, 0.3);
    const got = solvePassive({ rows: 9, cols: 11, data: g }, v, vbl, {
      sourceResistance: 0,
      lineResistance: 0,
    }).currents;
    expectClose(got, idealCurrents(g, 9, 11, v, vbl), { rtol: 1e-15, atol: 1e-18, label: 'ideal' });
  });

  it('a zero source resistance pins the driven node to its source (device (i,0) sees V_WL[i] − B(i,0))', () => {
    const g = randomG(4, 5, 6);
    const v = randomV(4, 7);
    const r = solvePassive({ rows: 4, cols: 5, data: g }, v, new Float64Array(5), {
      sourceResistance: 0,
      lineResistance: 0,
      bitLineResistance: 1,
      returnCellVoltages: true,
    });
    // Word lines merged and pinned: every device in row i has V_WL[i] on its word-line side.
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 5; j++) expect(r.cellVoltages![i * 5 + j]).toBeLessThanOrEqual(v[i]!);
    // The bottom row sits on the pinned bit-line terminal: exactly V_WL[m−1].
    for (let j = 0; j < 5; j++) expect(r.cellVoltages![3 * 5 + j]).toBeCloseTo(v[3]!, 15);
  });

  it('an access resistance in series scales an ideal array by 1/(1 + G·r)', () => {
    const g = randomG(3, 4, 8);
    const v = randomV(3, 9);
    const got = solvePassive({ rows: 3, cols: 4, data: g }, v, new Float64Array(4), {
      sourceResistance: 0,
      lineResistance: 0,
      accessResistance: 100,
    }).currents;
    const geff = g.map((x) => x / (1 + 100 * x));
    expectClose(got, idealCurrents(geff, 3, 4, v, new Float64Array(4)), { rtol: 1e-14 });
  });

  it('zero conductances (open cells) are allowed', () => {
    const g = new Float64Array(12);
    g[5] = 2e-3;
    const v = randomV(3, 1);
    const w = wiring(3, 1);
    const got = solvePassive({ rows: 3, cols: 4, data: g }, v, new Float64Array(4), optionsOf(w)).currents;
    expectClose(got, mnaCurrents(g, 3, 4, v, new Float64Array(4), w), { rtol: 1e-12, atol: 1e-20 });
    expect(got[0]).toBe(0);
  });
});

describe('limits and physics', () => {
  const m = 12;
  const n = 10;
  const g = randomG(m, n, 21);
  const v = randomV(m, 22);
  const zeros = new Float64Array(n);
  const ideal = idealCurrents(g, m, n, v, zeros);

  it('currents converge to V·G as both resistances go to 0 (error shrinks ∝ resistance)', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const r of [1, 1e-2, 1e-4, 1e-6, 1e-8]) {
      const got = solvePassive({ rows: m, cols: n, data: g }, v, zeros, {
        sourceResistance: r,
        lineResistance: r,
      }).currents;
      let err = 0;
      for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(got[j]! - ideal[j]!) / ideal[j]!);
      expect(err).toBeLessThan(previous / 50);
      previous = err;
    }
    expect(previous).toBeLessThan(1e-6);
  });

  it('each output current decreases monotonically as line resistance grows (positive inputs)', () => {
    let previous = ideal;
    for (const r of [0, 0.01, 0.1, 0.5, 1, 2, 5, 10, 50, 200]) {
      const got = solvePassive({ rows: m, cols: n, data: g }, v, zeros, {
        sourceResistance: 1,
        lineResistance: r,
      }).currents;
      for (let j = 0; j < n; j++) expect(got[j]!).toBeLessThan(previous[j]!);
      previous = got;
    }
  });

  it('each output current decreases monotonically as source resistance grows (positive inputs)', () => {
    let previous = ideal;
    for (const r of [0.01, 0.1, 1, 10, 100]) {
      const got = solvePassive({ rows: m, cols: n, data: g }, v, zeros, {
        sourceResistance: r,
        lineResistance: 0.5,
      }).currents;
      for (let j = 0; j < n; j++) expect(got[j]!).toBeLessThan(previous[j]!);
      previous = got;
    }
  });

  it('superposition: I(a·v1 + b·v2, a·u1 + b·u2) = a·I(v1, u1) + b·I(v2, u2)', () => {
    const f = factorPassive(
      { rows: m, cols: n, data: g },
      { sourceResistance: 2, lineResistance: 1.5, accessResistance: 30 },
    );
    const v1 = randomV(m, 31);
    const v2 = randomV(m, 32);
    const u1 = randomV(n, 33, 0.2);
    const u2 = randomV(n, 34, 0.2);
    const a = 0.7;
    const b = -1.9;
    const mix = (x: Float64Array, y: Float64Array) => x.map((xi, i) => a * xi + b * y[i]!);
    const left = f.solve(mix(v1, v2), mix(u1, u2)).currents;
    const i1 = f.solve(v1, u1).currents;
    const i2 = f.solve(v2, u2).currents;
    expectClose(left, mix(i1, i2), { rtol: 0, atol: 1e-13 * maxAbs(i1) });
  });

  it('KCL: with equal word- and bit-line voltages no current flows', () => {
    const f = factorPassive({ rows: m, cols: n, data: g }, { sourceResistance: 2, lineResistance: 1 });
    const got = f.solve(new Float64Array(m).fill(0.3), new Float64Array(n).fill(0.3)).currents;
    expect(maxAbs(got)).toBeLessThan(1e-15);
  });
});

describe('factorPassive', () => {
  const m = 9;
  const n = 13;
  const G = { rows: m, cols: n, data: randomG(m, n, 41) };
  const options = { sourceResistance: 3, lineResistance: 0.8 };
  const f = factorPassive(G, options);

  it('reports its size and wiring', () => {
    expect(f.rows).toBe(m);
    expect(f.cols).toBe(n);
    expect(f.unknowns).toBe(2 * m * n);
    expect(f.factorNonZeros).toBeGreaterThanOrEqual(2 * m * n);
    expect(f.options).toEqual({
      sourceResistance: 3,
      wordLineResistance: 0.8,
      bitLineResistance: 0.8,
      accessResistance: 0,
    });
    expect(factorPassive(G, { sourceResistance: 0, lineResistance: 0.8 }).unknowns).toBe(2 * m * n - m - n);
    expect(factorPassive(G, { sourceResistance: 3, lineResistance: 0 }).unknowns).toBe(m + n);
    expect(factorPassive(G, { sourceResistance: 0, lineResistance: 0 }).unknowns).toBe(0);
  });

  it('solve equals solvePassive, and returnCellVoltages adds the device voltages', () => {
    const v = randomV(m, 42);
    const u = randomV(n, 43, 0.1);
    const one = solvePassive(G, v, u, { ...options, returnCellVoltages: true });
    const two = f.solve(v, u, { returnCellVoltages: true });
    expect(two.currents).toEqual(one.currents);
    expect(two.cellVoltages).toEqual(one.cellVoltages);
    expect(f.solve(v, u).cellVoltages).toBeUndefined();
    expect(solvePassive(G, v, u, options).cellVoltages).toBeUndefined();
    // currents are Σ_i G_ij·v_ij of the returned device voltages
    const fromCells = new Float64Array(n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) fromCells[j]! += G.data[i * n + j]! * two.cellVoltages![i * n + j]!;
    expectClose(two.currents, fromCells, { rtol: 1e-13 });
  });

  it('solve without bit-line voltages means 0 V', () => {
    const v = randomV(m, 44);
    expect(f.solve(v).currents).toEqual(f.solve(v, new Float64Array(n)).currents);
  });

  it('solveBatch equals one solve per vector (shared, per-batch and absent bit-line voltages; batches > one block)', () => {
    const batch = 70;
    const voltages = randomV(batch * m, 45);
    const perBatch = randomV(batch * n, 46, 0.2);
    const shared = randomV(n, 47, 0.2);
    const a = f.solveBatch(voltages, batch);
    const b = f.solveBatch(voltages, batch, { vBitLines: perBatch });
    const c = f.solveBatch(voltages, batch, { vBitLines: shared });
    for (let k = 0; k < batch; k++) {
      const v = voltages.subarray(k * m, (k + 1) * m);
      expectClose(a.subarray(k * n, (k + 1) * n), f.solve(v).currents, { rtol: 1e-13 });
      expectClose(b.subarray(k * n, (k + 1) * n), f.solve(v, perBatch.subarray(k * n, (k + 1) * n)).currents, {
        rtol: 1e-12,
        atol: 1e-18,
      });
      expectClose(c.subarray(k * n, (k + 1) * n), f.solve(v, shared).currents, { rtol: 1e-12, atol: 1e-18 });
    }
  });

  it('accepts Float32Array and number[] voltages and never modifies its inputs', () => {
    const data = G.data.slice();
    const v = randomV(m, 48);
    const copy = v.slice();
    const r64 = f.solve(v).currents;
    expectClose(f.solve(Array.from(v)).currents, r64, { rtol: 0 });
    expectClose(
      f.solve(Float32Array.from(v)).currents,
      solvePassive(G, Float32Array.from(v), new Float64Array(n), options).currents,
      { rtol: 1e-13 },
    );
    expect(v).toEqual(copy);
    expect(G.data).toEqual(data);
  });

  it.each([
    ['regular', wiring(3, 0.8)],
    ['pinned', wiring(0, 0.8)],
    ['merged word lines, access resistance', wiring(2, 0, 1, 40)],
  ] as const)(
    'after `cols` vectors it switches to the transfer matrix, which matches the direct solve and MNA (%s)',
    (_name, w) => {
      const g = randomG(m, n, 71);
      const fresh = factorPassive({ rows: m, cols: n, data: g }, optionsOf(w));
      const v = randomV(m, 72);
      const u = randomV(n, 73, 0.2);
      const direct = fresh.solve(v, u).currents; // 1 vector: a full nodal solve
      const batch = n + 2;
      const voltages = randomV(batch * m, 74);
      const bits = randomV(batch * n, 75, 0.2);
      const viaTransfer = fresh.solveBatch(voltages, batch, { vBitLines: bits }); // crosses `cols`: T is built and used
      expectClose(fresh.solve(v, u).currents, direct, { rtol: 1e-12, atol: 1e-18, label: 'T path vs direct' });
      for (const k of [0, batch - 1]) {
        const want = mnaCurrents(g, m, n, voltages.subarray(k * m, (k + 1) * m), bits.subarray(k * n, (k + 1) * n), w);
        expectClose(viaTransfer.subarray(k * n, (k + 1) * n), want, {
          rtol: 0,
          atol: 1e-10 * maxAbs(want),
          label: `row ${k} vs MNA`,
        });
      }
      // device voltages always come from a full solve
      expectClose(fresh.solve(v, u, { returnCellVoltages: true }).cellVoltages!, mnaDeviceVoltages(g, m, n, v, u, w), {
        rtol: 0,
        atol: 1e-12,
      });
    },
  );

  it('large grid (40×60): currents are the superposition of the unit-input responses', () => {
    const g = randomG(40, 60, 49);
    const v = randomV(40, 50);
    const w = wiring(2, 1.5, 0.7);
    const got = solvePassive({ rows: 40, cols: 60, data: g }, v, new Float64Array(60), optionsOf(w)).currents;
    // A dense MNA of 4800+ unknowns is too slow for a unit test (ngspice covers 32×64 in spice.test.ts); here the
    // solve must be linear: 40 unit inputs (full solves, below the transfer-matrix threshold) recombined.
    const eye = new Float64Array(40 * 40);
    for (let i = 0; i < 40; i++) eye[i * 40 + i] = 1;
    const transfer = factorPassive({ rows: 40, cols: 60, data: g }, optionsOf(w)).solveBatch(eye, 40);
    const viaTransfer = new Float64Array(60);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 60; j++) viaTransfer[j]! += v[i]! * transfer[i * 60 + j]!;
    expectClose(got, viaTransfer, { rtol: 0, atol: 1e-12 * maxAbs(got) });
  });
});

describe('TypeScript triangular solves (runtime without WebAssembly)', () => {
  it('give the same currents and device voltages as the WebAssembly SIMD solves', () => {
    const fixture = fileURLToPath(new URL('./no-wasm-fixture.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', fixture], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const child = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      webAssembly: string;
      single: number[];
      cells: number[];
      many: number[];
    };
    expect(child.webAssembly).toBe('undefined');
    const { G, voltages, batch, options } = passiveProblem();
    const f = factorPassive(G, options);
    const single = f.solve(voltages.subarray(0, G.rows), undefined, { returnCellVoltages: true });
    expectClose(child.single, single.currents, { rtol: 1e-13, label: 'single' });
    expectClose(child.cells, single.cellVoltages!, { rtol: 0, atol: 1e-15, label: 'cells' });
    expectClose(child.many, f.solveBatch(voltages, batch), { rtol: 1e-12, label: 'batch' });
    const w = wiring(2, 0.7, 1.3);
    expectClose(
      child.single,
      mnaCurrents(G.data, G.rows, G.cols, voltages.subarray(0, G.rows), new Float64Array(G.cols), w),
      { rtol: 1e-10 },
    );
  });
});

describe('passiveCurrents', () => {
  const rows = 10;
  const cols = 7;
  const options = { sourceResistance: 2, lineResistance: 1 };

  it('untiled equals factorPassive(...).solveBatch to 1e-9 relative (port-Schur transfer vs factored solves)', () => {
    const g = randomG(rows, cols, 51);
    const batch = 5;
    const v = randomV(batch * rows, 52);
    const got = passiveCurrents({ rows, cols, conductance: g, version: 0 }, v, batch, options);
    const want = factorPassive({ rows, cols, data: g }, options).solveBatch(v, batch);
    expectClose(got, want, { rtol: 0, atol: 1e-9 * maxAbs(want) });
  });

  it('tiled: each tile is its own circuit and partial currents add across tile rows (non-divisible tiles)', () => {
    const g = randomG(rows, cols, 53);
    const batch = 3;
    const v = randomV(batch * rows, 54);
    const tile: [number, number] = [4, 3];
    const got = passiveCurrents({ rows, cols, conductance: g, version: 0, tileShape: tile }, v, batch, options);
    const want = new Float64Array(batch * cols);
    for (let b = 0; b < batch; b++)
      for (let r0 = 0; r0 < rows; r0 += 4)
        for (let c0 = 0; c0 < cols; c0 += 3) {
          const h = Math.min(4, rows - r0);
          const w = Math.min(3, cols - c0);
          const block = new Float64Array(h * w);
          for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) block[i * w + j] = g[(r0 + i) * cols + c0 + j]!;
          const part = mnaCurrents(
            block,
            h,
            w,
            v.subarray(b * rows + r0, b * rows + r0 + h),
            new Float64Array(w),
            wiring(2, 1),
          );
          for (let j = 0; j < w; j++) want[b * cols + c0 + j]! += part[j]!;
        }
    expectClose(got, want, { rtol: 0, atol: 1e-11 * maxAbs(want) });
    // and tiling changes the answer (smaller circuits lose less to the wires)
    const untiled = passiveCurrents({ rows, cols, conductance: g, version: 0 }, v, batch, options);
    expect(maxAbs(got.map((x, k) => x - untiled[k]!))).toBeGreaterThan(1e-6);
  });

  it('paddingConductance loads partial tiles with unused devices (full-size circuits)', () => {
    const g = randomG(5, 5, 55);
    const v = randomV(5, 56);
    const tile: [number, number] = [4, 4];
    const plain = passiveCurrents({ rows: 5, cols: 5, conductance: g, version: 0, tileShape: tile }, v, 1, options);
    const padded = passiveCurrents({ rows: 5, cols: 5, conductance: g, version: 0, tileShape: tile }, v, 1, {
      ...options,
      paddingConductance: 1e-3,
    });
    // Tile (0,1) covers rows 0..3, column 4 padded to 4 columns with 1e-3 S devices (padded word lines at 0 V).
    const block = new Float64Array(16).fill(1e-3);
    for (let i = 0; i < 4; i++) block[i * 4] = g[i * 5 + 4]!;
    const blockBottom = new Float64Array(16).fill(1e-3);
    blockBottom[0] = g[4 * 5 + 4]!;
    const top = mnaCurrents(block, 4, 4, v.subarray(0, 4), new Float64Array(4), wiring(2, 1));
    const bottom = mnaCurrents(blockBottom, 4, 4, [v[4]!, 0, 0, 0], new Float64Array(4), wiring(2, 1));
    expect(padded[4]).toBeCloseTo(top[0]! + bottom[0]!, 14);
    expect(Math.abs(padded[4]! - plain[4]!)).toBeGreaterThan(1e-7);
  });

  it('keeps matching the circuit after switching to the transfer matrix (tiled, many batches)', () => {
    const g = randomG(rows, cols, 59);
    const xbar = { rows, cols, conductance: g, version: 0, tileShape: [6, 4] as [number, number] };
    const w = wiring(2, 1);
    const check = (batch: number, seed: number) => {
      const v = randomV(batch * rows, seed);
      const got = passiveCurrents(xbar, v, batch, options);
      for (const k of [0, batch - 1]) {
        const want = new Float64Array(cols);
        for (let r0 = 0; r0 < rows; r0 += 6)
          for (let c0 = 0; c0 < cols; c0 += 4) {
            const h = Math.min(6, rows - r0);
            const tw = Math.min(4, cols - c0);
            const block = new Float64Array(h * tw);
            for (let i = 0; i < h; i++) for (let j = 0; j < tw; j++) block[i * tw + j] = g[(r0 + i) * cols + c0 + j]!;
            const part = mnaCurrents(
              block,
              h,
              tw,
              v.subarray(k * rows + r0, k * rows + r0 + h),
              new Float64Array(tw),
              w,
            );
            for (let j = 0; j < tw; j++) want[c0 + j]! += part[j]!;
          }
        expectClose(got.subarray(k * cols, (k + 1) * cols), want, {
          rtol: 0,
          atol: 1e-11 * maxAbs(want),
          label: `batch ${batch} row ${k}`,
        });
      }
    };
    check(2, 81); // full solves
    check(9, 82); // crosses `cols` of every tile: transfer matrices built, factors released
    check(1, 83); // transfer path only
    check(40, 84);
  });

  it('caches the factor per crossbar object and drops it when `version` changes', () => {
    const g = randomG(rows, cols, 57);
    const v = randomV(rows, 58);
    const xbar = { rows, cols, conductance: g, version: 1 };
    const first = passiveCurrents(xbar, v, 1, options);
    g[3] = 5e-3; // changed without a version bump: the cached factor is (by contract) still used
    expect(passiveCurrents(xbar, v, 1, options)).toEqual(first);
    xbar.version = 2;
    const third = passiveCurrents(xbar, v, 1, options);
    expect(third).not.toEqual(first);
    expectClose(third, mnaCurrents(g, rows, cols, v, new Float64Array(cols), wiring(2, 1)), { rtol: 1e-10 });
    // other wiring on the same object is factored separately
    const other = passiveCurrents(xbar, v, 1, { sourceResistance: 0, lineResistance: 0 });
    expectClose(other, idealCurrents(g, rows, cols, v, new Float64Array(cols)), { rtol: 1e-14 });
  });
});

describe('irDropReport', () => {
  it('reports device voltages, ideal values and per-output relative error', () => {
    const m = 6;
    const n = 8;
    const g = randomG(m, n, 61);
    const v = randomV(m, 62);
    const vbl = randomV(n, 63, 0.1);
    const w = wiring(1, 2);
    const r = irDropReport({ rows: m, cols: n, data: g }, v, {
      sourceResistance: 1,
      lineResistance: 2,
      vBitLines: vbl,
    });
    expectClose(r.cellVoltages, mnaDeviceVoltages(g, m, n, v, vbl, w), { rtol: 0, atol: 1e-12 });
    const ideal = idealCurrents(g, m, n, v, vbl);
    expectClose(r.idealCurrents, ideal, { rtol: 1e-15 });
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) expect(r.idealCellVoltages[i * n + j]).toBe(v[i]! - vbl[j]!);
    const want = r.currents.map((x, j) => (x - ideal[j]!) / Math.abs(ideal[j]!));
    expectClose(r.relativeError, want, { rtol: 1e-15 });
    expect(r.maxAbsRelativeError).toBe(Math.max(...Array.from(want, Math.abs)));
    expect(r.maxAbsRelativeError).toBeGreaterThan(0.01);
  });

  it('is error-free for an ideal array and handles zero ideal currents without NaN', () => {
    const g = randomG(3, 3, 64);
    const r = irDropReport({ rows: 3, cols: 3, data: g }, [0, 0, 0], { sourceResistance: 0, lineResistance: 0 });
    expect(Array.from(r.relativeError)).toEqual([0, 0, 0]);
    const r2 = irDropReport({ rows: 2, cols: 1, data: [1e-3, 1e-3] }, [1, -1], {
      sourceResistance: 1,
      lineResistance: 1,
    });
    expect(r2.idealCurrents[0]).toBe(0);
    expect(Number.isFinite(r2.relativeError[0]!)).toBe(true);
  });
});

describe('bad input', () => {
  const G = { rows: 2, cols: 3, data: [1e-3, 2e-3, 3e-3, 4e-3, 5e-3, 6e-3] };
  const v = [0.1, 0.2];
  const u = [0, 0, 0];
  const ok = { sourceResistance: 1, lineResistance: 1 };
  const BAD_RESISTANCES = [-1, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}];

  it.each(BAD_RESISTANCES)('rejects sourceResistance = %s', (r) => {
    expect(() => solvePassive(G, v, u, { ...ok, sourceResistance: r as number })).toThrow(InvalidParameterError);
    expect(() => factorPassive(G, { ...ok, sourceResistance: r as number })).toThrow(
      /`sourceResistance` must be a finite number >= 0/,
    );
  });
  it.each(BAD_RESISTANCES)('rejects lineResistance = %s', (r) => {
    expect(() => solvePassive(G, v, u, { ...ok, lineResistance: r as number })).toThrow(
      /`lineResistance` must be a finite number >= 0/,
    );
  });
  it.each(['wordLineResistance', 'bitLineResistance', 'accessResistance'])(
    'rejects a negative or non-finite %s',
    (key) => {
      for (const r of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1'])
        expect(() => factorPassive(G, { ...ok, [key]: r })).toThrow(
          new RegExp(`\`${key}\` must be a finite number >= 0`),
        );
    },
  );
  it('requires sourceResistance and lineResistance', () => {
    expect(() => solvePassive(G, v, u, { lineResistance: 1 } as never)).toThrow(
      /`sourceResistance`.*received undefined/,
    );
    expect(() => factorPassive(G, { sourceResistance: 1 } as never)).toThrow(/`lineResistance`.*received undefined/);
  });
  it.each([null, undefined, 5, 'x', []])('rejects options = %s', (o) => {
    expect(() => factorPassive(G, o as never)).toThrow(InvalidParameterError);
  });
  it('rejects unknown option keys with a suggestion', () => {
    expect(() => solvePassive(G, v, u, { ...ok, lineResistence: 1 } as never)).toThrow(
      /unknown key `lineResistence`; did you mean `lineResistance`/,
    );
    expect(() => factorPassive(G, { ...ok, returnCellVoltages: true } as never)).toThrow(
      /unknown key `returnCellVoltages`/,
    );
  });
  it.each([-1e-3, Number.NaN, Number.POSITIVE_INFINITY])('rejects conductance %s', (x) => {
    const bad = { ...G, data: [1e-3, x, 3e-3, 4e-3, 5e-3, 6e-3] };
    expect(() => solvePassive(bad, v, u, ok)).toThrow(/`G.data\[1\]`/);
    expect(() =>
      passiveCurrents({ rows: 2, cols: 3, conductance: Float64Array.from(bad.data), version: 0 }, v, 1, ok),
    ).toThrow(/`crossbar.conductance\[1\]`/);
  });
  it('names the fix for signed conductances', () => {
    expect(() => factorPassive({ ...G, data: [1e-3, -1e-3, 0, 0, 0, 0] }, ok)).toThrow(/two physical arrays/);
  });
  it.each([
    [{ rows: 0, cols: 3, data: [] }, /`G.rows`/],
    [{ rows: 2, cols: 1.5, data: [1, 2] }, /`G.cols`/],
    [{ rows: 2, cols: 3, data: [1, 2] }, /`G.data` must have shape \[6\]/],
    [null, /`G` must be a matrix/],
  ])('rejects malformed G %#', (bad, message) => {
    expect(() => solvePassive(bad as never, v, u, ok)).toThrow(message);
  });
  it('rejects voltage vectors of the wrong length or with non-finite values', () => {
    expect(() => solvePassive(G, [0.1], u, ok)).toThrow(ShapeMismatchError);
    expect(() => solvePassive(G, v, [0, 0], ok)).toThrow(/`vBitLines` must have shape \[3\]/);
    expect(() => solvePassive(G, [0.1, Number.NaN], u, ok)).toThrow(/`vWordLines\[1\]` must be a finite number/);
    expect(() => solvePassive(G, v, [0, Number.POSITIVE_INFINITY, 0], ok)).toThrow(/`vBitLines\[1\]`/);
    expect(() => solvePassive(G, 'x' as never, u, ok)).toThrow(InvalidParameterError);
    const f = factorPassive(G, ok);
    expect(() => f.solve([1, 2, 3])).toThrow(/`vWordLines` must have shape \[2\]/);
    expect(() => f.solveBatch([1, 2, 3], 2)).toThrow(/`voltages` must have shape \[4\]/);
    expect(() => f.solveBatch([1, 2], 1, { vBitLines: [1] })).toThrow(/`vBitLines`/);
    expect(() => f.solve(v, u, { returnCellVoltages: 1 as never })).toThrow(
      /`returnCellVoltages` must be true or false/,
    );
    expect(() => f.solveBatch([1, 2], 1, { bitLines: [] } as never)).toThrow(/unknown key `bitLines`/);
  });
  it.each([0, -1, 1.5, Number.NaN, '2', null])('rejects batch = %s', (batch) => {
    expect(() => factorPassive(G, ok).solveBatch([1, 2], batch as number)).toThrow(
      /`batch` must be a positive integer/,
    );
    expect(() =>
      passiveCurrents({ rows: 2, cols: 3, conductance: Float64Array.from(G.data), version: 0 }, v, batch as number, ok),
    ).toThrow(/`batch`/);
  });
  it('rejects malformed crossbars and tile shapes', () => {
    const c = Float64Array.from(G.data);
    expect(() => passiveCurrents(null as never, v, 1, ok)).toThrow(/`crossbar` must be a crossbar/);
    expect(() => passiveCurrents({ rows: 2, cols: 3, conductance: [1] as never, version: 0 }, v, 1, ok)).toThrow(
      /`crossbar.conductance` must be a Float64Array/,
    );
    expect(() => passiveCurrents({ rows: 2, cols: 3, conductance: new Float64Array(5), version: 0 }, v, 1, ok)).toThrow(
      ShapeMismatchError,
    );
    expect(() => passiveCurrents({ rows: 2, cols: 3, conductance: c, version: Number.NaN }, v, 1, ok)).toThrow(
      /`crossbar.version`/,
    );
    expect(() =>
      passiveCurrents({ rows: 2, cols: 3, conductance: c, version: 0, tileShape: [0, 2] }, v, 1, ok),
    ).toThrow(/`crossbar.tileShape\[0\]`/);
    expect(() =>
      passiveCurrents({ rows: 2, cols: 3, conductance: c, version: 0, tileShape: [2] as never }, v, 1, ok),
    ).toThrow(/`crossbar.tileShape`/);
    expect(() =>
      passiveCurrents({ rows: 2, cols: 3, conductance: c, version: 0 }, v, 1, { ...ok, paddingConductance: -1 }),
    ).toThrow(/`paddingConductance`/);
  });
  it('solves every valid wiring without a numerical error', () => {
    for (const [, w] of WIRINGS) expect(() => solvePassive(G, v, u, optionsOf(w))).not.toThrow();
  });
});
