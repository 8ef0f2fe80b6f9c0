// What a person does, as helpers shared by the e2e files.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

const SHOTS = process.env.LOUPE_SCREENSHOTS;

/** Screenshots for looking at the UI when LOUPE_SCREENSHOTS names a folder; the tests never depend on them. */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
	if (!SHOTS) return;
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: opts.fullPage ?? true });
}

/** Clicks or taps until the page answers: before hydration a press may do nothing, and a person would press again. */
export async function pressUntil(target: Locator, done: () => Promise<boolean>, how: 'click' | 'tap' = 'click') {
	for (let attempt = 0; attempt < 20; attempt++) {
		await (how === 'tap' ? target.tap() : target.click());
		if (await expect.poll(done, { timeout: 1500 }).toBe(true).then(() => true, () => false)) return;
	}
	throw new Error('The press was never answered.');
}
