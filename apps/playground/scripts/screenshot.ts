// Takes docs/img/playground.png (the README's screenshot): the device lab with a family of 8 VTEAM devices with 20 %
// variability, in Debian's Chromium. Run after a build: node --import tsx scripts/screenshot.ts
import { join } from 'node:path';
import { launchChromium, servePlayground } from '../test/helpers/browser';
import { setControl, waitForRuns } from '../test/helpers/controls';

const server = await servePlayground();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1240, height: 860 });
  await page.goto(`${server.url}?lab=device&devices=8&sigma=0.2&steps=4000`);
  await waitForRuns(page, '[data-status=device]', 0);
  // A second run (same settings), so the status line shows a warm re-plot rather than the first compile.
  await setControl(page, 'amplitude', 1);
  await waitForRuns(page, '[data-status=device]', 1);
  const file = join(import.meta.dirname, '../../../docs/img/playground.png');
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
