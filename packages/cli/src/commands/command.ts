import type { OptionSpec, ParsedArgs } from '../internal/args';

/**
 * Streams and environment a command runs with (injectable for tests).
 *
 * @example
 * import { Writable } from 'node:stream';
 * const lines: string[] = [];
 * const capture = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
 * const context: CommandContext = { stdout: capture, stderr: capture, progress: null }; // progress null: --quiet
 * await main(['--help'], context); // → 0; lines.join('') starts with 'Usage: memsim <command> [options]'
 */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Progress stream: `stderr`, or null when `--quiet`. */
  progress: NodeJS.WritableStream | null;
}

/**
 * One `memsim` sub-command.
 *
 * @example
 * const device: Command | undefined = COMMANDS.find((command) => command.name === 'device');
 * device?.summary; // → 'Runs the hysteresis loop (sine) and bipolar switching (triangle) of a device model …'
 * Object.keys(device?.options ?? {}); // the flags `memsim device --help` lists
 */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Folder `--out` defaults to, shown by --help. */
  defaultOut?: string;
  /** Runs the command; resolves to the exit code. */
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  seed: { type: 'string', description: 'seed of every stochastic step', default: '1' },
  out: { type: 'string', short: 'o', description: 'output directory' },
  json: { type: 'boolean', description: 'print the result as JSON on stdout' },
  quiet: { type: 'boolean', short: 'q', description: 'no progress on stderr' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** Options that pick the data. */
export const DATA_OPTIONS: Record<string, OptionSpec> = {
  dataset: {
    type: 'string',
    description: 'built-in data set: mnist | fashion-mnist | cifar10 (with --data DIR: your CIFAR-10 binary files)',
    default: 'mnist',
  },
  data: {
    type: 'string',
    description:
      'your own data: a directory of IDX files, a CSV file (label column `label`, `y` or the first), or a .npy array (N×C×H×W, with --labels)',
  },
  labels: { type: 'string', description: 'the .npy label vector (N class indices) of a .npy --data' },
};
