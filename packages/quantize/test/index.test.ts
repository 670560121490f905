import { describe, expect, it } from 'vitest';
import * as entry from '../src/index';

describe('@memsim/quantize public entry', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(entry).sort()).toEqual(
      [
        'DEFAULT_QUANTIZE_OPTIONS',
        'MAX_BITS',
        'QUANT_METHODS',
        'checkAdcConfig',
        'checkDacConfig',
        'quantize',
        'quantizeInput',
        'quantizeLevels',
      ].sort(),
    );
  });

  it('lists every method of the MemTorch 1.1.0 documentation, frozen', () => {
    expect(entry.QUANT_METHODS).toEqual(['linear', 'log', 'log_minmax', 'minmax', 'tanh']);
    expect(Object.isFrozen(entry.QUANT_METHODS)).toBe(true);
    expect(entry.DEFAULT_QUANTIZE_OPTIONS).toEqual({ overflowRate: 0, method: 'linear' });
    expect(Object.isFrozen(entry.DEFAULT_QUANTIZE_OPTIONS)).toBe(true);
  });
});
