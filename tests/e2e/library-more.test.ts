// The library beyond images: a long PDF found by a word on its tenth page and read page by
// page, video and audio that play in the page, collections filled from the bulk bar, and a
// required custom field that an admin adds, that holds back an approval until it is set,
// and that the bulk bar sets on a whole selection.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, signIn, type Person } from './flows.ts';
import type { SampleFile } from './library-files.ts';
import sharp from 'sharp';
import { media, pdfPages } from '../helpers/files.ts';
import { text, shows, decoded, cards, card, uploadButton } from './see.ts';
import { chooseFiles, shot } from './act.ts';

const admin: Person = { name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol compiler 1959' };
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let desk: Page;
let library: string;
let report: SampleFile;
let clip: SampleFile;
let jingle: SampleFile;


async function openAsset(title: string, page = desk) {
	await page.goto(library);
	await card(page, title).getByRole('link').click();
	await page.waitForURL(new RegExp(`${library}/[0-9a-f-]{36}$`));
	await shows(page.getByRole('heading', { level: 1 }), title);
}

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	const pages = Array.from({ length: 12 }, (_, i) => (i === 9 ? 'Appendix: the Zanzibar figures' : `Quarterly report page ${i + 1}`));
	report = { name: 'Quarterly report.pdf', mimeType: 'application/pdf', buffer: pdfPages(pages) };
	clip = { name: 'Launch teaser.mp4', mimeType: 'video/mp4', buffer: await media('mp4') };
	jingle = { name: 'Brand jingle.mp3', mimeType: 'audio/mpeg', buffer: await media('mp3') };
	context = await desktopContext(browser, server.url);
	desk = await context.newPage();
});

