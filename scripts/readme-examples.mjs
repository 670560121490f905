// The code blocks of a package README, as programs: every ```ts / ```js block is a complete program that the test
// command runs (scripts/run-examples.mjs), so the README cannot drift from the code. A block whose info string
// carries `no-run` (e.g. ```ts no-run, for a browser-only or bundler-only snippet) is shown but not run; the prose
// around it must say why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runnable blocks of `<dir>/README.md`: { index, line, lang, code } (line = 1-based line of the opening fence). */
export function readmeBlocks(dir) {
  const file = join(dir, 'README.md');
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)(.*)$/.exec(lines[i]);
    if (open === null) {
      if (fence) open = { line: i + 1, marker: fence[2], lang: fence[3], info: fence[4], body: [] };
    } else if (fence && fence[2].startsWith(open.marker) && fence[3] === '' && fence[4].trim() === '') {
      const runnable = ['ts', 'typescript', 'js', 'javascript'].includes(open.lang) && !/\bno-run\b/.test(open.info);
      if (runnable)
        blocks.push({
          index: blocks.length + 1,
          line: open.line,
          lang: open.lang.startsWith('t') ? 'ts' : 'mjs',
          code: `${open.body.join('\n')}\n`,
        });
      open = null;
    } else open.body.push(lines[i]);
  }
  return blocks;
}
