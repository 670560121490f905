import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { factorPassive, passiveTransfer } from '../../src/index';
import { buildPassiveCircuit } from '../../src/passive/passive-circuit';
import { passiveTransferThreads } from '../../src/passive/passive-transfer';
import { buildTransfer } from '../../src/passive/passive-solve-kernel';
import { portSchurPlan } from '../../src/passive/port-schur-plan';
import { buildPortSchurTransfer } from '../../src/passive/port-schur-transfer';
import { crossbarNetlist, hasNgspice, ngspiceCurrents, type Wiring } from './circuit-reference';
import { portSchurProblem } from './port-schur-problem';

// The port-Schur transfer build (multifrontal Schur complement onto the source ports) against two independent
// methods: full nodal solves per unit vector through the stored sparse factor, and ngspice.

const WIRINGS: [string, Wiring][] = [
  ['source 1 Ω, line 1 Ω', { sourceResistance: 1, wordLineResistance: 1, bitLineResistance: 1, accessResistance: 0 }],
  [
    'source 0 (pinned), line 2 Ω',
    { sourceResistance: 0, wordLineResistance: 2, bitLineResistance: 2, accessResistance: 0 },
  ],
  [
    'word 3 Ω, bit 0.1 Ω, access 200 Ω',
    { sourceResistance: 0.5, wordLineResistance: 3, bitLineResistance: 0.1, accessResistance: 200 },
  ],
];
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 7],
  [7, 1],
  [2, 2],
  [13, 5],
  [5, 13],
  [17, 17],
  [40, 24],
];

const optionsOf = (w: Wiring) => ({
  sourceResistance: w.sourceResistance,
  lineResistance: w.wordLineResistance,
  bitLineResistance: w.bitLineResistance,
  accessResistance: w.accessResistance,
});

/** Conductances 1e-6 … 1e-3 S with a few exact zeros (cells that are cut). */
function conductances(m: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: m * n }, (_, k) => (k % 11 === 3 ? 0 : 1e-6 + rng.uniform() * 1e-3));
}

/** T (rows × cols) from one full nodal solve per word line (unit voltage), bit lines at 0 V. */
function directTransfer(g: Float64Array, m: number, n: number, w: Wiring): Float64Array {
  const f = factorPassive({ rows: m, cols: n, data: g }, optionsOf(w));
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const e = new Float64Array(m);
    e[i] = 1;
    t.set(f.solve(e, undefined, { returnCellVoltages: true }).currents, i * n);
  }
  return t;
}

const maxAbs = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => Math.max(s, Math.abs(v)), 0);

describe.each(WIRINGS)('port-Schur transfer matrix, %s', (_name, w) => {
  it.each(SHAPES)('%i×%i: equals full per-vector solves to 1e-9 relative', (m, n) => {
    const g = conductances(m, n, m * 100 + n);
    const t = passiveTransfer({ rows: m, cols: n, conductance: g, version: 0 }, optionsOf(w));
    const want = directTransfer(g, m, n, w);
    expectClose(t, want, { rtol: 0, atol: 1e-9 * maxAbs(want), label: `${m}×${n}` });
  });

  it('bit-line source rows (driven bit lines) match the factored adjoint build', () => {
    const [m, n] = [9, 6];
    const g = conductances(m, n, 5);
    const plan = portSchurPlan(m, n, w.sourceResistance, w.wordLineResistance, w.bitLineResistance);
    const branch = g.map((x) => x / (1 + x * w.accessResistance));
    const got = buildPortSchurTransfer(plan, branch, 'test');
    const want = buildTransfer(buildPassiveCircuit(g, m, n, w, 'test'));
    expect(got.length).toBe((m + n) * n);
    expectClose(got, want, { rtol: 0, atol: 1e-9 * maxAbs(want) });
  });
});

