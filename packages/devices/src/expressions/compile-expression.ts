// MODULES //

import { InvalidParameterError } from '@memsim/core';
import { create, type FactoryFunctionMap, type MathNode, parseDependencies } from 'mathjs';

// Only mathjs's parser (the factory keeps the rest of mathjs out). It builds a syntax tree and never runs code; the
// tree is checked against the allow-lists below and turned into plain JS closures, so nothing is ever `eval`ed.
const math = create({ parseDependencies } as FactoryFunctionMap);

// TYPES //

/**
 * A user expression compiled to a JS closure: call it with the values of `variables`, in that order (at most four;
 * missing ones are 0). It does no checking per call (kernel use); callers check that the result is finite.
 *
 * @example
 * const f: CompiledExpression = compileExpression('1 - (2x - 1)^(2p)', { variables: ['x', 'p'] });
 * f(0.25, 1); // → 0.75
 */
export interface CompiledExpression {
  (v0: number, v1?: number, v2?: number, v3?: number): number;
  /** The expression text as given (what save/load keeps). */
  readonly expression: string;
  /** The variables, in call order. */
  readonly variables: readonly string[];
}

/**
 * Options of {@link compileExpression}.
 *
 * @example
 * const options: CompileExpressionOptions = { variables: ['x'], where: 'programmingNoise', parameter: 'expression' };
 * compileExpression('0.02 + 0.1x', options)(0.5); // → 0.07
 */
export interface CompileExpressionOptions {
  /** Names of the allowed variables, in call order (1 to 4 names). */
  variables: readonly string[];
  /** Function or model named in errors. @default 'compileExpression' */
  where?: string;
  /** Parameter named in errors. @default 'expression' */
  parameter?: string;
}

type Fn = (a: number, b: number, c: number, d: number) => number;

// Every function an expression may call: name → [closure maker, allowed argument counts].
const FUNCTIONS: Readonly<Record<string, readonly [(args: Fn[]) => Fn, readonly number[]]>> = {
  abs: [unary(Math.abs), [1]],
  sqrt: [unary(Math.sqrt), [1]],
  cbrt: [unary(Math.cbrt), [1]],
  exp: [unary(Math.exp), [1]],
  log: [
    ([f, base]) =>
      base === undefined ? unary(Math.log)([f!]) : binary((a, b) => Math.log(a) / Math.log(b))([f!, base]),
    [1, 2],
  ],
  log10: [unary(Math.log10), [1]],
  log2: [unary(Math.log2), [1]],
  sin: [unary(Math.sin), [1]],
  cos: [unary(Math.cos), [1]],
  tan: [unary(Math.tan), [1]],
  sinh: [unary(Math.sinh), [1]],
  cosh: [unary(Math.cosh), [1]],
  tanh: [unary(Math.tanh), [1]],
  sign: [unary(Math.sign), [1]],
  floor: [unary(Math.floor), [1]],
  ceil: [unary(Math.ceil), [1]],
  pow: [([f, g]) => power(f!, g!), [2]],
  min: [([f, g]) => binary(Math.min)([f!, g!]), [2]],
  max: [([f, g]) => binary(Math.max)([f!, g!]), [2]],
};

// Operators: mathjs function name → closure maker. Comparisons and logic give 1 or 0.
const OPERATORS: Readonly<Record<string, (args: Fn[]) => Fn>> = {
  // The hot arithmetic gets its own closure code each (no shared `op` call), and a constant operand is inlined.
  add: ([f, g]) => arithmetic(f!, g!, '+'),
  subtract: ([f, g]) => arithmetic(f!, g!, '-'),
  multiply: ([f, g]) => arithmetic(f!, g!, '*'),
  divide: ([f, g]) => arithmetic(f!, g!, '/'),
  pow: ([f, g]) => power(f!, g!),
  unaryMinus:
    ([f]) =>
    (a, b, c, d) =>
      -f!(a, b, c, d),
  unaryPlus: ([f]) => f!,
  smaller: binary((a, b) => (a < b ? 1 : 0)),
  smallerEq: binary((a, b) => (a <= b ? 1 : 0)),
  larger: binary((a, b) => (a > b ? 1 : 0)),
  largerEq: binary((a, b) => (a >= b ? 1 : 0)),
  equal: binary((a, b) => (a === b ? 1 : 0)),
  unequal: binary((a, b) => (a !== b ? 1 : 0)),
  and: binary((a, b) => (a !== 0 && b !== 0 ? 1 : 0)),
  or: binary((a, b) => (a !== 0 || b !== 0 ? 1 : 0)),
  not: unary((a) => (a === 0 ? 1 : 0)),
};

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

// MAIN //

