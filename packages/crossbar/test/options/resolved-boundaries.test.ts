import { createRng, InvalidParameterError } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import {
  factorPassive,
  gemm,
  initCrossbars,
  irDropReport,
  mvm,
  programmingSignal,
  solvePassive,
  tiledMatmul,
  tileMatrix,
} from '../../src/index';

// Issue 20, "one options resolver": each converted boundary rejects an unknown key and a bad value, naming it.
const G = { rows: 1, cols: 1, data: [1e-3] };
const wires = { sourceResistance: 1, lineResistance: 1 };
const a = new Float32Array([1, 2]);
const b = new Float32Array([3, 4]);
const shape = { m: 1, k: 2, n: 1 };
const mapped = () => initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, { model: VTEAM });
const signal = { pulses: 1, pulseDuration: 1e-9, voltage: 1, dt: 1e-10 };
const read = (readNoise: unknown) => mvm(new Float32Array([1, 1]), 1, mapped(), { mode: 'ideal', readNoise } as never);

// [name, unknown-key call, its message, bad-value call, the parameter named]
const cases: [string, () => unknown, RegExp, () => unknown, RegExp][] = [
  [
    'gemm',
    () => gemm(a, b, shape, { thread: 1 } as never),
    /^gemm: unknown key `thread`/,
    () => gemm(a, b, shape, { threads: 0 }),
    /^gemm: `threads`/,
  ],
  [
    'gemm shape',
    () => gemm(a, b, { ...shape, rows: 1 } as never),
    /^gemm shape: unknown key `rows`/,
    () => gemm(a, b, { ...shape, k: 1.5 }),
    /^gemm: `shape\.k`/,
  ],
  [
    'mvm readNoise',
    () => read({ rng: createRng(1), sigma: 1 }),
    /^mvm readNoise: unknown key `sigma`/,
    () => read({ rng: createRng(1), relative: -1 }),
    /^mvm: `readNoise\.relative`/,
  ],
  [
    'mvm readNoise rng',
    () => read({ rng: createRng(1), draws: 'call' }),
    /did you mean `draw`/,
    () => read({ rng: Math.random }),
    /^mvm: `readNoise\.rng`/,
  ],
  [
    'factorPassive',
    () => factorPassive(G, { ...wires, lineResistanc: 1 } as never),
    /^factorPassive: unknown key/,
    () => factorPassive(G, { ...wires, accessResistance: -1 }),
    /^factorPassive: `accessResistance`/,
  ],
  [
    'solvePassive',
    () => solvePassive(G, [1], [0], { ...wires, cells: true } as never),
    /^solvePassive: unknown key `cells`/,
    () => solvePassive(G, [1], [0], { ...wires, returnCellVoltages: 1 as never }),
    /^solvePassive: `returnCellVoltages`/,
  ],
  [
    'irDropReport',
    () => irDropReport(G, [1], { ...wires, vWordLines: [1] } as never),
    /^irDropReport: unknown key `vWordLines`/,
    () => irDropReport(G, [1], { ...wires, bitLineResistance: Number.NaN }),
    /^irDropReport: `bitLineResistance`/,
  ],
  [
    'programmingSignal',
    () => programmingSignal({ ...signal, width: 1 } as never),
    /^programmingSignal: unknown key `width`/,
    () => programmingSignal({ ...signal, refractoryPeriod: -1 }),
    /^programmingSignal: `refractoryPeriod`/,
  ],
  [
    'tileMatrix',
    () => tileMatrix(G, { tileShape: [1, 1], inputs: true } as never),
    /^tileMatrix: unknown key `inputs`/,
    () => tileMatrix(G, { tileShape: [1, 1], input: 'yes' as never }),
    /^tileMatrix: `input`/,
  ],
  [
    'tiledMatmul',
    () => tiledMatmul(new Float32Array([1]), 1, G, { tileShape: [1, 1], dac: {} } as never),
    /^tiledMatmul: unknown key `dac`/,
    () => tiledMatmul(new Float32Array([1]), 1, G, { tileShape: [1, 1], adc: { bits: 0 } }),
    /^tiledMatmul: `adc\.bits`/,
  ],
];

describe('converted option boundaries', () => {
  it.each(cases)('%s: unknown key and bad value are rejected naming the parameter', (_name, unknown, m1, bad, m2) => {
    expect(unknown).toThrow(InvalidParameterError);
    expect(unknown).toThrow(m1);
    expect(bad).toThrow(InvalidParameterError);
    expect(bad).toThrow(m2);
  });
});
