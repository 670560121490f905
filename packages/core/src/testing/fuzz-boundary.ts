import fc from 'fast-check';
import { MemsimError } from '../errors/memsim-error';
import { NumericalError } from '../errors/numerical-error';

/**
 * What a parameter must be; each kind has a generator of values that break it (and only such values), so every
 * generated call must end in a memsim error naming the parameter.
 */
export type BadValueKind =
  | 'finite'
  | 'positive'
  | 'nonNegative'
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'proportion'
  | 'options'
  | 'numericArray'
  | 'string'
  | 'required';

// Values that are wrong for every numeric kind: the wrong type, NaN, ±Infinity.
const notANumber = fc.oneof(
  fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, true, false),
  fc.string({ maxLength: 8 }),
  fc.constantFrom<unknown>({}, [], [1], { value: 1 }, () => 1, 1n),
);
const negative = fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true });
const fractional = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .filter((v) => !Number.isInteger(v));
const huge = fc.constantFrom(2 ** 53, 2 ** 60, 1e300, Number.MAX_VALUE);

/** A fast-check generator of values that break `kind` (undefined is included only for 'required'). */
export function badValues(kind: BadValueKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'finite':
      return notANumber;
    case 'positive':
      return fc.oneof(notANumber, negative, fc.constantFrom(0, -0));
    case 'nonNegative':
      return fc.oneof(notANumber, negative);
    case 'positiveInteger':
      return fc.oneof(notANumber, negative, fractional, huge, fc.constantFrom(0, -1));
    case 'nonNegativeInteger':
      return fc.oneof(notANumber, negative, fractional, huge);
    case 'proportion':
      return fc.oneof(notANumber, negative, fc.double({ min: 1 + 1e-9, noNaN: true, noDefaultInfinity: true }));
    case 'options':
      return fc.constantFrom<unknown>(null, 5, 'options', true, [1, 2]);
    case 'numericArray':
      return fc.oneof(
        fc.constantFrom<unknown>(null, 5, 'abc', {}, true),
        fc.array(fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, 'x', null), {
          minLength: 1,
          maxLength: 4,
        }),
      );
    case 'string':
      return fc.constantFrom<unknown>(null, 5, {}, [], true, 'no-such-value');
    case 'required':
      return fc.constantFrom<unknown>(undefined, null);
  }
}

/** One parameter slot of a public function: `call(bad)` puts `bad` in that slot, everything else valid. */
export interface BoundaryCase {
  /** Function (or method) name, for the report. */
  fn: string;
  /** Parameter name the error message must show in backticks (`x`, `options.samples` → `samples`; `a|b`: either). */
  parameter: string;
  kind: BadValueKind;
  call: (bad: unknown) => unknown;
}

/** A valid but extreme call: it must return finite numbers or throw a memsim error (NumericalError, size limit). */
export interface ExtremeCase {
  fn: string;
  call: () => unknown;
}

/** Counts of a fuzz run. `untyped`, `silent` and `nonFinite` must be 0. */
export interface FuzzTally {
  calls: number;
  /** Bad inputs rejected by a memsim error naming the parameter, plus extreme calls that ended well. */
  typed: number;
  /** Errors that are not memsim errors, or memsim errors that do not name the parameter. */
  untyped: number;
  /** Bad inputs accepted without an error. */
  silent: number;
  /** Extreme calls that returned NaN or ±Infinity somewhere in their result. */
  nonFinite: number;
  /** The first few offending calls, for the failure message. */
  examples: string[];
}

function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return 'function';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** First non-finite number in a result (numbers, arrays, typed arrays, plain objects, a few levels deep), or null. */
function firstNonFinite(value: unknown, depth = 0): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : value;
  if (depth > 4 || value === null || typeof value !== 'object') return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return a[i] as number;
    return null;
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const bad = firstNonFinite(v, depth + 1);
    if (bad !== null) return bad;
  }
  return null;
}

/**
 * Runs every boundary case on `runs` generated bad values (seeded, so a failure reproduces) and every extreme case
 * once, and tallies the outcomes.
 */
export function runBoundaryFuzz(
  cases: readonly BoundaryCase[],
  extremes: readonly ExtremeCase[] = [],
  options: { runs?: number; seed?: number } = {},
): FuzzTally {
  const runs = options.runs ?? 40;
  const seed = options.seed ?? 18;
  const tally: FuzzTally = { calls: 0, typed: 0, untyped: 0, silent: 0, nonFinite: 0, examples: [] };
  // One example per function and parameter (the first failure), at most 40: enough to fix every slot at once.
  const seen = new Set<string>();
  const note = (key: string, text: string) => {
    if (seen.has(key) || tally.examples.length >= 40) return;
    seen.add(key);
    tally.examples.push(text);
  };
  for (const c of cases) {
    // `name`, `options.name`, `name[3]`, `name.bits`: the parameter in backticks, maybe qualified or indexed;
    // 'a|b' accepts either name (a slot a function reports under its own name or its option's).
    const escaped = c.parameter
      .split('|')
      .map((p) => p.slice(p.lastIndexOf('.') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    const names = new RegExp(`\`([\\w.]*\\.)?(${escaped})(\\[\\d+\\])?([.[][\\w.[\\]]*)?\``);
    for (const bad of fc.sample(badValues(c.kind), { numRuns: runs, seed })) {
      tally.calls++;
      try {
        c.call(bad);
        tally.silent++;
        note(`${c.fn}/${c.parameter}`, `${c.fn}(${c.parameter} = ${show(bad)}) returned without an error`);
      } catch (error) {
        const message = (error as Error)?.message ?? '';
        // "unknown key `x`" names the slot only because the slot itself is misnamed: a test bug, never a pass.
        if (MemsimError.isInstance(error) && names.test(message) && !/unknown key `/.test(message)) tally.typed++;
        else {
          tally.untyped++;
          note(
            `${c.fn}/${c.parameter}`,
            `${c.fn}(${c.parameter} = ${show(bad)}) threw ${(error as Error)?.name}: ${(error as Error)?.message}`,
          );
        }
      }
    }
  }
  for (const e of extremes) {
    tally.calls++;
    try {
      const bad = firstNonFinite(e.call());
      if (bad === null) tally.typed++;
      else {
        tally.nonFinite++;
        note(e.fn, `${e.fn} returned ${bad}`);
      }
    } catch (error) {
      if (NumericalError.isInstance(error) || MemsimError.isInstance(error)) tally.typed++;
      else {
        tally.untyped++;
        note(e.fn, `${e.fn} threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
      }
    }
  }
  return tally;
}

/** One line for the test output: `fuzz <label>: calls …, typed …, untyped …, silent …, non-finite …`. */
export function formatFuzzTally(label: string, t: FuzzTally): string {
  return `fuzz ${label}: calls ${t.calls}, typed ${t.typed}, untyped ${t.untyped}, silent ${t.silent}, non-finite ${t.nonFinite}`;
}
