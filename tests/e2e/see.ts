// What a person sees, as locators and waits shared by the e2e files.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The first match's visible text, once it is there. */
export const text = async (locator: Locator) => {
	await locator.first().waitFor();
	return locator.first().innerText();
};

/** Waits until the locator's text contains `part`: what a person sees once the page has reacted. */
export const shows = (locator: Locator, part: string) => expect.poll(() => text(locator)).toContain(part);

/** Whether an image element shows a decoded picture (not a broken or missing one). */
export const decoded = (img: Locator) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

export const cards = (page: Page) => page.getByTestId('asset-card');
export const card = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });
/** The library's Upload button (the header's; an empty library shows a second one). */
export const uploadButton = (page: Page) => page.getByRole('button', { name: 'Upload', exact: true }).first();
