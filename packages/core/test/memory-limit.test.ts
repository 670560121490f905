import { afterEach, describe, expect, it } from 'vitest';
import {
  checkMemory,
  checkNonNegativeInteger,
  checkPositiveInteger,
  DEFAULT_MEMORY_LIMIT,
  getMemoryLimit,
  InvalidParameterError,
  setMemoryLimit,
} from '../src/index';

describe('memory limit', () => {
  afterEach(() => {
    setMemoryLimit(undefined);
    delete process.env.MEMSIM_MAX_BYTES;
  });

  it('defaults to DEFAULT_MEMORY_LIMIT (2 GiB)', () => {
    expect(getMemoryLimit()).toBe(DEFAULT_MEMORY_LIMIT);
    expect(DEFAULT_MEMORY_LIMIT).toBe(2 ** 31);
  });

  it('accepts a request at the limit and rejects one byte over, naming the size and the estimate', () => {
    setMemoryLimit(1000);
    expect(() => checkMemory('f', 'n', 125, 8)).not.toThrow();
    let caught: unknown;
    try {
      checkMemory('f', 'n', 126, 8);
    } catch (e) {
      caught = e;
    }
    expect(InvalidParameterError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(
      /^f: `n` must be small enough .*126 needs about 1008 B, the limit is 1000 B/,
    );
  });

  it('fails fast on a billion-device request under the default limit', () => {
    expect(() => checkMemory('createPopulation', 'n', 1e9, 32)).toThrow(/`n`.*1000000000 needs about 29.8 GiB/);
  });

  it('reads MEMSIM_MAX_BYTES when no explicit limit is set, and the explicit limit wins', () => {
    process.env.MEMSIM_MAX_BYTES = '4096';
    expect(getMemoryLimit()).toBe(4096);
    const previous = setMemoryLimit(10);
    expect(previous).toBeUndefined();
    expect(getMemoryLimit()).toBe(10);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5', null])('setMemoryLimit(%s) is a typed error', (v) => {
    expect(() => setMemoryLimit(v as number)).toThrow(InvalidParameterError);
  });

  it('a bad MEMSIM_MAX_BYTES is a typed error naming the variable', () => {
    process.env.MEMSIM_MAX_BYTES = 'lots';
    expect(() => getMemoryLimit()).toThrow(/`MEMSIM_MAX_BYTES`.*'lots'/);
  });

  it('NaN or Infinity estimates never pass', () => {
    expect(() => checkMemory('f', 'n', Number.POSITIVE_INFINITY, 8)).toThrow(InvalidParameterError);
    expect(() => checkMemory('f', 'n', Number.NaN, 8)).toThrow(InvalidParameterError);
  });
});

describe('integer checks stop at 2^53', () => {
  it.each([2 ** 53, 2 ** 60, 1e300])('rejects %s', (v) => {
    expect(() => checkPositiveInteger('f', 'n', v)).toThrow(/`n` must be a positive integer <= 2\^53 - 1/);
    expect(() => checkNonNegativeInteger('f', 'n', v)).toThrow(InvalidParameterError);
  });
  it('accepts 2^53 - 1', () => {
    expect(checkPositiveInteger('f', 'n', 2 ** 53 - 1)).toBe(2 ** 53 - 1);
  });
});