/**
 * Compiles a user expression (a window function, a noise polynomial) once: mathjs parses it, every node is checked
 * against an allow-list (numbers, the given variables, `pi`, `e`, `+ - * / ^`, comparisons, `and`/`or`/`not`,
 * `cond ? a : b`, and abs, sqrt, cbrt, exp, log, log10, log2, sin, cos, tan, sinh, cosh, tanh, sign, floor, ceil,
 * pow, min, max), and the tree becomes nested JS closures, so evaluating it parses nothing and runs no `eval`.
 * Comparisons are exact (mathjs's own evaluation compares with a 1e-12 relative tolerance); `^` of a negative base
 * with a fractional exponent is NaN (mathjs would give a complex number).
 *
 * @param expression - the expression text, e.g. `'1 - (2x - 1)^(2p)'`.
 * @param options - see {@link CompileExpressionOptions}.
 * @throws {InvalidParameterError} naming `options.parameter`, the expression and what is allowed, when the text does
 * not parse or holds anything else: another symbol, an assignment, a function definition, `import`, strings,
 * matrices, indexing, units, several statements.
 * @example
 * const window = compileExpression('1 - (2x - 1)^(2p)', { variables: ['x', 'p'] });
 * window(0.5, 1); // → 1
 */
export function compileExpression(expression: string, options: CompileExpressionOptions): CompiledExpression {
  const where = options?.where ?? 'compileExpression';
  const parameter = options?.parameter ?? 'expression';
  const variables = options?.variables;
  if (
    !Array.isArray(variables) ||
    variables.length < 1 ||
    variables.length > 4 ||
    variables.some((v) => typeof v !== 'string' || !/^[A-Za-z_]\w*$/.test(v) || v in CONSTANTS) ||
    new Set(variables).size !== variables.length
  )
    throw new InvalidParameterError({
      where,
      parameter: 'variables',
      value: variables,
      expected: `1 to 4 distinct identifiers other than ${Object.keys(CONSTANTS).join(', ')}`,
    });
  const allowed = `an expression in ${variables.join(', ')} (numbers, pi, e, + - * / ^, comparisons, and/or/not, ?:, ${Object.keys(FUNCTIONS).join(', ')})`;
  const refuse = (problem: string): never => {
    throw new InvalidParameterError({ where, parameter, value: expression, expected: `${allowed}; ${problem}` });
  };
  if (typeof expression !== 'string' || expression.trim() === '') refuse('got no expression text');
  let root: MathNode;
  try {
    root = math.parse(expression);
  } catch (error) {
    return refuse(`it does not parse: ${(error as Error).message}`);
  }
  const fn = build(root!, variables, refuse);
  const compiled = ((a: number, b = 0, c = 0, d = 0) => fn(a, b, c, d)) as CompiledExpression;
  RAW.set(compiled, fn);
  Object.defineProperty(compiled, 'expression', { value: expression, enumerable: true });
  Object.defineProperty(compiled, 'variables', { value: Object.freeze([...variables]), enumerable: true });
  return Object.freeze(compiled);
}

/**
 * @internal The closure behind `compiled`, taking all four arguments (no defaults to fill in): what kernels call.
 */
export function rawClosure(compiled: CompiledExpression): (a: number, b: number, c: number, d: number) => number {
  return RAW.get(compiled)!;
}

// PRIVATE //

const RAW = new WeakMap<CompiledExpression, Fn>();

/** `f op g`, with a constant operand inlined as a number (one closure call fewer). */
function arithmetic(f: Fn, g: Fn, op: '+' | '-' | '*' | '/'): Fn {
  const fc = CONSTANT_FNS.has(f);
  const gc = CONSTANT_FNS.has(g);
  if (gc && !fc) {
    const k = g(0, 0, 0, 0);
    switch (op) {
      case '+':
        return (a, b, c, d) => f(a, b, c, d) + k;
      case '-':
        return (a, b, c, d) => f(a, b, c, d) - k;
      case '*':
        return (a, b, c, d) => f(a, b, c, d) * k;
      default:
        return (a, b, c, d) => f(a, b, c, d) / k;
    }
  }
  if (fc && !gc) {
    const k = f(0, 0, 0, 0);
    switch (op) {
      case '+':
        return (a, b, c, d) => k + g(a, b, c, d);
      case '-':
        return (a, b, c, d) => k - g(a, b, c, d);
      case '*':
        return (a, b, c, d) => k * g(a, b, c, d);
      default:
        return (a, b, c, d) => k / g(a, b, c, d);
    }
  }
  switch (op) {
    case '+':
      return (a, b, c, d) => f(a, b, c, d) + g(a, b, c, d);
    case '-':
      return (a, b, c, d) => f(a, b, c, d) - g(a, b, c, d);
    case '*':
      return (a, b, c, d) => f(a, b, c, d) * g(a, b, c, d);
    default:
      return (a, b, c, d) => f(a, b, c, d) / g(a, b, c, d);
  }
}

