// What a person does, as helpers shared by the e2e files.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { SampleFile } from './library-files.ts';

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

/**
 * Chooses files as a person does: presses the button until the browser's file chooser opens,
 * then picks them. Setting a file input directly right after a page load races hydration:
 * files chosen before the page is interactive reach no handler and nothing uploads.
 */
export async function chooseFiles(button: Locator, files: SampleFile[], how: 'click' | 'tap' = 'click') {
	const page = button.page();
	for (let attempt = 0; attempt < 20; attempt++) {
		const chooser = page.waitForEvent('filechooser', { timeout: 1500 }).catch(() => null);
		await (how === 'tap' ? button.tap() : button.click());
		const opened = await chooser;
		if (opened) return opened.setFiles(files);
	}
	throw new Error('The file chooser never opened.');
}
