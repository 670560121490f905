import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('@memsim/crossbar public entry', () => {
  it('exports the crossbar API', () => {
    for (const name of [
      'Crossbar',
      'initCrossbars',
      'mvm',
      'tileMatrix',
      'tiledMatmul',
      'programmingSignal',
      'program',
    ])
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    expect(api.MVM_MODES).toContain('ideal');
    expect(api.MVM_MODES).toContain('tiled');
    expect(api.MVM_MODES).toContain('nonlinear');
    expect(api.MVM_MODES).toContain('passive');
    expect(api.INITIAL_STATES).toEqual(['hrs', 'random']);
    expect(api.DEFAULT_PROGRAM_OPTIONS.relTol).toBe(0.01);
  });
});
