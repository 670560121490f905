import { describe, expect, it } from 'vitest';
import { sweepKey, trialJobId } from '../../src/index';
import type { SweepSpec } from '../../src/index';

const base = { engine: 'trial' as const, experiment: 'faults', model: 'm'.repeat(64), data: 'd'.repeat(64) };

describe('trial job ids', () => {
  it('are the hash of model, data, study, setting and seed: equal inputs, equal id; any change, another id', () => {
    const id = trialJobId(base, { kind: 'LRS', rate: 0.1 }, 3);
    expect(id).toMatch(/^t[0-9a-f]{40}$/);
    // Key order of the point does not matter.
    expect(trialJobId({ ...base }, { rate: 0.1, kind: 'LRS' }, 3)).toBe(id);
    const others = [
      trialJobId({ ...base, model: 'n'.repeat(64) }, { kind: 'LRS', rate: 0.1 }, 3),
      trialJobId({ ...base, data: 'e'.repeat(64) }, { kind: 'LRS', rate: 0.1 }, 3),
      trialJobId({ ...base, experiment: 'variability' }, { kind: 'LRS', rate: 0.1 }, 3),
      trialJobId(base, { kind: 'HRS', rate: 0.1 }, 3),
      trialJobId(base, { kind: 'LRS', rate: 0.1 }, 4),
      trialJobId({ ...base, engine: 'noop' }, { kind: 'LRS', rate: 0.1 }, 3),
    ];
    expect(new Set([id, ...others]).size).toBe(7);
  });

  it('sweep keys are content keys of the sweep definition', () => {
    const spec: SweepSpec = { format: 1, engine: 'noop', experiment: 'faults', model: null, data: null };
    expect(sweepKey(spec)).toBe(sweepKey({ ...spec }));
    expect(sweepKey({ ...spec, experiment: 'adc' })).not.toBe(sweepKey(spec));
  });
});
