import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** With `SCREENSHOTS=1` (`npm run screenshots`), saves the page as docs/console-<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: resolve(__dirname, '..', '..', '..', 'docs', `console-${name}.png`), fullPage: false });
}
