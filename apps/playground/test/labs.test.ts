// The playground in Debian's Chromium (playwright-core): every lab loads without console errors or failed requests,
// a control change updates the rendered SVG, the URL carries the state, and screenshots land in test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, hasChromium, launchChromium, servePlayground, watchPage } from './helpers/browser';
import { setControl, waitForRuns } from './helpers/controls';

const run = hasChromium() ? describe : describe.skip;

run('playground in Chromium', () => {
  let server: Awaited<ReturnType<typeof servePlayground>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    server = await servePlayground();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.context.newPage();
    const { problems } = watchPage(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}?${query}`);
    return { page, problems, requests };
  }

  it('device lab: loads clean, plots loops, a control change re-plots, URL state round-trips', async () => {
    const { page, problems, requests } = await open('lab=device');
    await waitForRuns(page, '[data-status=device]', 0);
    const lines = () => page.locator('[data-chart=iv] svg .mark-line path').count();
    expect(await lines()).toBe(1);
    const firstPath = await page.locator('[data-chart=iv] svg .mark-line path').first().getAttribute('d');
    expect(firstPath?.length).toBeGreaterThan(100);
    // A family of 8 devices with 20 % variability: 8 loops.
    await setControl(page, 'devices', 8);
    await waitForRuns(page, '[data-status=device]', 1);
    await setControl(page, 'sigma', 0.2);
    await waitForRuns(page, '[data-status=device]', 2);
    expect(await lines()).toBe(8);
    const paths = await page
      .locator('[data-chart=iv] svg .mark-line path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
    expect(new Set(paths).size).toBe(8); // the devices differ
    await page.screenshot({ path: artifactPath('device-lab.png'), fullPage: true });
    // The URL holds the state; opening it restores controls and plot.
    const url = page.url();
    expect(url).toContain('devices=8');
    expect(url).toContain('sigma=0.2');
    const again = await open(url.slice(url.indexOf('?') + 1));
    await waitForRuns(again.page, '[data-status=device]', 0);
    expect(await again.page.locator('[data-chart=iv] svg .mark-line path').count()).toBe(8);
    expect(await again.page.locator('[data-control=devices]').inputValue()).toBe('8');
    // Another model re-plots with its own title and parameters.
    await setControl(again.page, 'model', 'LinearIonDrift');
    await waitForRuns(again.page, '[data-status=device]', 1);
    expect(await again.page.locator('[data-chart=iv] svg').textContent()).toContain('LinearIonDrift');
    expect(await again.page.locator('[data-control="p.uV"]').count()).toBe(1);
    // Copy as code: the snippet names the model and the population.
    expect(await again.page.locator('[data-code=device]').textContent()).toContain(
      'createPopulation(LinearIonDrift, 8',
    );
    // The device lab loads no model weights, wasm or images (they are the network lab's, loaded lazily).
    expect(requests.filter((u) => /\.(wasm|bin)(\?|$)/.test(u))).toEqual([]);
    expect([...problems, ...again.problems]).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('crossbar lab: heatmap per non-ideality, IR-drop map, output error; a control adds a panel', async () => {
    const { page, problems } = await open('lab=crossbar');
    await waitForRuns(page, '[data-status=crossbar]', 0);
    const panels = () => page.locator('[data-chart=heatmaps] svg .mark-rect.role-mark').count();
    expect(await panels()).toBe(1); // mapped, ideal devices
    expect(await page.locator('[data-chart=heatmaps] svg .mark-rect.role-mark path').count()).toBe(32 * 32);
    expect(await page.locator('[data-chart=irdrop] svg .mark-rect.role-mark path').count()).toBe(32 * 32);
    const error0 = Number(await page.locator('[data-status=crossbar]').getAttribute('data-relative-error'));
    await setControl(page, 'states', 4);
    await waitForRuns(page, '[data-status=crossbar]', 1);
    await setControl(page, 'lrs', 0.1);
    await waitForRuns(page, '[data-status=crossbar]', 2);
    expect(await panels()).toBe(3); // + 4 states, + stuck devices
    const error1 = Number(await page.locator('[data-status=crossbar]').getAttribute('data-relative-error'));
    expect(error1).toBeGreaterThan(error0);
    expect(page.url()).toContain('states=4');
    // A layer of the shipped CNN (fetched lazily by the worker): 72 × 16 after flattening the 3×3×8 kernel.
    await setControl(page, 'source', 'conv2d_Conv2D2');
    await waitForRuns(page, '[data-status=crossbar]', 3);
    expect(await page.locator('[data-status=crossbar]').textContent()).toContain('72×16');
    await page.screenshot({ path: artifactPath('crossbar-lab.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
