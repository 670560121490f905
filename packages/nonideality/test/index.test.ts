import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('@memsim/nonideality public entry', () => {
  it('exports the documented functions and constants', () => {
    const functions = [
      'applyNonidealities',
      'finiteConductanceStates',
      'deviceFaults',
      'cycleVariability',
      'nonLinear',
      'endurance',
      'retention',
      'snapToStates',
      'selectFaults',
      'driftFactor',
      'conductanceDrift',
      'enduranceRetentionResistance',
      'empiricalThreshold',
      'scaleP0',
      'programmingNoise',
      'pcmDrift',
      'driftState',
      'restoreDriftState',
      'globalDriftCompensation',
      'pcmReadNoiseStd',
      'readNoiseFor',
      'checkReadNoiseConfig',
    ];
    for (const name of functions) expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    expect(api.NONIDEALITY_KINDS).toEqual([
      'finiteConductanceStates',
      'deviceFaults',
      'cycleVariability',
      'nonLinear',
      'endurance',
      'retention',
      'programmingNoise',
      'pcmDrift',
    ]);
    expect(api.PROGRAMMING_NOISE_MODELS).toEqual(['pcm', 'reram', 'polynomial']);
    expect(api.READ_NOISE_MODELS).toEqual(['gaussian', 'pcm']);
    expect(api.RERAM_WAN2022_TIMES).toEqual([1, 86400, 172800]);
    expect(api.DEFAULT_PCM_T0).toBe(20);
    expect(api.DEFAULT_PCM_T_READ).toBe(250e-9);
    expect(api.PCM_PROGRAMMING_POLYNOMIAL).toHaveLength(3);
    expect(Object.keys(api.RERAM_WAN2022_POLYNOMIALS)).toEqual(['1', '86400', '172800']);
    expect(api.STATE_SPACINGS).toEqual(['conductance', 'resistance']);
    expect(api.OPERATION_MODES).toEqual(['sudden', 'gradual']);
    expect(api.NON_LINEAR_MODES).toEqual(['lookup', 'simulate']);
    expect(api.OUT_OF_RANGE).toEqual(['extend', 'clamp']);
    expect(api.DEFAULT_DRIFT_OPTIONS).toEqual({ initialTime: 1e-12, driftCoefficient: 0.1 });
    expect(api.DEFAULT_EMPIRICAL_MODEL_OPTIONS).toEqual({ cellSize: 10, temperatureThreshold: 298 });
    expect(Object.keys(api).length).toBe(functions.length + 14);
  });
});
