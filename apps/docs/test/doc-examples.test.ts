// Every public export of every library package has a doc comment with an `@example`, and the examples are code that
// typechecks (strict) and runs: scripts/doc-examples.mjs gathers them from the TypeScript declarations, runs each
// package's examples as one program and reports the failing example by name.
//
// Values (functions, classes, constants) and types (interfaces, type aliases) alike must have an example; an example
// that needs files, a server or minutes is marked `// (typechecked, not run: <reason>)` and is still typechecked.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExamples, listExports } from '../../../scripts/doc-examples.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const PACKAGES = readdirSync(join(ROOT, 'packages')).sort();

describe.each(PACKAGES)('@memsim/%s', (p) => {
  const dir = join(ROOT, 'packages', p);
  const exports = listExports(dir);

  it('every export (value and type) has a doc comment and an @example', () => {
    expect(exports.filter((e) => !e.documented).map((e) => e.name)).toEqual([]);
    const missing = exports.filter((e) => e.examples.length === 0).map((e) => `${e.kind} ${e.name}`);
    expect(missing.sort()).toEqual([]);
  });

  it('the examples typecheck (strict) and run', { timeout: 300_000 }, () => {
    const { problems } = checkExamples(dir);
    expect(problems).toEqual([]);
  });
});
