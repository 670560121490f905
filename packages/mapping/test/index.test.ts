import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('@memsim/mapping public entry', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'DEFAULT_MAPPING_ROUTINE',
        'SCHEMES',
        'levelsMapping',
        'mapWeights',
        'naiveMap',
        'naiveMapping',
        'perColumnMapping',
      ].sort(),
    );
    expect(api.SCHEMES).toEqual(['single-column', 'double-column']);
    expect(Object.isFrozen(api.SCHEMES)).toBe(true);
  });
});
