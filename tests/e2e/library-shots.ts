// Library screenshots (empty, drop overlay, uploads under way and done, grid, list, bulk
// selection, asset page) at desktop, tablet and phone sizes. Called from screenshots.ts.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, phoneContext, tabletContext } from './browser.ts';
import { signIn, type Person } from './flows.ts';
import { dropFiles, noise, photo, type SampleFile } from './library-files.ts';
import { tinyPdf } from '../helpers/files.ts';
import { chooseFiles } from './act.ts';
import { uploadButton } from './see.ts';

type Shoot = (page: Page, name: string, opts?: { fullPage?: boolean }) => Promise<void>;

async function signedIn(context: BrowserContext, who: Pick<Person, 'email' | 'password'>): Promise<Page> {
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
	page.on('console', (m) => m.type() === 'error' && console.error(`  console: ${m.text()}`));
	await page.goto('/login');
	await signIn(page, who);
	await page.waitForURL(/\/w\//);
	return page;
}

/** Waits until the thumbnails in view have loaded (lazy ones further down stay blank). */
const thumbsInView = (page: Page) =>
	page.waitForFunction(() =>
		[...document.querySelectorAll<HTMLImageElement>('[data-testid="asset-thumb"]')].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete && i.naturalWidth > 0)
	);

const palette: [string, string, string][] = [
	['Harbour at dawn', '#f6d365', '#fda085'],
	['Forest trail', '#0ba360', '#3cba92'],
	['Night skyline', '#30cfd0', '#330867'],
	['Desert road', '#f83600', '#f9d423'],
	['Lavender field', '#a18cd1', '#fbc2eb'],
	['Glacier', '#89f7fe', '#66a6ff'],
	['Studio portrait', '#434343', '#a0a0a0'],
	['Autumn market', '#f093fb', '#f5576c']
];

