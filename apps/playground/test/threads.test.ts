// Issue 14: the threaded crossbar read-out in a browser. In a cross-origin-isolated page (COOP/COEP headers, as the
// playground's vite dev/preview send) `startThreads(2)` starts a Web Worker on shared WebAssembly memory and the
// tiled + ADC and ideal read-outs on 2 threads equal 1 thread bit for bit; without isolation it reports 1 thread and
// the numbers are the same. The page is Debian's Chromium through playwright-core, served from a routed origin.
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, hasChromium, launchChromium, servePlayground, watchPage } from './helpers/browser';

// localhost: a secure context without TLS (cross-origin isolation needs one); routed, so no server listens.
const ORIGIN = 'http://localhost:47913';
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

interface PageResult {
  crossOriginIsolated: boolean;
  usable: number;
  tiled1: number[];
  tiledN: number[];
  ideal1: number[];
  idealN: number[];
  passive1: number[];
  passiveN: number[];
  ms1: number;
  msN: number;
}

/** Same bits: Object.is per entry (JSON keeps float32 values exactly; NaN/±0 never occur in these outputs). */
function expectBitIdentical(a: number[], b: number[], what: string): void {
  expect(a.length, what).toBe(b.length);
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ++;
  expect(differ, `${what}: entries that differ`).toBe(0);
}

describe.skipIf(!hasChromium())('threaded read-out in Chromium', () => {
  let context: BrowserContext;
  let close: () => Promise<void> = async () => {};
  let script = '';

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(APP_DIR, 'test/threads/threads-entry.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    script = bundle.outputFiles[0]!.text;
    const chromium = await launchChromium();
    context = chromium.context;
    close = chromium.close;
  }, 180_000);
  afterAll(() => close());

  async function run(isolated: boolean): Promise<{ result: PageResult; problems: string[] }> {
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const headers = isolated ? ISOLATION : {};
      if (path === '/')
        return route.fulfill({
          headers,
          contentType: 'text/html',
          body: '<!doctype html><html><head><script src="/threads.js"></script></head><body></body></html>',
        });
      if (path === '/threads.js') return route.fulfill({ headers, contentType: 'text/javascript', body: script });
      return route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(`${ORIGIN}/`);
    const json = await page.evaluate(() =>
      (globalThis as unknown as { runThreads(n: number): Promise<string> }).runThreads(2),
    );
    await page.close();
    return { result: JSON.parse(json) as PageResult, problems };
  }

  it('cross-origin isolated: 2 threads start and give the same bits as 1 (tiled + ADC, ideal, passive)', async () => {
    const { result, problems } = await run(true);
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.usable).toBe(2);
    expectBitIdentical(result.tiledN, result.tiled1, 'tiled + ADC, 2 vs 1 thread');
    expectBitIdentical(result.idealN, result.ideal1, 'ideal, 2 vs 1 thread');
    expectBitIdentical(result.passiveN, result.passive1, 'passive + ADC, 2 vs 1 thread');
    // A figure, not an assertion (the machine may be shared): printed for docs/benchmarks.md.
    console.log(
      `browser tiled+ADC 256×512×256: 1 thread ${result.ms1.toFixed(2)} ms, 2 threads ${result.msN.toFixed(2)} ms, speed-up ${(result.ms1 / result.msN).toFixed(2)}×`,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('not isolated (no SharedArrayBuffer): falls back to 1 thread with the same numbers', async () => {
    const isolated = await run(true);
    const plain = await run(false);
    expect(plain.result.crossOriginIsolated).toBe(false);
    expect(plain.result.usable).toBe(1);
    expectBitIdentical(plain.result.tiledN, isolated.result.tiled1, 'fallback vs isolated 1 thread');
    expectBitIdentical(plain.result.idealN, isolated.result.ideal1, 'fallback ideal vs isolated 1 thread');
    expectBitIdentical(plain.result.passiveN, isolated.result.passive1, 'fallback passive vs isolated 1 thread');
    expect(plain.problems).toEqual([]);
  }, 120_000);
});

describe('the playground server isolates its pages', () => {
  it('vite dev and preview send COOP same-origin and COEP require-corp', async () => {
    const config = (await import('../vite.config')).default as {
      server?: { headers?: Record<string, string> };
      preview?: { headers?: Record<string, string> };
    };
    for (const headers of [config.server?.headers, config.preview?.headers]) expect(headers).toEqual(ISOLATION);
  });

  it.skipIf(!hasChromium())(
    'the built app under vite preview is cross-origin isolated (SharedArrayBuffer)',
    async () => {
      const server = await servePlayground();
      const chromium = await launchChromium();
      try {
        const page = await chromium.context.newPage();
        const { problems } = watchPage(page);
        await page.goto(server.url);
        expect(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(
          true,
        );
        expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
        expect(problems).toEqual([]);
      } finally {
        await chromium.close();
        await server.close();
      }
    },
    120_000,
  );
});
