import { Command as Commander, Option } from 'commander';
import { InvalidParameterError } from '@memsim/core';
import { parseQuantity, type Quantity } from './quantity';

/** Declaration of one command-line option. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown by --help. */
  description: string;
  /** Shown by --help. */
  default?: string;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** camelCase key commander stores an option under (`max-samples` → `maxSamples`). */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Parses `argv` strictly against `spec` with commander: unknown options and missing values are errors, and an option
 * value may start with a dash (`--amplitude -1` is the number −1, not an option). A boolean `no-x` option is kept
 * under its own name (`values['no-png'] === true`).
 *
 * @throws {InvalidParameterError} on an unknown option or a missing option value (a one-line message).
 */
export function parseCommandArgs(command: string, argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const program = new Commander(`memsim ${command}`)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .allowExcessArguments(true)
    .argument('[positionals...]');
  for (const [name, s] of Object.entries(spec)) {
    const flags = `${s.short ? `-${s.short}, ` : ''}--${name}${s.type === 'string' ? ' <value>' : ''}`;
    program.addOption(new Option(flags, s.description));
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const message = (error as Error).message
      .replace(/^error: /, '')
      .split('\n')[0]!
      .replace(/\.$/, '');
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: 'arguments',
      value: argv.join(' '),
      expected: `valid options (${message}); see memsim ${command} --help`,
      message: `memsim ${command}: ${message}; see \`memsim ${command} --help\`.`,
    });
  }
  const opts = program.opts<Record<string, string | boolean | undefined>>();
  const values: ParsedArgs['values'] = {};
  for (const [name, s] of Object.entries(spec)) {
    if (s.type === 'boolean' && name.startsWith('no-')) {
      // commander turns `--no-png` into png = false (default true): map it back to the flag's own name.
      if (opts[camel(name.slice(3))] === false) values[name] = true;
    } else if (opts[camel(name)] !== undefined) values[name] = opts[camel(name)];
  }
  return { values, positionals: (program.processedArgs[0] as string[] | undefined) ?? [] };
}

/** Reads a numeric option, checking it is finite and within [min, max] (integer when `integer`). */
export function numberOption(
  command: string,
  name: string,
  raw: string | boolean | undefined,
  fallback: number,
  rule: { min?: number; max?: number; integer?: boolean; quantity?: Quantity } = {},
): number {
  if (raw === undefined) return fallback;
  // A physical value may carry a unit (`--amplitude 300mV`), converted to SI by mathjs; others are plain numbers.
  const v =
    rule.quantity !== undefined && typeof raw === 'string'
      ? parseQuantity(command, `--${name}`, raw, rule.quantity)
      : Number(raw);
  const ok =
    typeof raw === 'string' &&
    raw.trim() !== '' &&
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    v >= (rule.min ?? Number.NEGATIVE_INFINITY) &&
    v <= (rule.max ?? Number.POSITIVE_INFINITY);
  if (!ok) {
    const kind = rule.integer ? 'an integer' : 'a number';
    const range =
      rule.min !== undefined && rule.max !== undefined
        ? ` in [${rule.min}, ${rule.max}]`
        : rule.min !== undefined
          ? ` >= ${rule.min}`
          : '';
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: `--${name}`,
      value: raw,
      expected: `${kind}${range}`,
    });
  }
  return v;
}

/** Reads a comma-separated list of numbers (e.g. `--sigmas 0,0.1,0.2`). */
export function numberListOption(
  command: string,
  name: string,
  raw: string | boolean | undefined,
  fallback: number[],
): number[] {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: `--${name}`,
      value: raw,
      expected: 'a comma-separated list of numbers',
    });
  return raw.split(',').map((part) => numberOption(command, name, part.trim(), 0));
}

/** Formats the --help text of a command. */
export function formatHelp(usage: string, summary: string, spec: Record<string, OptionSpec>): string {
  const lines = [`Usage: ${usage}`, '', summary, '', 'Options:'];
  for (const [name, s] of Object.entries(spec)) {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'string' ? ' VALUE' : ''}`;
    lines.push(`  ${flag.padEnd(26)} ${s.description}${s.default !== undefined ? ` (default: ${s.default})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
