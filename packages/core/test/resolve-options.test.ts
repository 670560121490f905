import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidParameterError, createRng, option, resolveOptions, rule } from '../src/index';
import type { OptionsSchema } from '../src/index';

interface Demo {
  bits: number;
  method?: 'linear' | 'log';
  rate?: number;
  gain?: number;
  flag?: boolean;
}

const SCHEMA = {
  bits: option.required(rule.positiveInteger),
  method: option.withDefault(rule.oneOf(['linear', 'log'] as const), 'linear'),
  rate: option.withDefault(rule.proportion, 0),
  gain: option.optional(rule.positive),
  flag: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<Demo>;

function resolve(options: Demo | undefined) {
  return resolveOptions('demo', options, SCHEMA);
}

describe('resolveOptions', () => {
  it('applies defaults, keeps given values, leaves optional ones absent, returns a frozen copy', () => {
    const given: Demo = { bits: 8, rate: 0.25 };
    const o = resolve(given);
    expect(o).toEqual({ bits: 8, method: 'linear', rate: 0.25, flag: false });
    expect('gain' in o).toBe(false);
    expect(Object.isFrozen(o)).toBe(true);
    expect(o).not.toBe(given);
    expect(given).toEqual({ bits: 8, rate: 0.25 }); // caller's object untouched
    expectTypeOf(o.method).toEqualTypeOf<'linear' | 'log'>();
    expectTypeOf(o.gain).toEqualTypeOf<number | undefined>();
  });

  it('rejects unknown keys with a hint naming the closest key', () => {
    expect(() => resolve({ bits: 8, methd: 'log' } as never)).toThrow(
      /demo: unknown key `methd`; did you mean `method`\?/,
    );
  });

  it('rejects a missing required key, naming it', () => {
    expect(() => resolve({} as never)).toThrow(/demo: `bits` must be given/);
    expect(() => resolve(undefined)).toThrow(InvalidParameterError);
  });

  it.each([null, 5, 'x', [1]])('rejects a non-object options argument %s', (bad) => {
    expect(() => resolve(bad as never)).toThrow(/demo: `options` must be an options object/);
  });

  it.each([
    ['bits', 0, /`bits` must be a positive integer <= 2\^53 - 1; received 0/],
    ['bits', 2.5, /`bits` must be a positive integer/],
    ['method', 'tanh', /`method` must be one of 'linear', 'log'/],
    ['rate', 1.5, /`rate` must be a number in \[0, 1\]/],
    ['gain', Number.NaN, /`gain` must be a finite number > 0; received NaN/],
    ['gain', null, /`gain` must be a finite number > 0/],
    ['flag', 1, /`flag` must be true or false/],
  ])('checks %s = %s with its rule', (key, value, message) => {
    let error: unknown;
    try {
      resolve({ bits: 4, [key]: value } as Demo);
    } catch (e) {
      error = e;
    }
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as InvalidParameterError).parameter).toBe(key);
  });

  it('an unknown key is named together with every allowed key, hint or not', () => {
    const keys = Object.keys(SCHEMA)
      .map((k) => `\`${k}\``)
      .join(', ');
    expect(() => resolve({ bits: 8, methd: 'log' } as Demo)).toThrow(`Allowed keys are ${keys}.`);
    expect(() => resolve({ bits: 8, zzzzzzzz: 1 } as Demo)).toThrow(
      `unknown key \`zzzzzzzz\`; allowed keys are ${keys}.`,
    );
  });

  it('a nested config (parameter) names its keys with the prefix', () => {
    expect(resolveOptions('mvm', { bits: 4 }, SCHEMA, 'adc')).toEqual(resolve({ bits: 4 }));
    expect(() => resolveOptions('mvm', { bits: 0 }, SCHEMA, 'adc')).toThrow(/^mvm: `adc.bits` must be/);
    expect(() => resolveOptions('mvm', { methd: 'log' } as unknown as Demo, SCHEMA, 'adc')).toThrow(
      /^mvm adc: unknown key `methd`/,
    );
    expect(() => resolveOptions('mvm', {} as Demo, SCHEMA, 'adc')).toThrow(/^mvm: `adc.bits` must be given/);
  });

  it('option.requiredByRule reports an absent key in its rule’s words', () => {
    const schema = { bits: option.requiredByRule(rule.positiveInteger) } satisfies OptionsSchema<{ bits: number }>;
    expect(() => resolveOptions('f', {} as { bits: number }, schema)).toThrow(
      /f: `bits` must be a positive integer <= 2\^53 - 1; received undefined/,
    );
    expect(resolveOptions('f', { bits: 3 }, schema)).toEqual({ bits: 3 });
    // A rule that lets undefined through still cannot leave a required key unset.
    const lax = { x: option.requiredByRule(rule.any<number>()) } satisfies OptionsSchema<{ x: number }>;
    expect(() => resolveOptions('f', {} as { x: number }, lax)).toThrow(/`x` must be given/);
  });

  it('rule.rng accepts a generator and names the parameter of anything else', () => {
    const rng = createRng(1);
    expect(rule.rng('demo', 'rng', rng)).toBe(rng);
    for (const bad of [Math.random, 1, null, {}, { uniform: () => 0 }])
      expect(() => rule.rng('demo', 'noise.rng', bad)).toThrow(/demo.*noise\.rng.*an Rng from createRng\(\)/);
  });

  it('range and integerRange are closed intervals', () => {
    const check = rule.range(-1, 1);
    expect(check('f', 'x', -1)).toBe(-1);
    expect(check('f', 'x', 1)).toBe(1);
    expect(() => check('f', 'x', 1.0001)).toThrow(/`x` must be a number in \[-1, 1\]/);
    const integers = rule.integerRange(1, 32);
    expect(integers('f', 'n', 32)).toBe(32);
    expect(() => integers('f', 'n', 33)).toThrow(/`n` must be an integer in \[1, 32\]/);
    expect(() => integers('f', 'n', 1.5)).toThrow(InvalidParameterError);
  });

  it('a schema must cover every key of its interface (type test)', () => {
    // @ts-expect-error `flag` is missing from the schema
    const partial: OptionsSchema<Demo> = {
      bits: SCHEMA.bits,
      method: SCHEMA.method,
      rate: SCHEMA.rate,
      gain: SCHEMA.gain,
    };
    expect(partial).toBeDefined();
  });
});
