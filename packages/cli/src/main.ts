import { createRequire } from 'node:module';
import { MemsimError } from '@memsim/core';
import { formatHelp, parseCommandArgs } from './internal/args';
import type { Command, CommandContext } from './commands/command';
import { deviceCommand } from './commands/device';
import { experimentCommand } from './commands/experiment';
import { importCommand } from './commands/import';
import { runCommand } from './commands/run';
import { trainCommand } from './commands/train';
import { workerCommand } from './commands/worker';

/**
 * Every `memsim` sub-command, by name.
 *
 * @example
 * COMMANDS.map((c) => c.name); // → ['run', 'device', 'experiment', 'train', 'import', 'worker']
 */
export const COMMANDS: readonly Command[] = [
  runCommand,
  deviceCommand,
  experimentCommand,
  trainCommand,
  importCommand,
  workerCommand,
];

/** The package version (`memsim --version`), read from package.json beside src/ or dist/. */
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

function topHelp(): string {
  const lines = ['Usage: memsim <command> [options]', '       memsim --version', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(12)} ${c.summary.split('. ')[0]}`);
  lines.push('', 'Run `memsim <command> --help` for the options of one command.');
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the `memsim` command line (`argv` without node and script) and resolves to the exit code. Bad input prints a
 * one-line `memsim: …` error on stderr and gives exit code 1 (usage and input errors alike); no stack trace unless
 * `MEMSIM_DEBUG=1`.
 * @example
 * // (typechecked, not run: runs a whole command, writing its results under ./results)
 * const code = await main(['experiment', 'variability', '--quick', '--limit', '200']); // → 0 on success
 */
export async function main(argv: string[], context: Partial<CommandContext> = {}): Promise<number> {
  const stdout = context.stdout ?? process.stdout;
  const stderr = context.stderr ?? process.stderr;
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(topHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    stderr.write(
      `memsim: unknown command '${name}'; expected one of ${COMMANDS.map((c) => c.name).join(', ')} (see \`memsim --help\`).\n`,
    );
    // Every error exits 1, usage errors included (an unknown command used to exit 2, an unknown option 1).
    return 1;
  }
  try {
    const args = parseCommandArgs(command.name, rest, command.options);
    if (args.values.help) {
      const options =
        command.defaultOut !== undefined && command.options.out !== undefined
          ? { ...command.options, out: { ...command.options.out, default: command.defaultOut } }
          : command.options;
      stdout.write(formatHelp(command.usage, command.summary, options));
      return 0;
    }
    const progress = context.progress !== undefined ? context.progress : args.values.quiet ? null : stderr;
    return await command.run(args, { stdout, stderr, progress });
  } catch (error) {
    if (process.env.MEMSIM_DEBUG === '1') stderr.write(`${(error as Error).stack}\n`);
    const message = (error as Error)?.message?.split('\n')[0] ?? String(error);
    stderr.write(
      MemsimError.isInstance(error)
        ? `${message.startsWith('memsim') ? '' : 'memsim: '}${message}\n`
        : `memsim: internal error: ${message}\n`,
    );
    return 1;
  }
}
