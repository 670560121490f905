import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('@memsim/mapping public entry', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'DEFAULT_CALIBRATE_OPTIONS',
        'DEFAULT_MAPPING_ROUTINE',
        'DEFAULT_SCALE_INPUT_OPTIONS',
        'SCALE_PERS',
        'SCHEMES',
        'applyCalibration',
        'calibrate',
        'fitLinear',
        'fitLinearPerColumn',
        'identityCalibration',
        'scaleInput',
        'unscaleOutput',
        'levelsMapping',
        'mapWeights',
        'naiveMap',
        'naiveMapping',
        'perColumnMapping',
      ].sort(),
    );
    expect(api.SCHEMES).toEqual(['single-column', 'double-column']);
    expect(Object.isFrozen(api.SCHEMES)).toBe(true);
    expect(api.SCALE_PERS).toEqual(['batch', 'sample', 'fixed']);
    expect(api.DEFAULT_MAPPING_ROUTINE).toBe('naive');
    expect(Object.isFrozen(api.DEFAULT_SCALE_INPUT_OPTIONS) && Object.isFrozen(api.DEFAULT_CALIBRATE_OPTIONS)).toBe(
      true,
    );
  });
});
