// Network lab in Chromium: with a fixed seed the accuracy the page shows equals the accuracy the same settings give in
// Node. The Node side runs the page's own "copy as code" program (the library in Node: @memsim/cli's shipped CNN and
// MNIST files, @memsim/layers' patchModel) — so this also proves the snippet is true.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, artifactPath, hasChromium, launchChromium, servePlayground, watchPage } from './helpers/browser';
import { setControl, waitForRuns } from './helpers/controls';

const run = hasChromium() ? describe : describe.skip;

/** Runs a TypeScript program in Node (tsx) from inside the app, so its imports resolve to the workspace packages. */
function runInNode(name: string, code: string): string {
  const file = artifactPath(`${name}.ts`);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: APP_DIR,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`${name} failed in Node:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

run('network lab in Chromium', () => {
  let server: Awaited<ReturnType<typeof servePlayground>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    server = await servePlayground();
    browser = await launchChromium();
    page = await browser.context.newPage();
    problems = watchPage(page).problems;
    await page.goto(`${server.url}?lab=network`);
    await waitForRuns(page, '[data-result=network]', 0, 120_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads clean on the wasm backend, shows accuracy with the digital baseline and a bar chart', async () => {
    expect(await page.locator('[data-warning=network]').textContent()).toBe(''); // no fallback to cpu
    const result = page.locator('[data-result=network]');
    const digital = Number(await result.getAttribute('data-digital'));
    const accuracy = Number(await result.getAttribute('data-accuracy'));
    expect(digital).toBeGreaterThan(0.95); // the shipped CNN on its first 1 000 test images
    expect(accuracy).toBeGreaterThan(0.9); // tutorial hardware, ideal devices
    expect(await page.locator('[data-chart=accuracy] svg .mark-rect.role-mark path').count()).toBe(2);
    expect(await page.locator('.phase').textContent()).toContain('wasm backend');
    await page.screenshot({ path: artifactPath('network-lab.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  // Three hardware settings, each compared with Node: the default page, a shared link (URL state), and that link
  // after a slider change (as a user would).
  const SETTINGS: { name: string; query?: string; controls: [string, number][] }[] = [
    { name: 'tutorial', controls: [] },
    {
      name: 'states-faults-adc6-tile64',
      query: 'lab=network&states=8&lrs=0.05&hrs=0.05&adcBits=6&tile=64',
      controls: [],
    },
    {
      name: 'plus-variability-seed3',
      controls: [
        ['sigma', 40],
        ['seed', 3],
      ],
    },
  ];
  it.each(SETTINGS)('accuracy for $name equals the same settings in Node', async ({ name, query, controls }) => {
    if (query !== undefined) {
      await page.goto(`${server.url}?${query}`);
      await waitForRuns(page, '[data-result=network]', 0, 120_000);
      expect(await page.locator('[data-control=states]').inputValue()).toBe('8');
    }
    let runs = Number(await page.locator('[data-result=network]').getAttribute('data-runs'));
    for (const [control, value] of controls) {
      await setControl(page, control, value);
      runs = await waitForRuns(page, '[data-result=network]', runs, 120_000);
    }
    const shown = Number(await page.locator('[data-result=network]').getAttribute('data-accuracy'));
    const code = (await page.locator('[data-code=network]').textContent()) ?? '';
    for (const [, value] of controls) if (value !== 0) expect(code).toMatch(new RegExp(`${value}`));
    const out = runInNode(`network-${name}`, code);
    const node = Number(/memristive accuracy: ([0-9.]+)/.exec(out)?.[1]);
    expect(node).toBe(shown);
    expect(problems).toEqual([]);
  });

  it('draw a digit: both networks predict it', async () => {
    const box = (await page.locator('[data-control=pad]').boundingBox())!;
    // A "1": one vertical stroke down the middle.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.07 * k));
    await page.mouse.up();
    const prediction = page.locator('[data-prediction=network]');
    await page.waitForFunction(() =>
      document.querySelector('[data-prediction=network]')?.hasAttribute('data-hardware'),
    );
    expect(await prediction.getAttribute('data-digital')).toBe('1');
    expect(await prediction.getAttribute('data-hardware')).toMatch(/^[0-9]$/);
    await page.screenshot({ path: artifactPath('network-lab-drawn.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
