import { InvalidParameterError, option, rule } from '@memsim/core';
import { hysteresisLoop, VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { SHARED_ARGS } from '../../src/commands/shared-args';
import { numberArg, resolveArgs } from '../../src/internal/arg-rules';

/** The message a call throws (it must throw a memsim InvalidParameterError). */
function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the call to throw');
}

describe('numberArg / resolveArgs: command-line text through the libraries’ rules', () => {
  it('reads the text as a number and applies the rule; absent flags take the default', () => {
    const schema = { seed: SHARED_ARGS.seed, limit: option.optional(numberArg(rule.positiveInteger)) };
    expect(resolveArgs('run', { seed: ' 7 ' }, schema)).toEqual({ seed: 7, limit: undefined });
    expect(resolveArgs('run', {}, schema).seed).toBe(1);
    expect(Object.isFrozen(resolveArgs('run', {}, schema))).toBe(true);
  });

  it('flags the schema does not name are left to their own readers (commander rejected unknown ones)', () => {
    expect(resolveArgs('run', { out: 'dir', json: true, seed: '3' }, { seed: SHARED_ARGS.seed })).toEqual({ seed: 3 });
  });

  it('reads units for a physical quantity', () => {
    const schema = { amplitude: option.optional(numberArg(rule.nonNegative, 'voltage')) };
    expect(resolveArgs('device', { amplitude: '300mV' }, schema).amplitude).toBeCloseTo(0.3, 15);
  });

  it("a bad value is reported in the library rule's words, naming the flag and the text as typed", () => {
    const cli = messageOf(() =>
      resolveArgs('device', { amplitude: '-1' }, { amplitude: option.optional(numberArg(rule.nonNegative)) }),
    );
    // The same rule devices' hysteresisLoop applies to its `amplitude` option.
    const library = messageOf(() => hysteresisLoop(VTEAM, { amplitude: -1 }));
    const expected = library.slice(library.indexOf(' must be '), library.indexOf(';'));
    expect(cli).toBe(`memsim device: \`--amplitude\`${expected}; received '-1'.`);
  });

  it.each(['', '  ', 'abc', '1.5', '-2', 'NaN', 'Infinity', '1e400'])('rejects seed text %j', (text) => {
    expect(() => resolveArgs('run', { seed: text }, { seed: SHARED_ARGS.seed })).toThrow(
      /^memsim run: `--seed` must be a non-negative integer/,
    );
  });

  it.each([
    ['0', false],
    ['1', true],
    ['64', true],
    ['65', false],
  ])('the thread budget %s is accepted: %s', (text, ok) => {
    const call = () => resolveArgs('run', { threads: text }, { threads: SHARED_ARGS.threads });
    if (ok) expect(call().threads).toBe(Number(text));
    else expect(call).toThrow(/`--threads` must be an integer in \[1, 64\]/);
  });
});
