import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { crashWorkerForTest } from '../../src/gemm/gemm-threads';
import { gemm, initCrossbars, mvm } from '../../src/index';
import { passiveTransferThreads } from '../../src/passive/passive-transfer';
import { getPool, runJob } from '../../src/threads/pool';
import { ARG_COUNT } from '../../src/threads/control-words';
import { WORKER_OPS, opCode } from '../../src/threads/worker-ops';

const rng = createRng(14);

function random(length: number): Float32Array {
  const a = new Float32Array(length);
  rng.fillUniform(a, -1, 1);
  return a;
}

// Each op of the one pool, run with threads 1 (no workers) and 2/3 (the shared pool), interleaved so that every op
// finds the pool in the state another op left it in.
const [m, k, n] = [300, 200, 300];
const a = random(m * k);
const b = random(k * n);
const w = new Float64Array(300 * 70);
rng.fillUniform(w, -1, 1);
// 2·600·300·70 flops ≥ the 2^24 below which the tiled read-out stays on the caller.
const x = random(600 * 300);
const mapped = initCrossbars({ rows: 300, cols: 70, data: w }, { model: VTEAM, tileShape: [128, 64] });
const g = Float64Array.from({ length: 60 * 40 }, () => 1e-6 + rng.uniform() * 1e-4);
const ops: Record<string, (threads: number) => unknown> = {
  gemm: (threads) => gemm(a, b, { m, k, n }, { threads }),
  tiled: (threads) => mvm(x, 600, mapped, { mode: 'tiled', adc: { bits: 8 }, threads }),
  'port-schur': (threads) =>
    passiveTransferThreads(
      { rows: 60, cols: 40, conductance: g, version: 0, tileShape: [12, 8] },
      { sourceResistance: 1, lineResistance: 1 },
      threads,
    ),
};

describe('the one worker pool', () => {
  it('every production op runs through the same pool, bit-identical to one thread, in any order', () => {
    const one = Object.fromEntries(Object.entries(ops).map(([name, run]) => [name, run(1)]));
    const pool = getPool(2);
    expect(pool).not.toBeNull();
    for (const order of [
      ['gemm', 'tiled', 'port-schur'],
      ['port-schur', 'gemm', 'tiled'],
    ])
      for (const threads of [2, 3])
        for (const name of order) expect(ops[name]!(threads), `${name}, ${threads} threads`).toEqual(one[name]);
    // One pool served them all (grown once to 2 workers, never a second pool per op).
    expect(getPool(2)).toBe(pool);
    expect(pool!.local.has('port-schur')).toBe(true);
  });

  it('after a worker dies the restarted pool serves every op again (plans re-sent to the new workers)', () => {
    const one = Object.fromEntries(Object.entries(ops).map(([name, run]) => [name, run(1)]));
    for (const name of Object.keys(ops)) ops[name]!(2);
    const before = getPool(1);
    expect(() => crashWorkerForTest('exit')).toThrow(/worker thread 0 failed during a threaded exit-for-test job/);
    for (const name of Object.keys(ops)) expect(ops[name]!(2), name).toEqual(one[name]);
    expect(getPool(1)).not.toBe(before);
  });

  it("refuses an argument list longer than a worker's control words (it would lose its tail)", () => {
    const pool = getPool(1)!;
    const words = Array.from({ length: ARG_COUNT - 1 }, () => 0);
    expect(() =>
      runJob(
        pool,
        2,
        'tiled',
        (t) => (t === 1 ? words : null),
        () => {},
      ),
    ).toThrow(new RegExp(`tiled passes ${ARG_COUNT - 1} words, the control block holds ${ARG_COUNT - 2}`));
    // The pool still serves a real job afterwards.
    expect(ops.tiled!(2)).toEqual(ops.tiled!(1));
  });

  it('has one op code per name; an unknown op name is a programming error naming the table', () => {
    const names = WORKER_OPS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(ops)) expect(WORKER_OPS[opCode(name)]!.name).toBe(name);
    expect(() => opCode('conv')).toThrow(/no op named 'conv' \(add it to WORKER_OPS\)/);
  });
});
