import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { startThreads } from '../../src/index';

describe('startThreads', () => {
  it('starts the Node pool and reports the usable thread count', async () => {
    expect(await startThreads(1)).toBe(1);
    expect(await startThreads(2)).toBe(2);
    expect(await startThreads(3)).toBe(3);
  });

  it.each([0, -1, 1.5, 65, Number.NaN, '2', null])('rejects threads = %s naming the parameter', async (bad) => {
    await expect(startThreads(bad as never)).rejects.toThrow(InvalidParameterError);
    await expect(startThreads(bad as never)).rejects.toThrow(/`threads`.*an integer in \[1, 64\]/);
  });
});
