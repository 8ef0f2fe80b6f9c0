// The review room as reviewers use it: two people in one room drawing, commenting,
// mentioning and resolving, each seeing the other within two seconds; undo that only takes
// back one's own work; a highlight on PDF text; a mark on one frame of a video; and a tablet
// drawing with a finger and pinching to zoom.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, createInviteLink, signIn, type Person } from './flows.ts';
import { photo } from './library-files.ts';
import { media, pdfPages } from '../helpers/files.ts';
import { text } from './see.ts';
import { shot } from './act.ts';

const ann: Person = { name: 'Ann Reviewer', email: 'ann@example.com', password: 'a long enough password' };
const ben: Person = { name: 'Ben Creator', email: 'ben@example.com', password: 'another long password' };
/** What "live" means here: another person's change shows within this long. */
const LIVE_MS = 2000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let annPage: Page;
let benPage: Page;
let workspace: string;
let workspaceId: string;
const versions: Record<'image' | 'pdf' | 'video', string> = { image: '', pdf: '', video: '' };

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}

/** Uploads through the API as the signed-in page's user, as the Library page would. */
async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<string> {
	const res = await page.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, { multipart: { file: { name, mimeType, buffer } }, headers: { origin: server.url } });
	expect(res.status()).toBe(201);
	return ((await res.json()) as { version: { id: string } }).version.id;
}

async function enterRoom(page: Page, versionId: string) {
	await page.goto(`${workspace}/review/${versionId}`);
	await page.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor();
	// The proof is on the stage once Konva has drawn its first canvas.
	await page.locator('[data-testid="review-stage"] canvas').first().waitFor();
}

const stageBox = async (page: Page) => (await page.getByTestId('review-stage').boundingBox())!;
const threads = (page: Page) => page.getByTestId('threads').locator('li[data-thread]');

