import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { NORMAL_CHUNK, normalChunk } from '../../src/internal/normal-chunk';

describe('normalChunk', () => {
  it('chunk after chunk gives exactly the values of one fillNormal over the whole array', () => {
    const n = 2 * NORMAL_CHUNK + 12345;
    const whole = createRng(31).fillNormal(new Float64Array(n));
    const rng = createRng(31);
    const chunked = new Float64Array(n);
    for (let c0 = 0; c0 < n; c0 += NORMAL_CHUNK) chunked.set(normalChunk(rng, Math.min(NORMAL_CHUNK, n - c0)), c0);
    expect(chunked).toEqual(whole);
  });
});
