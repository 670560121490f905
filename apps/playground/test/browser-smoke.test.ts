// Issue 19: a smoke example of every library package (test/smoke/smokes.ts) bundled by esbuild for the browser and
// run in Debian's Chromium (playwright-core, no downloaded browser), with results equal to the same code in Node —
// including saving and reloading a population and a programmed chip, an ONNX import and a PNG render. The page is
// served from a routed origin (no server): the bundle, and the fixture/wasm/font files the smokes read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, hasChromium, launchChromium, watchPage } from './helpers/browser';
import { type SmokeAssets, SMOKES } from './smoke/smokes';

const ORIGIN = 'http://memsim-smoke.test';
const require = createRequire(join(APP_DIR, 'package.json'));
const packageDir = (pkg: string, from = require) => dirname(from.resolve(`${pkg}/package.json`));
const plotRequire = createRequire(join(packageDir('@memsim/plot'), 'package.json'));
const FILES: Record<string, string> = {
  '/assets/lenet5.onnx': join(packageDir('@memsim/onnx'), 'test/fixtures/lenet5/model.onnx'),
  '/assets/resvg.wasm': plotRequire.resolve('@resvg/resvg-wasm/index_bg.wasm'),
  '/assets/DejaVuSans.ttf': plotRequire.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  '/assets/DejaVuSans-Bold.ttf': plotRequire.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const read = (path: string) => new Uint8Array(readFileSync(FILES[path]!));
const nodeAssets: SmokeAssets = {
  lenetOnnx: read('/assets/lenet5.onnx'),
  resvgWasm: read('/assets/resvg.wasm'),
  fonts: [read('/assets/DejaVuSans.ttf'), read('/assets/DejaVuSans-Bold.ttf')],
};

/** Every library package (packages/*) has a smoke, except the command-line tool, which is Node-only by design. */
const NODE_ONLY = ['@memsim/cli'];

/**
 * Equal, except that numbers may differ by a few ulps (relative 1e-12): Node 20's V8 and Chromium's newer V8 may
 * round a transcendental function (Math.exp, Math.log) one ulp apart, e.g. 0.0033267856892619328 vs …323. Strings,
 * booleans, integers that are array lengths and fingerprints (PNG bytes, saved chip) must match exactly.
 */
function expectSame(page: unknown, node: unknown, path: string): void {
  if (typeof node === 'number' && typeof page === 'number') {
    const tolerance = 1e-12 * Math.max(Math.abs(node), Math.abs(page));
    expect(Math.abs(page - node) <= tolerance, `${path}: page ${page} vs node ${node}`).toBe(true);
  } else if (Array.isArray(node) && Array.isArray(page)) {
    expect(page.length, `${path}.length`).toBe(node.length);
    for (let i = 0; i < node.length; i++) expectSame(page[i], node[i], `${path}[${i}]`);
  } else if (typeof node === 'object' && node !== null && typeof page === 'object' && page !== null) {
    expect(Object.keys(page).sort(), `${path} keys`).toEqual(Object.keys(node).sort());
    for (const k of Object.keys(node)) expectSame((page as never)[k], (node as never)[k], `${path}.${k}`);
  } else expect(page, path).toEqual(node);
}

describe('smoke examples', () => {
  it('cover every library package except the Node-only CLI', () => {
    const packagesDir = join(APP_DIR, '../../packages');
    const all = ['cli', 'core', 'crossbar', 'devices', 'layers', 'mapping', 'nonideality', 'onnx', 'plot', 'quantize'];
    const present = all.filter((p) => {
      try {
        readFileSync(join(packagesDir, p, 'package.json'));
        return true;
      } catch {
        return false;
      }
    });
    expect(Object.keys(SMOKES).sort()).toEqual(
      present.map((p) => `@memsim/${p}`).filter((n) => !NODE_ONLY.includes(n)),
    );
  });
});

describe.skipIf(!hasChromium())('smoke examples in Chromium equal Node', () => {
  let close: () => Promise<void> = async () => {};
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(APP_DIR, 'test/smoke/browser-entry.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
      // A Node built-in or `Buffer`/`process` global left in the bundle fails the build / the page.
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const chromium = await launchChromium();
    close = chromium.close;
    page = await chromium.context.newPage();
    problems = watchPage(page).problems;
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/')
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><html><head><script src="/smoke.js"></script></head><body></body></html>',
        });
      if (path === '/smoke.js')
        return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0]!.text });
      if (FILES[path] !== undefined) return route.fulfill({ body: Buffer.from(read(path)) });
      return route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => typeof (globalThis as { runSmoke?: unknown }).runSmoke === 'function');
  }, 180_000);
  afterAll(() => close());

  it.each(Object.keys(SMOKES))('%s', async (name) => {
    const inPage = JSON.parse(
      await page.evaluate((n) => (globalThis as unknown as { runSmoke(n: string): Promise<string> }).runSmoke(n), name),
    );
    const inNode = JSON.parse(JSON.stringify(await SMOKES[name]!(nodeAssets)));
    expectSame(inPage, inNode, name);
    // Save/load round trips and the render must have worked, not just agreed.
    if (typeof inNode === 'object' && inNode !== null && 'reloadedEqual' in inNode)
      expect(inNode.reloadedEqual).toBe(true);
    expect(problems).toEqual([]);
  });
});
