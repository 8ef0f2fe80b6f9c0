// Comparing versions beyond a single image: a PDF page by page with the words that changed,
// a video with one playhead for both sides, and an image pinched and panned on a tablet,
// where both sides follow the fingers together.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, signIn, type Person } from './flows.ts';
import { photo } from './library-files.ts';
import { decoded, shows, text } from './see.ts';
import { media, pdfPages } from '../helpers/files.ts';
import { shot } from './act.ts';

const cleo: Person = { name: 'Cleo Creator', email: 'cleo@example.com', password: 'a long enough password' };
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let page: Page;
let workspace: string;
let workspaceId: string;

/** v1 as a new asset and v2 as its next version, through the API; returns both version ids. */
async function twoVersions(name: string, mimeType: string, first: Buffer, second: Buffer): Promise<[string, string]> {
	const headers = { origin: server.url };
	const a = await page.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, { multipart: { file: { name, mimeType, buffer: first } }, headers });
	expect(a.status()).toBe(201);
	const { asset, version } = (await a.json()) as { asset: { id: string }; version: { id: string } };
	const b = await page.request.post(`/api/v1/assets/${asset.id}/versions`, { multipart: { file: { name, mimeType, buffer: second } }, headers });
	expect(b.status()).toBe(201);
	return [version.id, ((await b.json()) as { version: { id: string } }).version.id];
}

const transforms = (p: Page) => p.locator('[data-testid="compare-before"], [data-testid="compare-after"], [data-pane] video').evaluateAll((els) => els.map((e) => (e.parentElement as HTMLElement).style.transform));

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	const context = await desktopContext(browser, server.url);
	contexts.push(context);
	page = await context.newPage();
	await page.goto('/');
	workspace = await completeSetup(page, cleo, 'Compare Studio');
	workspaceId = ((await (await page.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
}, 120_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('compare', () => {
	test('a PDF: pages turn together, changed text is boxed and listed word by word', async () => {
		const [v1, v2] = await twoVersions('Terms.pdf', 'application/pdf', pdfPages(['Offer valid until Friday', 'Page two stays the same']), pdfPages(['Offer valid until Sunday only', 'Page two stays the same']));
		await page.goto(`${workspace}/compare/${v1}/${v2}`);
		await expect.poll(() => decoded(page.getByTestId('compare-after'))).toBe(true);
		await shows(page.getByTestId('compare-page'), 'Page 1 of 2');
		await expect.poll(async () => Number(await text(page.getByTestId('diff-count')))).toBeGreaterThan(0);
		// On screen the box sits over the changed words (right of "Offer valid until"), on the page image itself.
		const img = (await page.getByTestId('compare-after').boundingBox())!;
		const box = (await page.getByTestId('diff-box').last().boundingBox())!;
		expect((box.x - img.x) / img.width).toBeGreaterThan(0.4);
		expect((box.x + box.width - img.x) / img.width).toBeLessThan(0.9);
		expect((box.y - img.y) / img.height).toBeGreaterThan(0.3);
		expect((box.y + box.height - img.y) / img.height).toBeLessThan(0.65);
		await page.getByTestId('text-changes-tab').click();
		const changes = page.getByTestId('text-changes');
		expect(await changes.locator('del').allInnerTexts()).toEqual(['Friday']);
		expect(await changes.locator('ins').allInnerTexts()).toEqual(['Sunday only']);
		await shot(page, 'compare-pdf-desktop');

		// The next page, on both sides at once: nothing changed there.
		await page.getByRole('button', { name: 'Next page' }).click();
		await shows(page.getByTestId('compare-page'), 'Page 2 of 2');
		await expect.poll(() => page.getByTestId('compare-before').getAttribute('src')).toMatch(/\/pages\/2$/);
		expect(await page.getByTestId('compare-after').getAttribute('src')).toMatch(/\/pages\/2$/);
		await shows(page.getByTestId('diff-count'), '0');
	});

	test('a video: one playhead moves both versions', async () => {
		const [v1, v2] = await twoVersions('Teaser.mp4', 'video/mp4', await media('mp4'), await media('mp4', 'smptebars'));
		await expect
			.poll(async () => ((await (await page.request.get(`/api/v1/versions/${v2}`)).json()) as { status: string }).status, { timeout: 60_000 })
			.toBe('ready');
		await page.goto(`${workspace}/compare/${v1}/${v2}`);
		const videos = page.locator('[data-pane] video');
		await expect.poll(() => videos.count()).toBe(2);
		await expect.poll(() => videos.evaluateAll((els) => els.every((v) => (v as HTMLVideoElement).readyState >= 1))).toBe(true);
		// No difference boxes for video: the two play side by side.
		expect(await page.getByText('Differences').count()).toBe(0);
		const playhead = page.getByLabel('Playhead of both versions');
		await expect.poll(async () => Number(await playhead.getAttribute('max'))).toBeGreaterThan(1.5);
		await page.waitForLoadState('networkidle');
		await playhead.fill('1.2');
		await expect.poll(() => videos.evaluateAll((els) => els.map((v) => Math.round((v as HTMLVideoElement).currentTime * 10) / 10))).toEqual([1.2, 1.2]);
		await shows(page.getByTestId('compare-time'), '00:01:05');
		await shot(page, 'compare-video-desktop');
	});

	test('an image on a tablet: two fingers zoom and pan both sides together', async () => {
		const base = await photo(1200, 900, '#c3cfe2', '#f5f7fa', 'png');
		const changed = await sharp(base)
			.composite([{ input: await sharp({ create: { width: 200, height: 200, channels: 3, background: '#16a34a' } }).png().toBuffer(), left: 800, top: 500 }])
			.png()
			.toBuffer();
		const [v1, v2] = await twoVersions('Banner.png', 'image/png', base, changed);
		const tablet = await tabletContext(browser, server.url);
		contexts.push(tablet);
		const t = await tablet.newPage();
		await t.goto('/login');
		await signIn(t, cleo, { tap: true });
		await t.waitForURL(/\/w\//);
		await t.goto(`${workspace}/compare/${v1}/${v2}`);
		await expect.poll(() => decoded(t.getByTestId('compare-after'))).toBe(true);
		await shows(t.getByTestId('diff-count'), '1');
		expect(await t.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(834);
		const [before] = await transforms(t);

		// A pinch on the first pane: fingers 100 px apart move to 300 px apart.
		const pane = (await t.locator('[data-pane]').first().boundingBox())!;
		const cdp = await tablet.newCDPSession(t);
		const cx = pane.x + pane.width / 2;
		const cy = pane.y + pane.height / 2;
		const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', d: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 0 }, { x: cx + d, y: cy, id: 1 }] });
		await touch('touchStart', 50);
		for (let d = 60; d <= 150; d += 10) await touch('touchMove', d);
		await touch('touchEnd', 150);
		await expect.poll(async () => Number((await text(t.getByTestId('compare-zoom'))).replace('%', ''))).toBeGreaterThan(200);
		const [left, right] = await transforms(t);
		expect(left).not.toBe(before);
		expect(left).toBe(right);
		await shot(t, 'compare-tablet');
	});
});
