import { Command as Commander, Option } from 'commander';
import { InvalidParameterError } from '@memsim/core';

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

/** Formats the --help text of a command. */
export function formatHelp(usage: string, summary: string, spec: Record<string, OptionSpec>): string {
  const lines = [`Usage: ${usage}`, '', summary, '', 'Options:'];
  for (const [name, s] of Object.entries(spec)) {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'string' ? ' VALUE' : ''}`;
    lines.push(`  ${flag.padEnd(26)} ${s.description}${s.default !== undefined ? ` (default: ${s.default})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
