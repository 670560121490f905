// The built documentation site (docs-site/dist, made by this package's `build`: typedoc with warnings as errors, so a
// build with any warning fails before these tests run): every package has its API page and guide, the generated pages
// hold what they gather, no internal link is broken, and the guides' browser example runs in Chromium.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkLinks } from '../check-links.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const SITE = join(ROOT, 'docs-site/dist');
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((d) =>
  existsSync(join(ROOT, 'packages', d, 'package.json')),
);
const page = (path: string) => readFileSync(join(SITE, path), 'utf8');

describe('docs-site/dist', () => {
  it('was built (pnpm docs / the build task)', () => {
    expect(existsSync(join(SITE, 'index.html'))).toBe(true);
  });

  it.each(PACKAGES)('@memsim/%s has its API reference page and a guide with its examples', (p) => {
    expect(existsSync(join(SITE, `modules/_memsim_${p}.html`))).toBe(true);
    const guide = page(`documents/${p}_guide.html`);
    const examples = readdirSync(join(ROOT, 'packages', p, 'examples')).filter((f) => f.endsWith('.ts'));
    expect(examples.length).toBeGreaterThan(0);
    // The example's own first comment line is in the page (included from the file, so it cannot drift).
    for (const f of examples) {
      const first = readFileSync(join(ROOT, 'packages', p, 'examples', f), 'utf8')
        .split('\n')[0]!
        .replace(/^\/\/\s*/, '');
      expect(guide).toContain(
        first
          .slice(0, 40)
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll("'", '&#39;')
          .replaceAll('"', '&quot;'),
      );
    }
  });

  it('"Coming from MemTorch" gathers every README name table and the differences', () => {
    const html = page('documents/Coming_from_MemTorch.html');
    for (const p of PACKAGES) {
      const readme = readFileSync(join(ROOT, 'packages', p, 'README.md'), 'utf8');
      if (/^#{2,6}\s+MemTorch\s*→\s*memsim/m.test(readme)) expect(html).toContain(`@memsim/${p}`);
    }
    expect(html).toContain('MemTorch bugs memsim does not copy');
    expect(html).toMatch(/r_on/); // a MemTorch name from a table
    expect(html).toMatch(/Joglekar/); // a difference from the devices notes
  });

  it('the studies page shows the figures from docs/img', () => {
    const html = page('documents/The_studies.html');
    const images = [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const src of images) expect(existsSync(resolve(SITE, 'documents', src))).toBe(true);
  });

  it('embeds the built playground', () => {
    const html = page('documents/Playground.html');
    expect(html).toMatch(/<iframe src="\.\.\/playground\/index\.html\?lab=device"/);
    expect(existsSync(join(SITE, 'playground/index.html'))).toBe(true);
  });

  it('has no broken internal link or image', () => {
    expect(checkLinks(SITE)).toEqual([]);
  });
});

describe.skipIf(!existsSync('/usr/bin/chromium'))("the guide's browser example", () => {
  it('bundles for the browser and runs in Chromium with the result Node gives', async () => {
    const bundle = await build({
      entryPoints: [resolve(import.meta.dirname, '../browser-examples/quickstart.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
    });
    const profile = mkdtempSync(join(tmpdir(), 'memsim-docs-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.setContent('<!doctype html><html><body></body></html>');
      await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const text = await tab.locator('#result').textContent();
      expect(errors).toEqual([]);
      // The same computation in Node (the library, not the bundle).
      const { hysteresisLoop, Memristor, VTEAM, createPopulation, normal } = await import('@memsim/devices');
      const peak = hysteresisLoop(new Memristor(VTEAM)).current.reduce((m, i) => Math.max(m, Math.abs(i)), 0);
      const pop = createPopulation(VTEAM, 1000, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
      VTEAM.step(pop, -0.5, 1e-10);
      const g = new Float64Array(pop.size);
      VTEAM.conductance(pop, g);
      expect(text).toBe(
        `peak current ${peak.toExponential(3)} A; mean conductance after one pulse ${(g.reduce((a, b) => a + b, 0) / g.length).toExponential(3)} S`,
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
