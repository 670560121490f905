import { parseArgs } from 'node:util';
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

/**
 * Parses `argv` strictly against `spec`.
 *
 * @throws {InvalidParameterError} on an unknown option or a missing option value.
 */
export function parseCommandArgs(command: string, argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  try {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
    for (const [name, s] of Object.entries(spec))
      options[name] = s.short ? { type: s.type, short: s.short } : { type: s.type };
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as ParsedArgs['values'], positionals: r.positionals };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: 'arguments',
      value: argv.join(' '),
      expected: `valid options (${message}); see memsim ${command} --help`,
      message: `memsim ${command}: ${message}; see \`memsim ${command} --help\`.`,
    });
  }
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
