import { describe, expect, it } from 'vitest';
import * as core from '../src/index';
import {
  checkFiniteArray,
  checkKnownKeys,
  checkMatrix,
  checkPositiveInteger,
  checkProportion,
  checkResistancePair,
  InvalidParameterError,
  MemsimError,
  NumericalError,
  ShapeMismatchError,
} from '../src/index';

describe('@memsim/core public entry', () => {
  it('exports the error classes, checks and RNG', () => {
    for (const name of [
      'MemsimError',
      'InvalidParameterError',
      'ShapeMismatchError',
      'NumericalError',
      'createRng',
      'resolveRng',
      'checkMatrix',
      'checkKnownKeys',
    ])
      expect(core).toHaveProperty(name);
  });
});

describe('errors', () => {
  it('brands survive without instanceof and the message names parameter, rule and value', () => {
    const e = new InvalidParameterError({
      where: 'quantize',
      parameter: 'bits',
      value: 0,
      expected: 'a positive integer',
    });
    expect(e.message).toBe('quantize: `bits` must be a positive integer; received 0.');
    expect(MemsimError.isInstance(e)).toBe(true);
    expect(InvalidParameterError.isInstance(e)).toBe(true);
    expect(ShapeMismatchError.isInstance(e)).toBe(false);
    // A structurally identical object from "another copy" carries the same global symbol brand.
    expect(InvalidParameterError.isInstance(new Error('x'))).toBe(false);
    const s = new ShapeMismatchError({ where: 'mvm', parameter: 'input', expectedShape: [2, 4], actualShape: [2, 3] });
    expect(s.message).toMatch(/mvm: `input` must have shape \[2, 4\]; received shape \[2, 3\]/);
    expect(MemsimError.isInstance(s) && ShapeMismatchError.isInstance(s)).toBe(true);
    const n = new NumericalError({ where: 'VTEAM.step', step: 12, detail: 'state became NaN' });
    expect(n.message).toBe('VTEAM.step: state became NaN (at step 12).');
  });
});

describe('checks', () => {
  it.each([-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])(
    'checkPositiveInteger rejects %s',
    (v) => {
      expect(() => checkPositiveInteger('f', 'bits', v)).toThrow(/f: `bits` must be a positive integer/);
    },
  );
  it.each([-0.1, 1.1, Number.NaN, '0.5', null])('checkProportion rejects %s', (v) => {
    expect(() => checkProportion('f', 'p', v)).toThrow(InvalidParameterError);
  });
  it('checkResistancePair enforces 0 < rOn < rOff', () => {
    expect(checkResistancePair('m', 100, 1000)).toEqual({ rOn: 100, rOff: 1000 });
    expect(() => checkResistancePair('m', 1000, 100)).toThrow(/`rOn` must be smaller than `rOff` \(100\)/);
    expect(() => checkResistancePair('m', 0, 100)).toThrow(/`rOn` must be a finite number > 0/);
  });
  it('checkFiniteArray names the first bad index', () => {
    expect(() => checkFiniteArray('f', 'x', new Float32Array([1, Number.NaN]))).toThrow(
      /`x\[1\]` must be a finite number/,
    );
    expect(() => checkFiniteArray('f', 'x', [1, Number.NEGATIVE_INFINITY])).toThrow(/`x\[1\]`/);
    expect(checkFiniteArray('f', 'x', [1, 2]).length).toBe(2);
    expect(() => checkFiniteArray('f', 'x', new Float64Array([1, 2, Number.POSITIVE_INFINITY]))).toThrow(/`x\[2\]`/);
    expect(() => checkFiniteArray('f', 'x', [1, '2' as unknown as number])).toThrow(/`x\[1\]`/);
    expect(() => checkFiniteArray('f', 'x', new Int32Array(2))).toThrow(
      /`x` must be a Float32Array, Float64Array or number\[\]/,
    );
  });
  it('checkMatrix checks sizes and data length', () => {
    expect(() => checkMatrix('f', 'w', { rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(ShapeMismatchError);
    expect(() => checkMatrix('f', 'w', { rows: 0, cols: 2, data: [] })).toThrow(/`w.rows` must be a positive integer/);
  });
  it('checkKnownKeys suggests the closest key', () => {
    expect(() => checkKnownKeys('VTEAM params', { rOnn: 1 }, ['rOn', 'rOff'])).toThrow(
      'VTEAM params: unknown key `rOnn`; did you mean `rOn`?',
    );
    expect(() => checkKnownKeys('f', { zzzzzz: 1 }, ['rOn'])).toThrow(/allowed keys are `rOn`/);
    expect(() => checkKnownKeys('f', { rOn: 1 }, ['rOn'])).not.toThrow();
  });
});
