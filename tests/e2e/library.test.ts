// The asset library as people use it: an empty library that says how to begin, files dropped
// on the page and chosen in the picker with a progress row each, thumbnails, a duplicate,
// tags from the bulk bar found by facet and by search, a new version on the asset page with
// the old one still downloadable, the trash, and the same library on a tablet by touch.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, signIn, type Person } from './flows.ts';
import { dropFiles, photo, type SampleFile } from './library-files.ts';
import { orientedJpeg, solid, tinyPdf } from '../helpers/files.ts';
import { text, shows, decoded, cards, card, uploadButton } from './see.ts';
import { chooseFiles } from './act.ts';

const admin: Person = { name: 'Margaret Hamilton', email: 'margaret@example.com', password: 'apollo guidance 1969' };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let desk: Page;
let library: string;
let harbour: SampleFile;
let poster: SampleFile;
let brief: SampleFile;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}

const row = (page: Page, fileName: string) => page.getByTestId('upload-tray').getByRole('listitem', { name: fileName, exact: true });

beforeAll(async () => {
	// Ingest runs on the job queue, as in production: cards and versions start "processing"
	// and the page polls until the renditions are there.
	[server, browser] = await Promise.all([startServer({ env: { LOUPE_JOBS: '1' } }), launchBrowser()]);
	harbour = { name: 'Harbour at dawn.jpg', mimeType: 'image/jpeg', buffer: await orientedJpeg() };
	poster = { name: 'Summer poster.png', mimeType: 'image/png', buffer: await photo(900, 1200, '#f6d365', '#fda085', 'png') };
	brief = { name: 'Creative brief.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Creative brief') };
});

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('library', () => {
	test('an empty library says how to add files', async () => {
		desk = await open(desktopContext);
		await desk.goto('/');
		await desk.waitForURL('**/setup');
		const ws = await completeSetup(desk, admin, 'Apollo Creative');
		library = `${ws}/library`;
		await desk.getByRole('link', { name: 'Library' }).click();
		await desk.waitForURL(`**${library}`);
		expect(await text(desk.getByRole('heading', { level: 1 }))).toBe('Library');
		expect(await text(desk.getByRole('heading', { name: 'The library is empty' }))).toBeTruthy();
		expect(await text(desk.getByText(/Drag files here or choose Upload/))).toBeTruthy();
		expect(await desk.getByRole('button', { name: 'Upload' }).count()).toBeGreaterThan(0);
	});

	test('three files dragged onto the page each get a progress row, then cards with thumbnails', async () => {
		await dropFiles(desk, [harbour, poster, brief]);

		for (const f of [harbour, poster, brief]) {
			await row(desk, f.name).getByText('Done', { exact: true }).waitFor();
		}
		await shows(desk.getByTestId('upload-tray').getByRole('heading'), '3 uploads complete');

		await expect.poll(() => cards(desk).count()).toBe(3);
		for (const title of ['Harbour at dawn', 'Summer poster']) {
			const thumb = card(desk, title).getByTestId('asset-thumb');
			await thumb.waitFor();
			await expect.poll(() => decoded(thumb)).toBe(true);
		}
		expect(await text(card(desk, 'Creative brief'))).toContain('PDF');

		// The cards are what the server has, not only what this page remembers.
		await desk.reload();
		await expect.poll(() => cards(desk).count()).toBe(3);
		expect(await text(desk.getByTestId('asset-grid'))).toMatch(/Harbour at dawn[\s\S]*Draft/);
	});

	test('the same bytes again offer the existing asset, or a second copy on request', async () => {
		await desk.getByLabel('Choose files to upload').setInputFiles([harbour]);
		const dup = row(desk, harbour.name).filter({ hasText: 'already in the library' });
		await dup.waitFor();
		const existing = dup.getByRole('link', { name: 'Open existing' });
		const href = await existing.getAttribute('href');
		expect(href).toMatch(new RegExp(`^${library}/[0-9a-f-]{36}$`));

		await dup.getByRole('button', { name: 'Upload anyway' }).click();
		await row(desk, harbour.name).getByText('Done', { exact: true }).waitFor();
		await shows(desk.getByTestId('upload-tray').getByRole('heading'), '1 upload complete');
		await expect.poll(() => cards(desk).count()).toBe(4);
		await desk.getByRole('button', { name: 'Close uploads' }).click();
		await desk.getByTestId('upload-tray').waitFor({ state: 'hidden' });
	});

	test('a tag added to a selection in the bulk bar finds those assets by facet and by search', async () => {
		await desk.reload();
		const boxes = desk.getByRole('checkbox', { name: /^Select / });
		const bar = desk.getByTestId('bulk-bar');
		// A shift-click selects the range between two clicks; Escape lets go.
		await boxes.first().click();
		await boxes.last().click({ modifiers: ['Shift'] });
		await shows(bar, '4 selected');
		await desk.keyboard.press('Escape');
		await bar.waitFor({ state: 'hidden' });

		await card(desk, 'Summer poster').getByRole('checkbox').click();
		await shows(bar, '1 selected');
		await bar.getByRole('button', { name: 'Select all loaded' }).click();
		await shows(bar, '4 selected');
		await card(desk, 'Creative brief').getByRole('checkbox').click();
		await shows(bar, '3 selected');

		await bar.getByRole('button', { name: 'Add tag' }).click();
		await desk.getByLabel('Tag to add').fill('Campaign');
		await desk.getByRole('button', { name: 'Add', exact: true }).click();
		await shows(desk.getByRole('status').filter({ hasText: 'Tagged' }), 'Tagged 3 assets #campaign.');

		await desk.reload();
		const facet = desk.getByTestId('facets').getByRole('link', { name: /#campaign/ });
		expect(await text(facet)).toMatch(/#campaign\s*3/);
		await facet.click();
		await desk.waitForURL(/tag=campaign/);
		await expect.poll(() => cards(desk).count()).toBe(3);
		expect(await card(desk, 'Creative brief').count()).toBe(0);
		expect(await text(desk.getByTestId('active-filters'))).toContain('#campaign');

		await desk.getByRole('link', { name: 'Clear all' }).click();
		await expect.poll(() => cards(desk).count()).toBe(4);

		// The list view shows file names and tags, and is remembered in the address.
		await desk.getByRole('button', { name: 'List view' }).click();
		await desk.waitForURL(/view=list/);
		await desk.reload();
		await shows(desk.getByTestId('asset-list'), poster.name);
		expect(await desk.getByTestId('asset-list').getByRole('link', { name: 'Show assets tagged campaign' }).count()).toBe(3);
		await desk.getByRole('button', { name: 'Grid view' }).click();
		await desk.getByTestId('asset-grid').waitFor();
		await desk.getByRole('searchbox', { name: 'Search the library' }).fill('poster');
		await desk.waitForURL(/q=poster/);
		await expect.poll(() => cards(desk).count()).toBe(1);
		expect(await text(cards(desk))).toContain('Summer poster');
		await desk.getByRole('searchbox', { name: 'Search the library' }).fill('');
		await expect.poll(() => cards(desk).count()).toBe(4);
	});

	test('on the asset page a new version is uploaded and listed, and v1 still downloads', async () => {
		await card(desk, 'Summer poster').getByRole('link').click();
		await desk.waitForURL(new RegExp(`${library}/[0-9a-f-]{36}$`));
		expect(await text(desk.getByRole('heading', { level: 1 }))).toBe('Summer poster');
		await expect.poll(() => decoded(desk.getByTestId('preview-image'))).toBe(true);
		expect(await text(desk.getByTestId('tags'))).toContain('#campaign');
		expect(await text(desk.getByText(/900 × 1200 px/))).toBeTruthy();

		const v2: SampleFile = { name: 'Summer poster v2.png', mimeType: 'image/png', buffer: await photo(900, 1200, '#a18cd1', '#fbc2eb', 'png') };
		const [chooser] = await Promise.all([desk.waitForEvent('filechooser'), desk.getByRole('button', { name: 'Upload new version' }).click()]);
		await chooser.setFiles([v2]);
		await row(desk, v2.name).getByText('Done · v2').waitFor();

		const versions = desk.getByTestId('version-list');
		await versions.getByRole('listitem', { name: 'Version 2' }).waitFor();
		const listed = await versions.getByRole('listitem').allInnerTexts();
		expect(listed.map((t) => t.match(/^v\d+/)?.[0])).toEqual(['v2', 'v1']);
		expect(listed[0]).toContain(v2.name);
		expect(listed[0]).toContain(admin.name);
		expect(listed[1]).toContain(poster.name);
		await shows(desk.getByText(/Viewing v\d/), 'Viewing v2 (latest)');

		const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: 'Download v1 original' }).click()]);
		expect(download.suggestedFilename()).toBe(poster.name);

		// Choosing v1 shows it; the status edit is saved and survives a reload.
		await versions.getByRole('listitem', { name: 'Version 1' }).getByRole('button').click();
		await shows(desk.getByText(/Viewing v\d/), 'Viewing v1 of 2');
		await desk.getByLabel('Status').selectOption('in_review');
		await desk.getByTestId('save-state').getByText('Saved').waitFor();
		await desk.reload();
		expect(await desk.getByLabel('Status').inputValue()).toBe('in_review');
	});

	test('embedded camera and copyright metadata show on the asset page', async () => {
		await desk.goto(`${library}?q=harbour`);
		await expect.poll(() => cards(desk).count()).toBe(2);
		await cards(desk).last().getByRole('link').click();
		await desk.waitForURL(new RegExp(`${library}/[0-9a-f-]{36}$`));
		const embedded = await text(desk.locator('section', { hasText: 'Embedded metadata' }));
		expect(embedded).toContain('Test Camera');
		expect(embedded).toContain('Acme Ltd');
	});

	test('a selection moves to the trash with undo, and the trash restores', async () => {
		await desk.goto(library);
		await expect.poll(() => cards(desk).count()).toBe(4);
		await card(desk, 'Creative brief').hover();
		await card(desk, 'Creative brief').getByRole('checkbox').click();
		await desk.getByTestId('bulk-bar').getByRole('button', { name: 'Delete' }).click();
		await shows(desk.getByRole('status').filter({ hasText: 'trash' }), 'Moved 1 asset to the trash.');
		await expect.poll(() => cards(desk).count()).toBe(3);
		await desk.getByRole('button', { name: 'Undo' }).click();
		await shows(desk.getByRole('status').filter({ hasText: 'Restored' }), 'Restored 1 asset.');
		await expect.poll(() => cards(desk).count()).toBe(4);

		await card(desk, 'Creative brief').getByRole('checkbox').click();
		await desk.getByTestId('bulk-bar').getByRole('button', { name: 'Delete' }).click();
		await expect.poll(() => cards(desk).count()).toBe(3);

		await desk.getByRole('link', { name: 'Trash' }).click();
		await desk.waitForURL(/trashed=true/);
		expect(await text(desk.getByRole('heading', { level: 1 }))).toBe('Trash');
		await expect.poll(() => cards(desk).count()).toBe(1);
		await desk.getByRole('button', { name: 'Restore Creative brief' }).click();
		await expect.poll(() => cards(desk).count()).toBe(0);
		await desk.getByRole('link', { name: 'Back to library' }).click();
		await expect.poll(() => cards(desk).count()).toBe(4);
	});

	test('on a tablet the grid shows thumbnails and a tap opens an asset with a zoomable preview', async () => {
		const tablet = await open(tabletContext);
		await tablet.goto('/login');
		await signIn(tablet, admin, { tap: true });
		await tablet.waitForURL(/\/w\//);
		await tablet.goto(library);
		await expect.poll(() => cards(tablet).count()).toBe(4);
		await expect.poll(() => decoded(card(tablet, 'Summer poster').getByTestId('asset-thumb'))).toBe(true);

		await card(tablet, 'Summer poster').getByRole('link').tap();
		await tablet.waitForURL(new RegExp(`${library}/[0-9a-f-]{36}$`));
		expect(await text(tablet.getByRole('heading', { level: 1 }))).toBe('Summer poster');
		await expect.poll(() => decoded(tablet.getByTestId('preview-image'))).toBe(true);
		const before = await text(tablet.getByTestId('zoom-level'));
		await tablet.getByRole('button', { name: 'Zoom in' }).tap();
		await expect.poll(() => text(tablet.getByTestId('zoom-level'))).not.toBe(before);
		expect(await tablet.getByTestId('version-list').getByRole('listitem').count()).toBe(2);
	});

	test('an upload can be cancelled and retried, and a file named like another type is refused with the reason', async () => {
		await desk.goto(library);
		const file: SampleFile = { name: 'Billboard master.png', mimeType: 'image/png', buffer: await photo(1200, 400, '#0ba360', '#3cba92', 'png') };
		// Hold the request in the browser, as a slow uplink would, so there is time to cancel it.
		const uploads = '**/api/v1/assets?workspaceId=*';
		await desk.route(uploads, () => {});
		await chooseFiles(uploadButton(desk), [file]);
		const upload = row(desk, file.name);
		await upload.getByRole('progressbar').waitFor();
		await upload.getByRole('button', { name: `Cancel upload of ${file.name}` }).click();
		await shows(upload, 'Cancelled');
		expect(await card(desk, 'Billboard master').count()).toBe(0);

		await desk.unroute(uploads);
		await upload.getByRole('button', { name: `Retry upload of ${file.name}` }).click();
		await upload.getByText('Done', { exact: true }).waitFor();
		await card(desk, 'Billboard master').getByTestId('asset-thumb').waitFor();

		const misnamed: SampleFile = { name: 'Logo.png', mimeType: 'image/png', buffer: tinyPdf('not a picture') };
		await dropFiles(desk, [misnamed]);
		await shows(row(desk, misnamed.name), 'named like a different type');
		expect(await row(desk, misnamed.name).getByRole('button', { name: `Retry upload of ${misnamed.name}` }).count()).toBe(1);
		expect(await card(desk, 'Logo').count()).toBe(0);
	});

	test('scrolling to the end of a long library loads the next page', async () => {
		// Fifty more small files through the API (the same session), so the library runs past one page.
		const me = (await (await desk.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] };
		for (let i = 0; i < 50; i++) {
			const buffer = await solid('png', 16 + i, 16, `#${(0x203040 + i * 0x030507).toString(16).slice(-6)}`);
			const r = await desk.request.post(`/api/v1/assets?workspaceId=${me.workspaces[0]!.id}`, {
				headers: { origin: server.url },
				multipart: { file: { name: `Tile ${i}.png`, mimeType: 'image/png', buffer } }
			});
			expect(r.status()).toBe(201);
		}
		await desk.goto(library);
		await expect.poll(() => cards(desk).count()).toBe(48);
		await cards(desk).last().scrollIntoViewIfNeeded();
		await expect.poll(() => cards(desk).count()).toBe(55);
		expect(await desk.getByRole('button', { name: 'Load more' }).count()).toBe(0);
	});
});