/** Turns one checked node into a closure; constant subtrees are folded once. */
function build(node: MathNode, variables: readonly string[], refuse: (problem: string) => never): Fn {
  const n = node as MathNode & {
    value?: unknown;
    name?: string;
    op?: string;
    fn?: unknown;
    args?: MathNode[];
    content?: MathNode;
    condition?: MathNode;
    trueExpr?: MathNode;
    falseExpr?: MathNode;
  };
  switch (n.type) {
    case 'ConstantNode':
      if (typeof n.value !== 'number') refuse(`the constant ${JSON.stringify(n.value)} is not a number`);
      return constant(n.value as number);
    case 'ParenthesisNode':
      return build(n.content!, variables, refuse);
    case 'SymbolNode': {
      const index = variables.indexOf(n.name!);
      if (index >= 0) return variable(index);
      if (n.name! in CONSTANTS) return constant(CONSTANTS[n.name!]!);
      return refuse(`the symbol \`${n.name}\` is not one of them`);
    }
    case 'OperatorNode': {
      const make = OPERATORS[n.fn as string];
      if (make === undefined) return refuse(`the operator \`${n.op}\` is not allowed`);
      const args = n.args!.map((a) => build(a, variables, refuse));
      return fold(make(args), args);
    }
    case 'FunctionNode': {
      const name = (n.fn as { type?: string; name?: string }).name;
      const entry =
        (n.fn as { type?: string }).type === 'SymbolNode' && name !== undefined ? FUNCTIONS[name] : undefined;
      if (entry === undefined || !Object.hasOwn(FUNCTIONS, name!))
        return refuse(`the function \`${name ?? n.toString()}\` is not allowed`);
      if (!entry[1].includes(n.args!.length))
        return refuse(`\`${name}\` takes ${entry[1].join(' or ')} arguments, not ${n.args!.length}`);
      const args = n.args!.map((a) => build(a, variables, refuse));
      return fold(entry[0](args), args);
    }
    case 'ConditionalNode': {
      const c = build(n.condition!, variables, refuse);
      const t = build(n.trueExpr!, variables, refuse);
      const f = build(n.falseExpr!, variables, refuse);
      if (CONSTANT_FNS.has(c)) return c(0, 0, 0, 0) !== 0 ? t : f;
      return (a, b, cc, d) => (c(a, b, cc, d) !== 0 ? t(a, b, cc, d) : f(a, b, cc, d));
    }
    case 'AssignmentNode':
      return refuse('assignments are not allowed');
    case 'FunctionAssignmentNode':
      return refuse('function definitions are not allowed');
    case 'BlockNode':
      return refuse('one expression only (no `;` or line breaks between statements)');
    case 'RelationalNode':
      return refuse('chained comparisons are not allowed (write `a < x and x < b`)');
    default:
      return refuse(`${n.type.replace(/Node$/, '').toLowerCase()} syntax (\`${n.toString()}\`) is not allowed`);
  }
}

// Closures that return a constant, so a node whose arguments are all constant is folded once at compile time.
const CONSTANT_FNS = new WeakSet<Fn>();

/** `f` itself, or its value as a constant when every argument is a constant. */
function fold(f: Fn, args: readonly Fn[]): Fn {
  return args.every((g) => CONSTANT_FNS.has(g)) ? constant(f(0, 0, 0, 0)) : f;
}

function constant(value: number): Fn {
  const f: Fn = () => value;
  CONSTANT_FNS.add(f);
  return f;
}

/** x^y with the integer exponents 2 and 3 multiplied out when the exponent is a constant. */
function power(f: Fn, g: Fn): Fn {
  if (CONSTANT_FNS.has(g)) {
    const y = g(0, 0, 0, 0);
    if (y === 2)
      return (a, b, c, d) => {
        const x = f(a, b, c, d);
        return x * x;
      };
    if (y === 1) return f;
    return (a, b, c, d) => f(a, b, c, d) ** y;
  }
  return (a, b, c, d) => f(a, b, c, d) ** g(a, b, c, d);
}

function variable(index: number): Fn {
  switch (index) {
    case 0:
      return (a) => a;
    case 1:
      return (_a, b) => b;
    case 2:
      return (_a, _b, c) => c;
    default:
      return (_a, _b, _c, d) => d;
  }
}

function unary(op: (x: number) => number): (args: Fn[]) => Fn {
  return ([f]) =>
    (a, b, c, d) =>
      op(f!(a, b, c, d));
}

function binary(op: (x: number, y: number) => number): (args: Fn[]) => Fn {
  return ([f, g]) =>
    (a, b, c, d) =>
      op(f!(a, b, c, d), g!(a, b, c, d));
}
