// Playground performance in headless Debian Chromium (the built app on a local `vite preview` server):
// - time to interactive: navigation start → first device-lab plot in the page;
// - device lab: 10 000 VTEAM steps + re-plot (median of several control changes);
// - network lab: one accuracy evaluation of the CNN on 1 000 images, 128×128 tiles + 8-bit ADC.
// Needs `pnpm --filter @memsim/playground build` first and /usr/bin/chromium. Timings are noisy on a shared machine.
import { reportFigure } from '@memsim/core/testing';
import { launchChromium, servePlayground } from '../test/helpers/browser';
import { setControl, waitForRuns } from '../test/helpers/controls';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const server = await servePlayground();
const browser = await launchChromium();
try {
  // Time to interactive: a fresh page (cold cache) per sample.
  const tti: number[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}?lab=device`);
    await waitForRuns(page, '[data-status=device]', 0);
    tti.push(Number(await page.locator('[data-status=device]').getAttribute('data-first-plot-at')));
    await page.close();
  }
  reportFigure({ name: 'playground::time-to-interactive', value: median(tti), unit: 'ms', target: '< 2000' });

  const page = await browser.context.newPage();
  await page.goto(`${server.url}?lab=device&model=VTEAM&steps=10000`);
  let runs = await waitForRuns(page, '[data-status=device]', 0);
  const total: number[] = [];
  const simulate: number[] = [];
  for (let i = 0; i < 9; i++) {
    await setControl(page, 'amplitude', 1 + 0.01 * (i + 1));
    runs = await waitForRuns(page, '[data-status=device]', runs);
    const status = page.locator('[data-status=device]');
    total.push(Number(await status.getAttribute('data-total-ms')));
    simulate.push(Number(await status.getAttribute('data-simulate-ms')));
  }
  reportFigure({ name: 'playground::device-lab-10k-vteam-steps-simulate', value: median(simulate), unit: 'ms' });
  reportFigure({
    name: 'playground::device-lab-10k-vteam-steps-plus-replot',
    value: median(total),
    unit: 'ms',
    target: '< 100',
  });

  await page.goto(`${server.url}?lab=network`);
  runs = await waitForRuns(page, '[data-result=network]', 0, 180_000);
  const inference: number[] = [];
  const patch: number[] = [];
  for (let i = 0; i < 3; i++) {
    await setControl(page, 'seed', 2 + i);
    runs = await waitForRuns(page, '[data-result=network]', runs, 180_000);
    const result = page.locator('[data-result=network]');
    inference.push(Number(await result.getAttribute('data-inference-ms')));
    patch.push(Number(await result.getAttribute('data-patch-ms')));
  }
  reportFigure({
    name: 'playground::network-lab-accuracy-1000-images-tiled-adc8',
    value: median(inference) / 1000,
    unit: 's',
    target: '< 3',
  });
  reportFigure({ name: 'playground::network-lab-patch-and-tune', value: median(patch) / 1000, unit: 's' });
} finally {
  await browser.close();
  await server.close();
}
