import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('@memsim/nonideality public entry', () => {
  it('exports the documented functions and constants', () => {
    for (const name of ['snapToStates', 'selectFaults', 'driftFactor', 'conductanceDrift', 'enduranceRetentionResistance', 'empiricalThreshold', 'scaleP0'])
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    expect(api.STATE_SPACINGS).toEqual(['conductance', 'resistance']);
    expect(api.OPERATION_MODES).toEqual(['sudden', 'gradual']);
    expect(api.DEFAULT_DRIFT_OPTIONS).toEqual({ initialTime: 1e-12, driftCoefficient: 0.1 });
  });
});
