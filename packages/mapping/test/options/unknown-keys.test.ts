import { describe, expect, it } from 'vitest';
import { calibrate, levelsMapping, mapWeights, naiveMap, scaleInput } from '../../src/index';

// Issue 20: typed schemas at every options boundary: an unknown key names itself and every allowed key.
const w = { rows: 2, cols: 1, data: [0.5, -1] };
const good = { rOn: 100, rOff: 1e4, scheme: 'double-column' as const };
const allowed = (keys: string[]) => `allowed keys are ${keys.map((k) => `\`${k}\``).join(', ')}.`;

describe('mapping options: unknown keys', () => {
  it('naiveMap takes no `levels` (its schema lacks it); levelsMapping does', () => {
    expect(() => naiveMap(w, { ...good, levels: 4 } as never)).toThrow(allowed(['rOn', 'rOff', 'scheme', 'pL']));
    expect(() => levelsMapping(w, { ...good, levels: 4 })).not.toThrow();
    expect(() => levelsMapping(w, { ...good, levels: 4, steps: 2 } as never)).toThrow(
      allowed(['rOn', 'rOff', 'scheme', 'pL', 'levels']),
    );
  });
  it('calibrate and scaleInput list their keys', () => {
    expect(() => calibrate([1, 2], [2, 4], { column: true } as never)).toThrow(
      allowed(['perColumn', 'cols', 'applied']),
    );
    expect(() => scaleInput([1, 2], { maxInputVoltage: 1, per: 'batch', peakValue: 1 } as never)).toThrow(
      allowed(['maxInputVoltage', 'per', 'forceScale', 'batch', 'inputRange']),
    );
  });
  it('absent options take the documented defaults (same result as given)', () => {
    const x = new Float64Array([2, -4, 1, 8]);
    expect(scaleInput(x, { maxInputVoltage: 1, per: 'sample' })).toEqual(
      scaleInput(x, { maxInputVoltage: 1, per: 'sample', batch: 1, forceScale: false }),
    );
    expect(mapWeights(w, { ...good })).toEqual(mapWeights(w, { ...good, routine: 'naive' }));
  });
});