describe('port-Schur transfer on tiled crossbars', () => {
  it.each([
    ['zero source resistance, padded edge tiles', 0, 2e-6],
    ['source 1 Ω, padded edge tiles', 1, 1e-6],
    ['source 1 Ω, partial edge tiles (own smaller circuits)', 1, undefined],
  ])('%s: each tile equals its per-vector solves', (_name, rs, padding) => {
    const [rows, cols, tr, tc] = [23, 19, 8, 7];
    const g = conductances(rows, cols, 77);
    const wiring = { sourceResistance: rs, lineResistance: 1.5 };
    const options = padding === undefined ? wiring : { ...wiring, paddingConductance: padding };
    const t = passiveTransfer({ rows, cols, conductance: g, version: 0, tileShape: [tr, tc] }, options);
    for (let r0 = 0; r0 < rows; r0 += tr)
      for (let c0 = 0; c0 < cols; c0 += tc) {
        const h = Math.min(tr, rows - r0);
        const wd = Math.min(tc, cols - c0);
        const th = padding === undefined ? h : tr;
        const tw = padding === undefined ? wd : tc;
        const block = new Float64Array(th * tw).fill(padding ?? 0);
        for (let i = 0; i < h; i++) for (let j = 0; j < wd; j++) block[i * tw + j] = g[(r0 + i) * cols + c0 + j]!;
        const want = directTransfer(block, th, tw, {
          sourceResistance: rs,
          wordLineResistance: 1.5,
          bitLineResistance: 1.5,
          accessResistance: 0,
        });
        const got = new Float64Array(h * wd);
        const sub = new Float64Array(h * wd);
        for (let i = 0; i < h; i++)
          for (let j = 0; j < wd; j++) {
            got[i * wd + j] = t[(r0 + i) * cols + c0 + j]!;
            sub[i * wd + j] = want[i * tw + j]!;
          }
        expectClose(got, sub, { rtol: 0, atol: 1e-9 * maxAbs(sub), label: `tile at ${r0},${c0}` });
      }
  });
});

const NGSPICE = hasNgspice();
describe.skipIf(!NGSPICE).each(WIRINGS)('port-Schur transfer vs ngspice, %s', (_name, w) => {
  it.each([
    [1, 7],
    [13, 5],
    [32, 48],
  ])('%i×%i: V·T equals the SPICE bit-line currents to 1e-9 relative', (m, n) => {
    const rng = createRng(m * 7 + n);
    const g = Float64Array.from({ length: m * n }, () => 1e-3 + 9e-3 * rng.uniform());
    const v = Float64Array.from({ length: m }, () => rng.uniform());
    const t = passiveTransfer({ rows: m, cols: n, conductance: g, version: 0 }, optionsOf(w));
    const got = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) got[j]! += v[i]! * t[i * n + j]!;
    const spice = ngspiceCurrents(crossbarNetlist(g, m, n, v, new Float64Array(n), w), n);
    expectClose(got, spice, { rtol: 1e-9, atol: 1e-12 * maxAbs(spice) });
  });
});

describe('port-Schur transfer without WebAssembly', () => {
  it('the TypeScript fronts give bit-identical transfer matrices', () => {
    const fixture = fileURLToPath(new URL('./port-schur-no-wasm-fixture.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', fixture], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const child = JSON.parse(run.stdout.trim().split('\n').pop()!) as { webAssembly: string; transfers: number[][] };
    expect(child.webAssembly).toBe('undefined');
    const here = portSchurProblem().map(({ crossbar, options }) => Array.from(passiveTransfer(crossbar, options)));
    expect(child.transfers).toEqual(here);
  });
});

describe('port-Schur transfer over worker threads', () => {
  it('1, 2 and 3 threads build bit-identical transfer matrices (fresh caches, 200 tiles incl. edge tiles)', () => {
    const rng = createRng(9);
    const [rows, cols] = [150, 90];
    const g = Float64Array.from({ length: rows * cols }, () => 1e-6 + rng.uniform() * 1e-4);
    const options = { sourceResistance: 1, lineResistance: 1 };
    const build = (threads: number, padding?: number) =>
      passiveTransferThreads(
        { rows, cols, conductance: g, version: 0, tileShape: [12, 8] },
        padding === undefined ? options : { ...options, paddingConductance: padding },
        threads,
      );
    const one = build(1);
    expect(build(2)).toEqual(one);
    expect(build(3)).toEqual(one);
    expect(build(2)).toEqual(one);
    const padded = build(1, 1e-6);
    expect(build(3, 1e-6)).toEqual(padded);
    expect(padded).not.toEqual(one);
  });
});
