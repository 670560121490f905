import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { createPopulation, Memristor, setPopulationParameter, triangleSignal, VTEAM } from '../../src/index';

// Issue 20, "one options resolver": the boundaries that checked their keys by hand now resolve their options through
// core's resolveOptions and a schema typed against the options interface. Each bad input throws InvalidParameterError
// naming the boundary and the parameter, before any work is done.
const population = () => createPopulation(VTEAM, 2);
const rOn = new Float64Array([45, 55]);

// [boundary, call, error message pattern]
const cases: [string, () => unknown, RegExp][] = [
  // unknown key (with the near-miss hint)
  ['triangleSignal', () => triangleSignal({ amplitude: 1, samples: 8, sample: 8 } as never), /unknown key `sample`/],
  [
    'setPopulationParameter',
    () => setPopulationParameter(population(), 'rOn', rOn, { cpy: true } as never),
    /unknown key `cpy`; did you mean `copy`\?/,
  ],
  [
    'VTEAM setConductance',
    () => new Memristor(VTEAM).setConductance(0.01, { clamp: true } as never),
    /unknown key `clamp`; did you mean `clip`\?/,
  ],
  // wrong type
  ['triangleSignal', () => triangleSignal({ amplitude: '1' as never, samples: 8 }), /`amplitude` must be/],
  [
    'setPopulationParameter',
    () => setPopulationParameter(population(), 'rOn', rOn, { copy: 1 as never }),
    /`copy` must be true or false; received 1/,
  ],
  [
    'VTEAM setConductance',
    () => new Memristor(VTEAM).setConductance(0.01, { clip: 'yes' as never }),
    /`clip` must be true or false; received 'yes'/,
  ],
  ['triangleSignal', () => triangleSignal({ amplitude: 1 } as never), /`samples` must be .*received undefined/],
  // out of range
  ['triangleSignal', () => triangleSignal({ amplitude: -1, samples: 8 }), /`amplitude` must be .*received -1/],
  ['triangleSignal', () => triangleSignal({ amplitude: 1, samples: 0 }), /`samples` must be .*received 0/],
  ['triangleSignal', () => triangleSignal({ amplitude: 1, samples: 2.5 }), /`samples` must be .*received 2\.5/],
  // not an options object
  ['setPopulationParameter', () => setPopulationParameter(population(), 'rOn', rOn, null as never), /`options`/],
  ['VTEAM setConductance', () => new Memristor(VTEAM).setConductance(0.01, [] as never), /`options`/],
];

describe('converted option boundaries (devices)', () => {
  it.each(cases)('%s rejects bad option case %#', (where, call, message) => {
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(new RegExp(`^${where}: `));
    expect(call).toThrow(message);
  });

  it('the defaults and given values still apply', () => {
    const pop = population();
    const values = new Float64Array([45, 55]);
    setPopulationParameter(pop, 'rOn', values);
    expect(pop.params.rOn).not.toBe(values); // copy: true by default
    setPopulationParameter(pop, 'rOn', values, { copy: false });
    expect(pop.params.rOn).toBe(values);
    const m = new Memristor(VTEAM);
    expect(() => m.setConductance(1)).toThrow(/or pass \{ clip: true \}/); // clip: false by default
    m.setConductance(1, { clip: true });
    expect(m.conductance).toBeCloseTo(1 / 50, 12);
    expect(Array.from(triangleSignal({ amplitude: 1, samples: 8 }))).toEqual([0, 0.5, 1, 1.5, 1, 0.5, 0, -0.5]);
  });
});
