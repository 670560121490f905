import { InvalidParameterError, NumericalError } from '@memsim/core';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  compileWindow,
  createPopulation,
  LinearIonDrift,
  Memristor,
  populationFromJSON,
  populationToJSON,
} from '../../src/index';

// Grid over and beyond [0, 1] (the kernels probe x outside it), exponents 1 to 3 incl. fractional ones.
const XS = Array.from({ length: 41 }, (_, k) => -0.25 + k * 0.0375);
const PS = [0.5, 1, 1.5, 2, 3];

// The published formulas written out independently of the library (closed forms).
const joglekarClosed = (x: number, p: number) => 1 - ((2 * x - 1) ** 2) ** p;
const biolekClosed = (x: number, p: number, i: number) => 1 - ((x - (i <= 0 ? 1 : 0)) ** 2) ** p;

describe('compileWindow: a window given as an expression equals the built-in windows on a grid', () => {
  it('Joglekar: 1 - ((2x - 1)^2)^p', () => {
    const w = compileWindow('1 - ((2x - 1)^2)^p');
    for (const p of PS) for (const x of XS) expect(w(x, p, 0, 1)).toBeCloseTo(joglekarClosed(x, p), 14);
  });

  it('Biolek: 1 - ((x - (i <= 0 ? 1 : 0))^2)^p, both current signs', () => {
    const w = compileWindow('1 - ((x - (i <= 0 ? 1 : 0))^2)^p');
    for (const i of [-1e-3, 0, 1e-3])
      for (const p of PS) for (const x of XS) expect(w(x, p, i, 1)).toBeCloseTo(biolekClosed(x, p, i), 14);
  });

  it('keeps the text, and agrees with mathjs evaluating the same text (independent evaluator)', () => {
    const text = 'j * (1 - ((x - 0.5)^2 + 0.75)^p) + max(0, sign(i)) * exp(-x) / sqrt(2 + cos(pi * x))';
    const w = compileWindow(text);
    expect(w.expression).toBe(text);
    for (const p of PS)
      for (const x of XS)
        for (const i of [-1, 1]) {
          const expected = evaluate(text, { x, p, i, j: 0.7 }) as number;
          expect(w(x, p, i, 0.7)).toBeCloseTo(expected, 12);
        }
  });
});

describe('compileExpression: only the allowed syntax', () => {
  it.each([
    ['f(x) = 1', /function definitions/],
    ['a = 1', /assignments/],
    ['import({}, {})', /function `import`/],
    ['evaluate("1")', /function `evaluate`/],
    ['x; p', /one expression only/],
    ['y + 1', /symbol `y`/],
    ['"text"', /not a number/],
    ['true', /not a number/],
    ['[1, 2]', /array/],
    ['x[1]', /accessor/],
    ['5 cm', /symbol `cm`/],
    ['x!', /operator `!`/],
    ['0 < x < 1', /chained comparisons/],
    ['1 +', /does not parse/],
    ['', /no expression text/],
    ['   ', /no expression text/],
    ['sqrt(x, p)', /takes 1 arguments/],
  ])('%j is an InvalidParameterError naming window, the text and what is allowed', (text, problem) => {
    let error: unknown;
    try {
      compileWindow(text);
    } catch (e) {
      error = e;
    }
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    const e = error as InvalidParameterError;
    expect(e.parameter).toBe('window');
    expect(e.value).toBe(text);
    expect(e.message).toMatch(/an expression in x, p, i, j/);
    expect(e.message).toMatch(problem);
  });

  it.each([null, undefined, 3, {}, []])('a non-string expression %j is refused', (text) => {
    expect(() => compileWindow(text as never)).toThrow(InvalidParameterError);
  });

  it.each([[[]], [['x', 'x']], [['pi']], [['a', 'b', 'c', 'd', 'e']], [['1x']], [undefined]])(
    'variables %j are refused',
    (variables) => {
      expect(() => compileExpression('1', { variables: variables as never })).toThrow(/`variables`/);
    },
  );

  it('folds constants and keeps the variable order', () => {
    const f = compileExpression('2^10 * a - b / (1 + 1)', { variables: ['a', 'b'] });
    expect(f(1, 4)).toBe(1022);
    expect(f.variables).toEqual(['a', 'b']);
  });
});

describe('non-finite window values are a NumericalError naming x', () => {
  it.each([
    ['1 / x', 0],
    ['log(x)', 0],
    ['sqrt(x - 1)', 0.5],
    ['(x - 2)^p', 0.5],
  ])('%s at x = %s', (text, x) => {
    const w = compileWindow(text);
    expect(() => w(x, 0.5, 0, 1)).toThrow(NumericalError);
    expect(() => w(x, 0.5, 0, 1)).toThrow(new RegExp(`at x = ${x}\\b`));
  });

  it('inside LinearIonDrift.step too', () => {
    const pop = createPopulation(LinearIonDrift, 2, { window: '1 / (1 - x)' });
    expect(() => LinearIonDrift.step(pop, 1, 1e-4)).toThrow(/at x = 1/);
  });
});

describe('LinearIonDrift with an expression window', () => {
  const drive = (window: string) => {
    const device = new Memristor(LinearIonDrift, { window, p: 2 });
    const v = Float64Array.from({ length: 400 }, (_, k) => 1.2 * Math.sin((2 * Math.PI * k) / 400));
    return device.simulate(v, { returnCurrent: true });
  };

  it.each([
    ['joglekar', '1 - ((2x - 1)^2)^p'],
    ['biolek', '1 - ((x - (i <= 0 ? 1 : 0))^2)^p'],
  ])('the expression of %s gives the same trace as the named window', (name, text) => {
    const named = drive(name);
    const user = drive(text);
    expect(Array.from(user)).toEqual(Array.from(named));
    // The window matters on this drive (else the comparison would prove nothing).
    expect(Array.from(drive('none'))).not.toEqual(Array.from(named));
  });

  it('a misspelled name is refused naming window, the named windows and the expression syntax', () => {
    expect(() => LinearIonDrift.validate({ window: 'biolk' })).toThrow(
      /`window` must be one of 'biolek'.*or an expression in x, p, i, j.*symbol `biolk`/,
    );
  });

  it('population JSON keeps the expression text', () => {
    const text = '1 - ((2x - 1)^2)^p';
    const pop = createPopulation(LinearIonDrift, 3, { window: text });
    const json = JSON.parse(JSON.stringify(populationToJSON(pop)));
    expect(json.settings.window).toBe(text);
    expect(populationFromJSON(json).settings.window).toBe(text);
  });
});
