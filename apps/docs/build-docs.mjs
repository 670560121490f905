// Builds memsim's documentation site into docs-site/dist (repository root):
//  1. generates guide pages from the repository: "coming from MemTorch" (every package README's MemTorch → memsim
//     name table and its "differs from MemTorch" notes), the studies (the root README's results and figures), and
//     one guide page per package (its runnable examples, included from packages/*/examples);
//  2. runs typedoc (API of every package + the guides) with warnings as errors;
//  3. copies the built playground into dist/playground and points the guide's links at it;
//  4. checks every internal link and image of the site (exit 1 on a broken one).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkLinks } from './check-links.mjs';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../..');
const OUT = join(ROOT, 'docs-site/dist');
const GEN = join(HERE, 'generated');
const PACKAGES = readdirSync(join(ROOT, 'packages'))
  .filter((d) => existsSync(join(ROOT, 'packages', d, 'package.json')))
  .sort();

/** Sections of a markdown file whose heading matches `pattern`: [{ heading, level, body }]. */
function sections(markdown, pattern) {
  const lines = markdown.split('\n');
  const out = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```/.test(lines[i])) inFence = !inFence;
    const m = !inFence && /^(#{2,6})\s+(.*)$/.exec(lines[i]);
    if (!m || !pattern.test(m[2])) continue;
    const level = m[1].length;
    let j = i + 1;
    let fence = false;
    for (; j < lines.length; j++) {
      if (/^```/.test(lines[j])) fence = !fence;
      const n = !fence && /^(#{1,6})\s/.exec(lines[j]);
      if (n && n[1].length <= level) break;
    }
    out.push({
      heading: m[2],
      level,
      body: lines
        .slice(i + 1, j)
        .join('\n')
        .trim(),
    });
  }
  return out;
}

/** Relative links of a README lose their target (kept as text); images are re-pointed from `from` to GEN. */
function relink(markdown, from) {
  return markdown
    .replace(
      /!\[([^\]]*)\]\((?!https?:)([^)]+)\)/g,
      (_, alt, target) => `![${alt}](${relative(GEN, resolve(from, target))})`,
    )
    .replace(/(?<!!)\[([^\]]+)\]\((?!https?:|#)[^)]+\)/g, '$1');
}

function generate() {
  rmSync(GEN, { recursive: true, force: true });
  mkdirSync(GEN, { recursive: true });
  // Hand-written guides (guides/*.md, no front matter: Biome's markdown formatter would mangle it) get their title
  // from their first heading; they and the generated pages share one folder so they link to each other by name.
  // (guides/index.md is the site's front page, typedoc's `readme`, and stays where it is.)
  for (const f of readdirSync(join(HERE, 'guides')).filter((n) => n.endsWith('.md') && n !== 'index.md')) {
    const text = readFileSync(join(HERE, 'guides', f), 'utf8');
    const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? f;
    writeFileSync(join(GEN, f), `---\ntitle: ${JSON.stringify(title)}\n---\n\n${text}`);
  }
  const names = [];
  const differences = [];
  for (const p of PACKAGES) {
    const dir = join(ROOT, 'packages', p);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const s of sections(readme, /MemTorch\s*→\s*memsim/)) names.push(`## @memsim/${p}\n\n${relink(s.body, dir)}`);
    const diffs = sections(readme, /differs? from MemTorch/i);
    const notes = diffs.length > 0 ? diffs : sections(readme, /^Notes$/).filter((s) => /MemTorch/.test(s.body));
    for (const s of notes) differences.push(`## @memsim/${p}\n\n${relink(s.body, dir)}`);
    // One guide page per package: what it is, where its reference is, and its runnable examples.
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const examples = existsSync(join(dir, 'examples'))
      ? readdirSync(join(dir, 'examples'))
          .filter((f) => f.endsWith('.ts'))
          .sort()
      : [];
    writeFileSync(
      join(GEN, `guide-${p}.md`),
      `---\ntitle: "${p} guide"\ngroup: Guides\n---\n\n# Guide: @memsim/${p}\n\n${manifest.description}\n\n` +
        `The package page {@link ${manifest.name}!} has the full usage guide (its README: every function, options ` +
        `tables, notes, MemTorch names) and the API reference. The examples below are complete programs; the test ` +
        `command runs each of them (\`packages/${p}/examples/\`).\n\n` +
        examples
          .map((f) => `## ${f.replace(/\.ts$/, '')}\n\n{@includeCode ${relative(GEN, join(dir, 'examples', f))}}\n`)
          .join('\n'),
    );
  }
  writeFileSync(
    join(GEN, 'coming-from-memtorch.md'),
    `---\ntitle: Coming from MemTorch\n---\n\n# Coming from MemTorch\n\nmemsim re-creates MemTorch 1.1.6 (Python/PyTorch) in TypeScript. Names are camelCase, units SI, options one ` +
      `object per call; \`fromMemTorch()\` in \`@memsim/devices\` renames a MemTorch parameter dictionary. The tables ` +
      `below are gathered from the package READMEs when this site is built.\n\n# Every MemTorch name → memsim\n\n` +
      `${names.join('\n\n')}\n\n# MemTorch bugs memsim does not copy\n\nWhere MemTorch's code contradicts its papers or ` +
      `its own documentation, memsim implements the intended physics (each difference is pinned by a test; the section ` +
      `numbers refer to the MemTorch 1.1.6 reference notes).\n\n${differences.join('\n\n')}\n`,
  );
  const root = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const studies = sections(root, /What the main job shows/)[0];
  writeFileSync(
    join(GEN, 'studies.md'),
    `---\ntitle: The studies\n---\n\n# The studies\n\nThe experiments of the MemTorch papers, re-run with memsim by \`memsim run\` ` +
      `(\`pnpm start\`). This page is the root README's section, with its figures.\n\n${relink(studies.body, ROOT)}\n`,
  );
}

generate();
rmSync(OUT, { recursive: true, force: true });
const typedoc = spawnSync(
  process.execPath,
  [join(HERE, 'node_modules/typedoc/bin/typedoc'), '--options', join(HERE, 'typedoc.json')],
  {
    cwd: HERE,
    stdio: 'inherit',
  },
);
if (typedoc.status !== 0) {
  console.error('typedoc failed (warnings are errors: fix them, do not silence them)');
  process.exit(1);
}
// The playground, built by its own package (turbo builds it before this task).
const playground = join(ROOT, 'apps/playground/dist');
if (!existsSync(join(playground, 'index.html'))) {
  console.error('apps/playground/dist is missing: build @memsim/playground first');
  process.exit(1);
}
cpSync(playground, join(OUT, 'playground'), { recursive: true });
// Guides link to the playground through a marker URL; make it relative to each page.
for (const file of htmlFiles(OUT)) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('https://memsim.invalid/playground/')) continue;
  const prefix = relative(dirname(file), join(OUT, 'playground')) || '.';
  writeFileSync(file, text.replaceAll('https://memsim.invalid/playground/', `${prefix}/`));
}
const broken = checkLinks(OUT);
if (broken.length > 0) {
  console.error(`broken internal links (${broken.length}):\n${broken.map((b) => `  ${b}`).join('\n')}`);
  process.exit(1);
}
console.log(`docs built into ${relative(ROOT, OUT)}: no typedoc warning, every internal link resolves`);

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}