afterAll(async () => {
	await context?.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('library: documents, media, collections and fields', () => {
	test('a word on page 10 of a PDF finds it, and the page strip opens that page', async () => {
		await desk.goto('/');
		await desk.waitForURL('**/setup');
		library = `${await completeSetup(desk, admin, 'Navy Labs')}/library`;
		await desk.goto(library);
		await chooseFiles(uploadButton(desk), [report, clip, jingle]);
		for (const f of [report, clip, jingle]) {
			await desk.getByTestId('upload-tray').getByRole('listitem', { name: f.name, exact: true }).getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });
		}
		await desk.getByRole('button', { name: 'Close uploads' }).click();

		await desk.getByRole('searchbox', { name: 'Search the library' }).fill('zanzibar');
		await desk.waitForURL(/q=zanzibar/);
		await expect.poll(() => cards(desk).count()).toBe(1);
		await card(desk, 'Quarterly report').getByRole('link').click();
		await desk.waitForURL(new RegExp(`${library}/[0-9a-f-]{36}`));

		await shows(desk.getByTestId('page-number'), 'Page 1 of 12');
		expect(await desk.getByTestId('page-strip').getByRole('button').count()).toBe(12);
		await desk.getByTestId('page-strip').getByRole('button', { name: 'Page 10', exact: true }).click();
		await shows(desk.getByTestId('page-number'), 'Page 10 of 12');
		const large = desk.getByTestId('preview-image');
		await expect.poll(() => large.getAttribute('src')).toMatch(/\/pages\/10$/);
		// Pages past the first few are rendered when first asked for.
		await expect.poll(() => decoded(large), { timeout: 20_000 }).toBe(true);

		// The arrow keys turn pages too.
		await desk.keyboard.press('ArrowRight');
		await shows(desk.getByTestId('page-number'), 'Page 11 of 12');
		await desk.keyboard.press('ArrowLeft');
		await desk.keyboard.press('ArrowLeft');
		await shows(desk.getByTestId('page-number'), 'Page 9 of 12');
		await shot(desk, 'asset-pdf-desktop');
	});

	test('a video plays in the page and an audio file shows its waveform', async () => {
		await openAsset('Launch teaser');
		const video = desk.getByTestId('video-preview').locator('video');
		await video.waitFor();
		await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
		expect(await video.getAttribute('poster')).toMatch(/renditions\/preview/);
		await shot(desk, 'asset-video-desktop');

		await openAsset('Brand jingle');
		const wave = desk.getByTestId('waveform');
		await wave.waitFor();
		expect(((await wave.locator('path').first().getAttribute('d')) ?? '').length).toBeGreaterThan(100);
		const audio = desk.getByTestId('audio-preview').locator('audio');
		await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).readyState)).toBeGreaterThanOrEqual(1);
		// A click half way along the waveform moves playback there.
		const box = (await wave.boundingBox())!;
		await desk.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).currentTime)).toBeGreaterThan(0.5);
		await shot(desk, 'asset-audio-desktop');
	});

	test('a new collection is filled from the bulk bar and filters the library', async () => {
		await desk.goto(library);
		await expect.poll(() => cards(desk).count()).toBe(3);
		const sidebar = desk.getByTestId('filter-sidebar');
		await sidebar.getByRole('button', { name: 'New collection' }).click();
		await desk.getByRole('dialog').getByLabel('Name').fill('Spring campaign');
		await desk.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
		const entry = sidebar.getByRole('treeitem', { name: /Spring campaign/ });
		await shows(entry, '0');

		await card(desk, 'Launch teaser').getByRole('checkbox').click();
		await card(desk, 'Brand jingle').getByRole('checkbox').click();
		const bar = desk.getByTestId('bulk-bar');
		await shows(bar, '2 selected');
		await bar.getByRole('button', { name: 'Move to collection' }).click();
		await desk.getByRole('menuitem', { name: 'Spring campaign' }).click();
		await shows(desk.getByRole('status').filter({ hasText: 'Moved' }), 'Moved 2 assets to Spring campaign.');
		await expect.poll(() => text(entry)).toMatch(/Spring campaign\s*2/);

		await entry.getByRole('link').click();
		await desk.waitForURL(/collection=/);
		await expect.poll(() => cards(desk).count()).toBe(2);
		expect(await card(desk, 'Quarterly report').count()).toBe(0);
		expect(await text(desk.getByTestId('active-filters'))).toContain('Spring campaign');
		await shot(desk, 'library-collections-desktop');
	});

	test('a required field added in Settings holds back approval until it is set on the asset', async () => {
		await desk.goto(library.replace(/\/library$/, '/settings'));
		await desk.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Fields' }).click();
		await desk.waitForURL(/settings\/fields$/);
		const add = desk.getByTestId('add-field');
		await add.getByLabel('Label').fill('Region');
		await add.getByLabel('Type').selectOption('select');
		await add.getByLabel('Options').fill('EMEA\nAPAC');
		await add.getByRole('checkbox', { name: /Required/ }).check();
		await add.getByRole('button', { name: 'Add field' }).click();
		await shows(desk.getByTestId('field-list'), 'Region');
		expect(await text(desk.getByTestId('field-list').getByRole('listitem', { name: 'Region' }))).toContain('Required');
		await shot(desk, 'settings-fields-desktop');

		await openAsset('Quarterly report');
		await desk.getByLabel('Status').selectOption('approved');
		await shows(desk.getByRole('alert').filter({ hasText: 'before approving' }), 'Fill in Region before approving.');
		expect(await desk.getByLabel('Status').inputValue()).toBe('draft');

		await desk.getByLabel(/^Region/).selectOption('EMEA');
		await desk.getByTestId('save-state').getByText('Saved').waitFor();
		await desk.getByLabel('Status').selectOption('approved');
		await desk.getByTestId('save-state').getByText('Saved').waitFor();
		await desk.reload();
		expect(await desk.getByLabel('Status').inputValue()).toBe('approved');
		expect(await desk.getByLabel(/^Region/).inputValue()).toBe('EMEA');

		// The library offers the field as a filter, under its label.
		await desk.goto(library);
		const facet = desk.getByTestId('filter-sidebar').getByRole('link', { name: /EMEA/ });
		expect(await text(facet)).toMatch(/EMEA\s*1/);
	});

	test('a field is set on a whole selection from the bulk bar', async () => {
		await desk.goto(library);
		await expect.poll(() => cards(desk).count()).toBe(3);
		await card(desk, 'Launch teaser').getByRole('checkbox').click();
		await card(desk, 'Brand jingle').getByRole('checkbox').click();
		const bar = desk.getByTestId('bulk-bar');
		await bar.getByRole('button', { name: 'Set field' }).click();
		const pop = desk.getByTestId('bulk-field');
		await pop.getByLabel('Field').selectOption({ label: 'Region' });
		await pop.getByLabel('Value').selectOption('APAC');
		await pop.getByRole('button', { name: 'Apply to selection' }).click();
		await shows(desk.getByRole('status').filter({ hasText: 'Set Region' }), 'Set Region on 2 assets.');

		await desk.reload();
		const facet = desk.getByTestId('filter-sidebar').getByRole('link', { name: /APAC/ });
		expect(await text(facet)).toMatch(/APAC\s*2/);
	});

	test('on a tablet the filters drawer lists collections, and previews work by touch', async () => {
		const tabletCtx = await tabletContext(browser, server.url);
		const tablet = await tabletCtx.newPage();
		try {
			await tablet.goto('/login');
			await signIn(tablet, admin, { tap: true });
			await tablet.waitForURL(/\/w\//);

			await openAsset('Quarterly report', tablet);
			await shows(tablet.getByTestId('page-number'), 'Page 1 of 12');
			await tablet.getByTestId('page-strip').getByRole('button', { name: 'Page 2', exact: true }).tap();
			await shows(tablet.getByTestId('page-number'), 'Page 2 of 12');
			await expect.poll(() => decoded(tablet.getByTestId('preview-image')), { timeout: 20_000 }).toBe(true);
			await shot(tablet, 'asset-pdf-tablet');
			await openAsset('Launch teaser', tablet);
			await tablet.getByTestId('video-preview').locator('video').waitFor();
			await shot(tablet, 'asset-video-tablet');
			await openAsset('Brand jingle', tablet);
			await tablet.getByTestId('waveform').waitFor();
			await shot(tablet, 'asset-audio-tablet');
			await tablet.goto(library.replace(/\/library$/, '/settings/fields'));
			await shows(tablet.getByTestId('field-list'), 'Region');
			await shot(tablet, 'settings-fields-tablet');

			await tablet.goto(library);
			await expect.poll(() => cards(tablet).count()).toBe(3);
			let drawer = tablet.getByRole('dialog', { name: 'Filters' });
			for (let i = 0; i < 20 && !(await drawer.isVisible()); i++) {
				await tablet.getByRole('button', { name: /^Filters/ }).tap();
				await drawer.waitFor({ timeout: 500 }).catch(() => {});
			}
			const entry = drawer.getByRole('treeitem', { name: /Spring campaign/ });
			await expect.poll(() => text(entry)).toMatch(/Spring campaign\s*2/);
			await shot(tablet, 'library-collections-tablet');
			await entry.getByRole('link').tap();
			await tablet.waitForURL(/collection=/);
			await expect.poll(() => cards(tablet).count()).toBe(2);
		} finally {
			await tabletCtx.close();
		}
	});
	test('downloads are named by the template an admin sets in Settings', async () => {
		await desk.goto(library.replace(/\/library$/, '/settings'));
		await desk.getByLabel('Template').fill('{title}_v{version}');
		await desk.getByLabel('Template').press('Enter');
		await shows(desk.getByRole('status').filter({ hasText: 'Saved' }), 'Saved');
		await openAsset('Quarterly report');
		const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: 'Download original of v1' }).click()]);
		expect(download.suggestedFilename()).toBe('Quarterly report_v1.pdf');
	});

	test('a file that failed to process says why and can be tried again', async () => {
		await desk.goto(library);
		const whole = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#884422' } }).jpeg().toBuffer();
		await chooseFiles(uploadButton(desk), [{ name: 'Cut short.jpg', mimeType: 'image/jpeg', buffer: whole.subarray(0, whole.length / 2) }]);
		await shows(desk.getByTestId('upload-tray').getByRole('listitem', { name: 'Cut short.jpg', exact: true }), 'processing failed');
		await openAsset('Cut short');
		await shows(desk.getByRole('status').filter({ hasText: 'Processing failed' }), 'truncated or corrupt');
		const retries: string[] = [];
		desk.on('request', (r) => r.url().endsWith('/retry') && retries.push(r.method()));
		await desk.getByRole('button', { name: 'Try again' }).click();
		await expect.poll(() => retries).toEqual(['POST']);
		// The bytes are still cut short, so it fails again, with its reason.
		await shows(desk.getByRole('status').filter({ hasText: 'Processing failed' }), 'truncated or corrupt');
	});
});
