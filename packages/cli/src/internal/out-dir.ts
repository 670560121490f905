import { accessSync, constants, existsSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidParameterError } from '@memsim/core';

// Kernel pseudo file systems: nothing a user means as an output folder lives there, and Node's recursive mkdir
// loops forever on procfs (`mkdirSync('/proc/x', { recursive: true })` spins at 100 % CPU), so refuse them up front.
const PSEUDO_FILE_SYSTEMS: Readonly<Record<number, string>> = {
  40864: 'procfs',
  1650812274: 'sysfs',
  7377: 'devpts',
  1684170528: 'debugfs',
  2613483: 'cgroup',
  1667723888: 'cgroup2',
  1935894131: 'securityfs',
};

function fail(command: string, value: unknown, expected: string): never {
  throw new InvalidParameterError({ where: `memsim ${command}`, parameter: '--out', value, expected });
}

/** The nearest existing ancestor of `path` (itself when it exists). */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
  return p;
}

/**
 * Resolves and checks the `--out` folder of a command before any work: `undefined` gives `fallback`; an empty string
 * is refused (it used to write into the working directory silently); a path on a kernel pseudo file system (/proc,
 * /sys, /dev) or under an existing non-directory is refused; the folder is created, and must be writable.
 *
 * @throws {InvalidParameterError} naming `--out`, the value and the reason (a one-line CLI error).
 */
export function outDirectory(command: string, raw: unknown, fallback: string): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || raw.trim() === '') fail(command, raw, 'a non-empty directory path');
  const path = resolve(raw);
  if (path === '/dev' || path.startsWith('/dev/')) fail(command, raw, 'a directory outside /dev');
  const ancestor = existingAncestor(path);
  let fsType: number | undefined;
  try {
    fsType = statfsSync(ancestor).type;
  } catch {
    fsType = undefined; // statfs unsupported (some platforms): the checks below still apply
  }
  if (fsType !== undefined && PSEUDO_FILE_SYSTEMS[fsType] !== undefined)
    fail(command, raw, `a directory on a regular file system (${ancestor} is on ${PSEUDO_FILE_SYSTEMS[fsType]})`);
  if (!statSync(ancestor).isDirectory()) fail(command, raw, `a directory path (${ancestor} is a file)`);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (error) {
    fail(command, raw, `a writable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return raw;
}
