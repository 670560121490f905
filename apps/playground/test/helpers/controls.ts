import type { Page } from 'playwright-core';

/** Sets a lab control (input or select, by its `data-control` name) and fires `change`, as a user's edit does. */
export async function setControl(page: Page, name: string, value: string | number): Promise<void> {
  const control = page.locator(`[data-pane]:not([hidden]) [data-control="${name}"]`);
  await control.evaluate((el, v) => {
    (el as HTMLInputElement | HTMLSelectElement).value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(value));
}

/** Waits until the element's `data-runs` counter exceeds `after`; returns the new count. */
export async function waitForRuns(page: Page, selector: string, after: number, timeout = 60_000): Promise<number> {
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel as string)?.getAttribute('data-runs') ?? 0) > (n as number),
    [selector, after] as const,
    { timeout },
  );
  return Number(await page.locator(selector).getAttribute('data-runs'));
}