export async function libraryScreens(browser: Browser, url: string, ws: string, admin: Person, outDir: string, shoot: Shoot) {
	const desk = await signedIn(await desktopContext(browser, url), admin);
	const tablet = await signedIn(await tabletContext(browser, url), admin);
	const library = `${ws}/library`;

	await desk.goto(library);
	await shoot(desk, 'library-empty-desktop');
	await tablet.goto(library);
	await shoot(tablet, 'library-empty-tablet');

	// A drag over the page shows where the files will go.
	const big: SampleFile = { name: 'Campaign hero (print master).png', mimeType: 'image/png', buffer: await noise(1400, 1000) };
	await dropFiles(desk, [big], { release: false });
	await desk.getByTestId('drop-overlay').waitFor();
	await desk.screenshot({ path: path.join(outDir, 'library-drop-desktop.png') });
	console.log('  library-drop-desktop.png');
	await desk.evaluate(() => (document.querySelector('main') ?? document.body).dispatchEvent(new DragEvent('dragleave', { bubbles: true, dataTransfer: new DataTransfer() })));
	await desk.keyboard.press('Escape');

	// Slow the uplink so the tray is caught mid-way.
	const cdp = await desk.context().newCDPSession(desk);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 600 * 1024 });
	const first: SampleFile[] = [big];
	for (const [title, a, b] of palette.slice(0, 3)) first.push({ name: `${title}.jpg`, mimeType: 'image/jpeg', buffer: await photo(1800, 1200, a, b) });
	first.push({ name: 'Brand guidelines 2025.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Brand guidelines') });
	await dropFiles(desk, first);
	await desk.locator('[data-testid="upload-row"][data-state="done"]').first().waitFor({ timeout: 60_000 });
	await desk.waitForTimeout(300);
	await desk.screenshot({ path: path.join(outDir, 'library-uploading-desktop.png') });
	console.log('  library-uploading-desktop.png');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	await desk.getByRole('heading', { name: /uploads? complete/ }).waitFor({ timeout: 60_000 });
	await shoot(desk, 'library-uploaded-desktop', { fullPage: false });

	// More pictures for a fuller grid, through the picker; one duplicate for the tray's conflict row.
	const more: SampleFile[] = [];
	for (const [title, a, b] of palette.slice(3)) more.push({ name: `${title}.jpg`, mimeType: 'image/jpeg', buffer: await photo(1600, 1067, a, b) });
	more.push(first[1]!);
	await desk.getByLabel('Choose files to upload').setInputFiles(more);
	await desk.locator('[data-testid="upload-row"][data-state="duplicate"]').waitFor({ timeout: 60_000 });
	await desk.getByRole('heading', { name: /need|complete/ }).waitFor();
	await desk.waitForFunction(() => !document.querySelector('[data-testid="upload-row"][data-state="uploading"],[data-testid="upload-row"][data-state="queued"]'));
	await shoot(desk, 'library-tray-duplicate-desktop', { fullPage: false });
	await desk.getByRole('button', { name: 'Close uploads' }).click().catch(() => {});

	await desk.reload();
	await thumbsInView(desk);
	await shoot(desk, 'library-grid-desktop');

	// The tray on a tablet: one large file under way, then done.
	const slow = await tablet.context().newCDPSession(tablet);
	await slow.send('Network.enable');
	await slow.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 800 * 1024 });
	await tablet.reload();
	await chooseFiles(uploadButton(tablet), [
		{ name: 'Trade show banner.png', mimeType: 'image/png', buffer: await noise(1500, 1100) },
		{ name: 'Glacier (alt crop).jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 1600, '#89f7fe', '#66a6ff') }
	]);
	// A quarter of the way (or, on a fast machine, already past it).
	await tablet.waitForFunction(() => {
		const bar = document.querySelector('[data-testid="upload-row"] [role="progressbar"]');
		return bar ? Number(bar.getAttribute('aria-valuenow')) >= 25 : !!document.querySelector('[data-testid="upload-row"][data-state="done"]');
	});
	await tablet.screenshot({ path: path.join(outDir, 'library-uploading-tablet.png') });
	console.log('  library-uploading-tablet.png');
	await slow.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	await tablet.getByRole('heading', { name: /uploads? complete/ }).waitFor({ timeout: 60_000 });
	await shoot(tablet, 'library-uploaded-tablet', { fullPage: false });
	await tablet.reload();
	await thumbsInView(tablet);
	await shoot(tablet, 'library-grid-tablet');
	await tablet.getByRole('button', { name: 'Filters' }).click();
	await tablet.getByRole('dialog', { name: 'Filters' }).waitFor();
	await tablet.waitForTimeout(300);
	await tablet.screenshot({ path: path.join(outDir, 'library-filters-tablet.png') });
	console.log('  library-filters-tablet.png');
	await tablet.keyboard.press('Escape');

	await desk.getByRole('button', { name: 'List view' }).click();
	await shoot(desk, 'library-list-desktop');
	await desk.getByRole('button', { name: 'Grid view' }).click();
	const cards = desk.getByTestId('asset-card');
	await cards.nth(0).hover();
	await desk.getByRole('checkbox', { name: /^Select / }).nth(0).click();
	await desk.getByRole('checkbox', { name: /^Select / }).nth(2).click({ modifiers: ['Shift'] });
	await shoot(desk, 'library-bulk-desktop', { fullPage: false });
	await desk.keyboard.press('Escape');

	const phone = await signedIn(await phoneContext(browser, url), admin);
	await phone.goto(library);
	await thumbsInView(phone);
	await shoot(phone, 'library-grid-phone', { fullPage: false });

	// The asset page: an image with its metadata and versions, and a PDF's kind card.
	await desk.getByRole('listitem', { name: 'Harbour at dawn' }).getByRole('link').click();
	await desk.getByTestId('preview-image').waitFor();
	await desk.waitForFunction(() => (document.querySelector('[data-testid="preview-image"]') as HTMLImageElement | null)?.complete);
	await desk.getByLabel('Description').fill('Golden-hour view over the harbour, for the summer campaign.');
	await desk.getByLabel('Add a tag').fill('sunset, coast, summer-2025');
	await desk.getByLabel('Add a tag').press('Enter');
	await desk.getByTestId('tags').getByText('#coast').waitFor();
	await desk.getByLabel('Choose a file for the new version').setInputFiles([{ name: 'Harbour at dawn (retouched).jpg', mimeType: 'image/jpeg', buffer: await photo(1800, 1200, '#f7b267', '#f4845f') }]);
	await desk.getByTestId('version-list').getByRole('listitem', { name: 'Version 2' }).waitFor({ timeout: 60_000 });
	await desk.getByRole('button', { name: 'Close uploads' }).click();
	await desk.waitForFunction(() => (document.querySelector('[data-testid="preview-image"]') as HTMLImageElement | null)?.complete);
	await shoot(desk, 'asset-desktop', { fullPage: false });
	await shoot(desk, 'asset-full-desktop');
	await desk.getByRole('button', { name: 'Zoom in' }).click();
	await desk.getByRole('button', { name: 'Zoom in' }).click();
	await desk.waitForTimeout(200);
	await shoot(desk, 'asset-zoomed-desktop', { fullPage: false });

	const assetUrl = new URL(desk.url()).pathname;
	await tablet.goto(assetUrl);
	await tablet.getByTestId('preview-image').waitFor();
	await tablet.waitForFunction(() => (document.querySelector('[data-testid="preview-image"]') as HTMLImageElement | null)?.complete);
	await shoot(tablet, 'asset-tablet');
	await phone.goto(assetUrl);
	await phone.getByTestId('preview-image').waitFor();
	await shoot(phone, 'asset-phone');

	await desk.goto(library);
	await desk.getByRole('listitem', { name: 'Brand guidelines 2025' }).getByRole('link').click();
	await desk.getByTestId('preview-image').or(desk.getByText('Download original')).first().waitFor();
	await desk.waitForTimeout(300);
	await shoot(desk, 'asset-pdf-desktop', { fullPage: false });

	for (const p of [desk, tablet, phone]) await p.context().close();
}
