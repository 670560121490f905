import { afterAll, describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  checkFiniteArray,
  checkFiniteNumber,
  checkInRange,
  checkKnownKeys,
  checkMatrix,
  checkMemory,
  checkNonNegativeInteger,
  checkNonNegativeNumber,
  checkPositiveInteger,
  checkPositiveNumber,
  checkProportion,
  checkResistancePair,
  createRng,
  resolveRng,
  setMemoryLimit,
} from '../../src/index';
import type { BoundaryCase, ExtremeCase } from '../../src/testing/index';
import { formatFuzzTally, runBoundaryFuzz } from '../../src/testing/index';

// Issue 18: generated bad inputs for every public function of @memsim/core must throw a memsim error naming the
// parameter; valid extremes must return finite numbers or a memsim error. The tally is printed in the test output.
const cases: BoundaryCase[] = [
  { fn: 'checkFiniteNumber', parameter: 'v', kind: 'finite', call: (b) => checkFiniteNumber('f', 'v', b) },
  { fn: 'checkPositiveNumber', parameter: 'v', kind: 'positive', call: (b) => checkPositiveNumber('f', 'v', b) },
  {
    fn: 'checkNonNegativeNumber',
    parameter: 'v',
    kind: 'nonNegative',
    call: (b) => checkNonNegativeNumber('f', 'v', b),
  },
  {
    fn: 'checkPositiveInteger',
    parameter: 'n',
    kind: 'positiveInteger',
    call: (b) => checkPositiveInteger('f', 'n', b),
  },
  {
    fn: 'checkNonNegativeInteger',
    parameter: 'n',
    kind: 'nonNegativeInteger',
    call: (b) => checkNonNegativeInteger('f', 'n', b),
  },
  { fn: 'checkProportion', parameter: 'p', kind: 'proportion', call: (b) => checkProportion('f', 'p', b) },
  { fn: 'checkInRange', parameter: 'v', kind: 'finite', call: (b) => checkInRange('f', 'v', b, -1, 1) },
  { fn: 'checkResistancePair', parameter: 'rOn', kind: 'positive', call: (b) => checkResistancePair('f', b, 1e4) },
  { fn: 'checkResistancePair', parameter: 'rOff', kind: 'positive', call: (b) => checkResistancePair('f', 1, b) },
  { fn: 'checkFiniteArray', parameter: 'a', kind: 'numericArray', call: (b) => checkFiniteArray('f', 'a', b) },
  { fn: 'checkMatrix', parameter: 'w', kind: 'options', call: (b) => checkMatrix('f', 'w', b) },
  {
    fn: 'checkMatrix',
    parameter: 'rows',
    kind: 'positiveInteger',
    call: (b) => checkMatrix('f', 'w', { rows: b, cols: 1, data: [1] }),
  },
  {
    fn: 'checkMatrix',
    parameter: 'data',
    kind: 'numericArray',
    call: (b) => checkMatrix('f', 'w', { rows: 1, cols: 1, data: b }),
  },
  { fn: 'checkMemory', parameter: 'n', kind: 'finite', call: (b) => checkMemory('f', 'n', b as number, 8) },
  {
    fn: 'setMemoryLimit',
    parameter: 'bytes',
    kind: 'positive',
    call: (b) => (b === undefined ? null : setMemoryLimit(b as number)),
  },
  { fn: 'createRng', parameter: 'seed', kind: 'nonNegativeInteger', call: (b) => createRng(b as number) },
  {
    fn: 'resolveRng',
    parameter: 'seed',
    kind: 'nonNegativeInteger',
    call: (b) => resolveRng('f', { seed: b as number }),
  },
  { fn: 'resolveRng', parameter: 'rng', kind: 'options', call: (b) => resolveRng('f', { rng: b as never }) },
  { fn: 'base64ToBytes', parameter: 'text', kind: 'string', call: (b) => base64ToBytes(b as string) },
  { fn: 'bytesToBase64', parameter: 'view', kind: 'options', call: (b) => bytesToBase64(b as never) },
];

const extremes: ExtremeCase[] = [
  { fn: 'createRng(2^53 - 1).normal()', call: () => createRng(2 ** 53 - 1).normal() },
  { fn: 'createRng(0).uniform()', call: () => createRng(0).uniform() },
  { fn: 'checkMemory(1e300)', call: () => checkMemory('f', 'n', 1e300, 1e300) },
  { fn: 'bytesToBase64(empty)', call: () => bytesToBase64(new Uint8Array(0)).length },
  {
    fn: 'checkInRange(MAX_VALUE)',
    call: () => checkInRange('f', 'v', Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE),
  },
];

describe('@memsim/core fuzz: bad inputs are typed errors naming the parameter', () => {
  const tally = runBoundaryFuzz(cases, extremes);
  afterAll(() => setMemoryLimit(undefined));

  it('no untyped, silent or non-finite outcome', () => {
    console.log(formatFuzzTally('@memsim/core', tally));
    expect(tally.examples).toEqual([]);
    expect(tally.untyped + tally.silent + tally.nonFinite).toBe(0);
    expect(tally.calls).toBeGreaterThan(500);
  });

  it('the harness is not vacuous: a function that accepts everything is counted silent, a TypeError untyped', () => {
    const t = runBoundaryFuzz([
      { fn: 'accepts', parameter: 'x', kind: 'finite', call: () => 1 },
      { fn: 'crashes', parameter: 'x', kind: 'finite', call: (b) => (b as { y: { z: 1 } }).y.z },
    ]);
    expect(t.silent).toBeGreaterThan(0);
    expect(t.untyped).toBeGreaterThan(0);
    expect(runBoundaryFuzz([], [{ fn: 'nan', call: () => [1, Number.NaN] }]).nonFinite).toBe(1);
    // A slot whose option name the function does not know is a test bug, not a typed rejection.
    const misnamed = runBoundaryFuzz([
      { fn: 'f', parameter: 'x', kind: 'finite', call: () => checkKnownKeys('f', { x: 1 }, ['cycles']) },
    ]);
    expect(misnamed.typed).toBe(0);
  });
});