/** The colour Konva drew at a point of the stage (CSS pixels from its top left). */
async function pixel(page: Page, x: number, y: number) {
	return page.locator('[data-testid="review-stage"] canvas').first().evaluate(
		(c: HTMLCanvasElement, [x, y]) => {
			const ratio = c.width / c.clientWidth;
			return [...c.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data];
		},
		[x, y] as const
	);
}
const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 110 && b! < 110;

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
	await page.mouse.move(to.x, to.y, { steps: 4 });
	await page.mouse.up();
}

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	annPage = await open(desktopContext);
	await annPage.goto('/');
	workspace = await completeSetup(annPage, ann, 'Proofing');
	workspaceId = ((await (await annPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
	const link = await createInviteLink(annPage, workspace);
	benPage = await open(desktopContext);
	await benPage.goto(link);
	await benPage.getByLabel('Your name').fill(ben.name);
	await benPage.getByLabel('Email').fill(ben.email);
	await benPage.getByLabel('Password').fill(ben.password);
	await benPage.getByRole('button', { name: 'Create account and join' }).click();
	await benPage.waitForURL(`**${workspace}/briefs`);
	versions.image = await upload(annPage, 'Spring campaign.png', 'image/png', await photo(1200, 800, '#a1c4fd', '#c2e9fb', 'png'));
}, 120_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('review room', () => {
	test('two reviewers draw, comment, mention and resolve, each seeing the other live', async () => {
		await Promise.all([enterRoom(annPage, versions.image), enterRoom(benPage, versions.image)]);
		expect(await threads(annPage).count()).toBe(0);
		await annPage.getByText('No comments yet. Pick a tool').waitFor();
		await benPage.getByTestId('presence').getByTestId('peer').waitFor({ timeout: LIVE_MS * 2 });

		// Ann draws a rectangle; it appears on Ben's canvas.
		const box = await stageBox(annPage);
		await annPage.keyboard.press('r');
		await drag(annPage, { x: box.x + box.width * 0.3, y: box.y + box.height * 0.3 }, { x: box.x + box.width * 0.5, y: box.y + box.height * 0.5 });
		await annPage.getByPlaceholder('Say what should change…').waitFor();
		const edge = { x: box.width * 0.3, y: box.height * 0.4 };
		expect(isRed(await pixel(annPage, edge.x, edge.y))).toBe(true);
		await expect.poll(async () => isRed(await pixel(benPage, edge.x, edge.y)), { timeout: LIVE_MS }).toBe(true);
		await shot(annPage, 'review-drawn');

		// Her comment mentions Ben, who sees it in the panel and gets a notification.
		const composer = annPage.getByPlaceholder('Say what should change…');
		await composer.pressSequentially('@Ben');
		await annPage.getByRole('option', { name: '@Ben Creator' }).click();
		await composer.pressSequentially('the headline needs more room');
		await composer.press('Enter');
		await expect.poll(() => text(threads(benPage)), { timeout: LIVE_MS }).toContain('the headline needs more room');
		await expect
			.poll(async () => ((await (await benPage.request.get('/api/v1/notifications?unread=true')).json()) as { unread: number }).unread, { timeout: 5000 })
			.toBe(1);

		// Ben replies and resolves; Ann sees both.
		await threads(benPage).first().getByRole('button').first().click();
		const reply = benPage.getByPlaceholder('Reply…');
		await reply.fill('Moved it up, done.');
		// With a reference image, as a screenshot of the fix.
		await threads(benPage).first().getByTestId('attach-input').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: await photo(640, 400, '#fde68a', '#f59e0b', 'png') });
		await benPage.getByTestId('attached').waitFor();
		await reply.press('Enter');
		await annPage.getByTestId('comment-image').waitFor({ timeout: LIVE_MS });
		expect(await annPage.getByTestId('comment-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
		await benPage.getByRole('button', { name: 'Resolve' }).click();
		await annPage.getByRole('radio', { name: /^All/ }).click();
		await expect.poll(() => text(threads(annPage)), { timeout: LIVE_MS }).toContain('Resolved');
		await expect.poll(() => text(threads(annPage)), { timeout: LIVE_MS }).toContain('Moved it up, done.');
		await shot(benPage, 'review-thread');

		// The mention waits in Ben's inbox; opening it lands on the comment in the room.
		await benPage.goto('/inbox');
		expect(await text(benPage.getByTestId('unread-count').first())).toBe('1');
		await benPage.getByRole('button', { name: /Ann Reviewer mentioned you on Spring campaign v1/ }).click();
		await benPage.waitForURL(/\/review\/.*\?thread=/);
		await benPage.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor();
		await expect.poll(() => text(threads(benPage).filter({ has: benPage.locator('[aria-expanded="true"]') }))).toContain('the headline needs more room');
		await benPage.goto('/inbox');
		expect(await benPage.getByTestId('unread-count').count()).toBe(0);
		await enterRoom(benPage, versions.image);
	});

	test('live cursors, and a presenter whose view everyone follows until they stop', async () => {
		const box = await stageBox(annPage);
		await annPage.keyboard.press('Escape');
		await annPage.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
		await annPage.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.62);
		await expect.poll(() => text(benPage.getByTestId('cursor')), { timeout: LIVE_MS }).toContain(ann.name);

		await annPage.getByRole('button', { name: 'Present' }).click();
		await benPage.getByText(`Following ${ann.name}'s view`).waitFor({ timeout: LIVE_MS });
		await annPage.keyboard.press('+');
		await annPage.keyboard.press('+');
		const annZoom = await text(annPage.getByTestId('zoom-level'));
		expect(annZoom).toBe('156%');
		await expect.poll(() => text(benPage.getByTestId('zoom-level')), { timeout: LIVE_MS }).toBe(annZoom);
		await shot(benPage, 'review-following');

		await benPage.getByRole('button', { name: 'Stop following' }).click();
		await annPage.keyboard.press('+');
		await annPage.waitForTimeout(500);
		expect(await text(benPage.getByTestId('zoom-level'))).toBe(annZoom);
		await annPage.getByRole('button', { name: 'Presenting' }).click();
		await annPage.keyboard.press('0');
		await benPage.keyboard.press('0');
	});

	test("undo takes back only one's own marks", async () => {
		const box = await stageBox(annPage);
		await annPage.keyboard.press('Escape');
		await annPage.keyboard.press('l');
		const annLine = { from: { x: box.x + box.width * 0.6, y: box.y + box.height * 0.7 }, to: { x: box.x + box.width * 0.8, y: box.y + box.height * 0.7 } };
		await drag(annPage, annLine.from, annLine.to);
		await benPage.keyboard.press('Escape');
		await benPage.keyboard.press('o');
		await drag(benPage, { x: box.x + box.width * 0.15, y: box.y + box.height * 0.6 }, { x: box.x + box.width * 0.25, y: box.y + box.height * 0.8 });
		await annPage.getByRole('radio', { name: /^All/ }).click();
		await benPage.getByRole('radio', { name: /^All/ }).click();
		await expect.poll(() => threads(annPage).count(), { timeout: LIVE_MS }).toBe(3);
		await expect.poll(() => threads(benPage).count(), { timeout: LIVE_MS }).toBe(3);

		await annPage.locator('body').click({ position: { x: 5, y: 300 } });
		await annPage.keyboard.press('Control+z');
		// Ann's line is gone for both; Ben's ellipse and the first thread stay.
		await expect.poll(() => threads(benPage).count(), { timeout: LIVE_MS }).toBe(2);
		expect(await threads(annPage).count()).toBe(2);
		const onLine = { x: box.width * 0.7, y: box.height * 0.7 };
		expect(isRed(await pixel(benPage, onLine.x, onLine.y))).toBe(false);
		await annPage.keyboard.press('Control+Shift+z');
		await expect.poll(() => threads(benPage).count(), { timeout: LIVE_MS }).toBe(3);
	});

	test('a highlight on the text of a PDF page', async () => {
		versions.pdf = await upload(annPage, 'Brochure.pdf', 'application/pdf', pdfPages(['Summer sale starts Monday', 'Terms and conditions apply']));
		await enterRoom(annPage, versions.pdf);
		await annPage.getByTestId('page-number').filter({ hasText: 'Page 1 of 2' }).waitFor();
		const word = annPage.getByTestId('text-layer').getByText('Summer sale starts Monday');
		await word.waitFor();
		await annPage.keyboard.press('h');
		const w = (await word.boundingBox())!;
		await drag(annPage, { x: w.x + 1, y: w.y + w.height / 2 }, { x: w.x + w.width - 1, y: w.y + w.height / 2 });
		await expect.poll(() => threads(annPage).count()).toBe(1);
		const res = await annPage.request.get(`/api/v1/versions/${versions.pdf}/annotations`);
		const body = (await res.json()) as { marks: { kind: string; text: string; page: number; rects: unknown[] }[] };
		expect(body.marks[0]).toMatchObject({ kind: 'highlight', page: 1 });
		expect(body.marks[0]!.text).toContain('Summer sale');
		await shot(annPage, 'review-pdf-highlight');
		await annPage.getByRole('button', { name: 'Next page' }).click();
		await annPage.getByTestId('page-number').filter({ hasText: 'Page 2 of 2' }).waitFor();
	});

	test('page 1 of a 200-page PDF shows from range requests, without the whole file', async () => {
		const pages = Array.from({ length: 200 }, (_, i) => `Page ${i + 1} ${'of the price list '.repeat(200)}`);
		// A page tree of 20 nodes of 10 pages, as authoring tools write long documents.
		const file = pdfPages(pages, { fanout: 10 });
		const id = await upload(annPage, 'Price list.pdf', 'application/pdf', file);
		const ranged: number[] = [];
		annPage.on('response', (r) => {
			if (r.url().includes(`/versions/${id}/file`) && r.status() === 206) ranged.push(Number(r.headers()['content-length'] ?? 0));
		});
		await enterRoom(annPage, id);
		await annPage.getByTestId('page-number').filter({ hasText: 'Page 1 of 200' }).waitFor();
		await annPage.getByTestId('text-layer').getByText(/^Page 1 of the price list/).waitFor();
		expect(ranged.length).toBeGreaterThan(0);
		expect(ranged.reduce((a, b) => a + b, 0)).toBeLessThan(file.length / 2);
	});

	test('a mark on one frame of a video, with a marker on the timeline', async () => {
		versions.video = await upload(annPage, 'Teaser.mp4', 'video/mp4', await media('mp4'));
		await enterRoom(annPage, versions.video);
		await annPage.getByTestId('media-bar').waitFor();
		await annPage.keyboard.press('ArrowRight');
		await annPage.keyboard.press('ArrowRight');
		await expect.poll(() => text(annPage.getByTestId('timecode'))).not.toBe('00:00:00');
		const at = await text(annPage.getByTestId('timecode'));
		const box = await stageBox(annPage);
		await annPage.keyboard.press('r');
		await drag(annPage, { x: box.x + box.width * 0.4, y: box.y + box.height * 0.4 }, { x: box.x + box.width * 0.6, y: box.y + box.height * 0.6 });
		await expect.poll(() => text(threads(annPage))).toContain(at);
		await annPage.getByTestId('timeline-marker').waitFor();
		const marks = ((await (await annPage.request.get(`/api/v1/versions/${versions.video}/annotations`)).json()) as { marks: { time: number }[] }).marks;
		expect(marks[0]!.time).toBeGreaterThan(0);
		// Moved off the frame, the mark hides; back on it, it shows.
		const edge = { x: box.width * 0.4, y: box.height * 0.5 };
		expect(isRed(await pixel(annPage, edge.x, edge.y))).toBe(true);
		await annPage.getByRole('button', { name: 'Next frame (→)' }).click();
		await expect.poll(async () => isRed(await pixel(annPage, edge.x, edge.y))).toBe(false);
		await annPage.getByTestId('timeline-marker').click();
		await expect.poll(async () => isRed(await pixel(annPage, edge.x, edge.y))).toBe(true);
		await shot(annPage, 'review-video');
	});

	test('a comment at a moment of an audio file, pinned on its waveform', async () => {
		const audio = await upload(annPage, 'Voice-over.mp3', 'audio/mpeg', await media('mp3'));
		await enterRoom(annPage, audio);
		await annPage.getByTestId('media-bar').waitFor();
		const box = await stageBox(annPage);
		await annPage.keyboard.press('c');
		await annPage.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		const composer = annPage.getByPlaceholder('Say what should change…');
		await composer.fill('Breath noise here');
		await composer.press('Enter');
		const marks = ((await (await annPage.request.get(`/api/v1/versions/${audio}/annotations`)).json()) as { marks: { time: number; kind: string }[] }).marks;
		expect(marks[0]).toMatchObject({ kind: 'pin' });
		const duration = Number((await (await annPage.request.get(`/api/v1/assets?workspaceId=${workspaceId}&type=audio`)).json()).items[0].current.metadata.duration);
		expect(marks[0]!.time).toBeCloseTo(duration / 2, 0);
		await annPage.getByTestId('timeline-marker').waitFor();
		await shot(annPage, 'review-audio');
	});

	test('on a tablet a finger draws, two fingers pinch to zoom, and a resting palm does not draw while a pen does', async () => {
		const tablet = await open(tabletContext);
		await tablet.goto('/login');
		await signIn(tablet, ben, { tap: true });
		await tablet.waitForURL(/\/w\//);
		await enterRoom(tablet, versions.image);
		const box = await stageBox(tablet);
		const cdp = await tablet.context().newCDPSession(tablet);
		const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
			cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) });

		await tablet.getByRole('button', { name: /^Freehand pen/ }).tap();
		const y = box.y + box.height * 0.6;
		await touch('touchStart', [{ x: box.x + box.width * 0.2, y }]);
		for (let i = 1; i <= 10; i++) await touch('touchMove', [{ x: box.x + box.width * (0.2 + i * 0.05), y }]);
		await touch('touchEnd', []);
		await expect.poll(() => text(tablet.getByTestId('zoom-level'))).toBe('100%');
		const before = ((await (await tablet.request.get(`/api/v1/versions/${versions.image}/annotations`)).json()) as { marks: { kind: string }[] }).marks;
		expect(before.filter((m) => m.kind === 'pen')).toHaveLength(1);

		// A stroke leaves the comments closed on a tablet, so the proof stays in view.
		expect(await tablet.getByRole('button', { name: 'Close comments' }).isVisible()).toBe(false);
		const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
		await touch('touchStart', [
			{ x: c.x - 40, y: c.y },
			{ x: c.x + 40, y: c.y }
		]);
		for (let i = 1; i <= 8; i++)
			await touch('touchMove', [
				{ x: c.x - 40 - i * 15, y: c.y },
				{ x: c.x + 40 + i * 15, y: c.y }
			]);
		await touch('touchEnd', []);
		await shot(tablet, 'review-tablet-pinched');

		const zoom = Number((await text(tablet.getByTestId('zoom-level'))).replace('%', ''));
		expect(zoom).toBeGreaterThan(150);
		// The pinch drew nothing.
		const after = ((await (await tablet.request.get(`/api/v1/versions/${versions.image}/annotations`)).json()) as { marks: unknown[] }).marks;
		expect(after).toHaveLength(before.length);
		await shot(tablet, 'review-tablet');

		// A pen draws with its pressure; a palm resting meanwhile draws nothing.
		await tablet.keyboard.press('0');
		const pen = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number, force: number) =>
			cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen', force });
		const py = box.y + box.height * 0.45;
		await pen('mousePressed', box.x + box.width * 0.3, py, 0.2);
		await touch('touchStart', [{ x: box.x + box.width * 0.5, y: box.y + box.height * 0.65 }]);
		for (let i = 1; i <= 8; i++) {
			await pen('mouseMoved', box.x + box.width * (0.3 + i * 0.04), py, 0.2 + i * 0.08);
			await touch('touchMove', [{ x: box.x + box.width * (0.5 + i * 0.02), y: box.y + box.height * 0.65 }]);
		}
		await touch('touchEnd', []);
		await pen('mouseReleased', box.x + box.width * 0.62, py, 0);
		await expect
			.poll(async () => ((await (await tablet.request.get(`/api/v1/versions/${versions.image}/annotations`)).json()) as { marks: unknown[] }).marks.length)
			.toBe(after.length + 1);
		const pens = ((await (await tablet.request.get(`/api/v1/versions/${versions.image}/annotations`)).json()) as { marks: { kind: string; pressure: number[] }[] }).marks.filter((m) => m.kind === 'pen');
		const pressed = pens.find((m) => m.pressure.length > 0);
		expect(pressed).toBeDefined();
		expect(Math.max(...pressed!.pressure)).toBeGreaterThan(Math.min(...pressed!.pressure));
	});

	test('the Reviews page lists the rooms with comments and opens them', async () => {
		await annPage.goto(`${workspace}/reviews`);
		const room = annPage.getByRole('link', { name: /^Spring campaign v1: \d+ open of \d+ comments$/ });
		await room.waitFor();
		await shot(annPage, 'reviews-page');
		await room.click();
		await annPage.waitForURL(`**/review/${versions.image}`);
	});

	test('work done while offline stays on the device and merges when the connection is back', async () => {
		await Promise.all([enterRoom(annPage, versions.image), enterRoom(benPage, versions.image)]);
		await benPage.context().setOffline(true);
		await benPage.getByTestId('sync-state').filter({ hasText: 'Offline' }).waitFor({ timeout: 15_000 });
		const box = await stageBox(benPage);
		await benPage.keyboard.press('c');
		await benPage.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.2);
		const composer = benPage.getByPlaceholder('Say what should change…');
		await composer.fill('Noted on the train');
		await composer.press('Enter');
		await benPage.waitForTimeout(1000);
		const noted = threads(annPage).filter({ hasText: 'Noted on the train' });
		expect(await noted.count()).toBe(0);
		await benPage.context().setOffline(false);
		await expect.poll(() => noted.count(), { timeout: 20_000 }).toBe(1);
		await benPage.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
	});
});
