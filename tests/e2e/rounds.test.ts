// A proof's whole journey, as the people in it live it: a creator requests a two-stage proof
// (Brand, then Legal with a guest from outside); the brand reviewer marks what must change
// and asks for changes; the creator uploads v2, compares it with v1 (side by side,
// overlaid, swiped, with boxes around what changed and v1's marks), and marks the carried
// note addressed; the brand reviewer sees it addressed and approves; the guest legal
// reviewer, on a tablet, approves from the link in their email (a real local SMTP server);
// the proof report downloads and tells all of it.
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, createInviteLink, type Person } from './flows.ts';
import { photo } from './library-files.ts';
import { decoded, shows, text } from './see.ts';
import { pressUntil, shot } from './act.ts';
import { guestTokenIn, startSmtp } from '../helpers/smtp.ts';

const cleo: Person = { name: 'Cleo Creator', email: 'cleo@example.com', password: 'a long enough password' };
const bea: Person = { name: 'Bea Brand', email: 'bea@example.com', password: 'another long password' };
const GUEST = 'lena@legal-partner.example';
const TITLE = 'Summer sale poster';
const NOTE = 'Make the logo twice as big.';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let cleoPage: Page;
let beaPage: Page;
let workspace: string;
let assetId: string;
let v1: string;
let proofPath: string;
let v1Poster: Buffer;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}



const stageCard = (page: Page, name: string) => page.getByTestId('stage').filter({ has: page.getByRole('heading', { name, exact: true }) });
const threads = (page: Page) => page.getByTestId('threads');
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const saved = (page: Page) => page.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 30_000 });

beforeAll(async () => {
	smtp = await startSmtp();
	[server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url, LOUPE_MAIL_FROM: 'Loupe <loupe@example.test>' } }), launchBrowser()]);
	cleoPage = await open(desktopContext);
	await cleoPage.goto('/');
	workspace = await completeSetup(cleoPage, cleo, 'Harbour Studio');
	const link = await createInviteLink(cleoPage, workspace);
	beaPage = await open(desktopContext);
	await beaPage.goto(link);
	await beaPage.getByLabel('Your name').fill(bea.name);
	await beaPage.getByLabel('Email').fill(bea.email);
	await beaPage.getByLabel('Password').fill(bea.password);
	await beaPage.getByRole('button', { name: 'Create account and join' }).click();
	await beaPage.waitForURL(`**${workspace}/briefs`);
	const workspaceId = ((await (await cleoPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
	v1Poster = await photo(1600, 1000, '#ffecd2', '#fcb69f', 'png');
	const res = await cleoPage.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, {
		multipart: { file: { name: `${TITLE}.png`, mimeType: 'image/png', buffer: v1Poster } },
		headers: { origin: server.url }
	});
	expect(res.status()).toBe(201);
	({ asset: { id: assetId }, version: { id: v1 } } = (await res.json()) as { asset: { id: string }; version: { id: string } });
}, 180_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
	await smtp?.close();
});

describe('a proof from request to report', () => {
	test('the creator requests Brand then Legal, with a guest for Legal', async () => {
		await cleoPage.goto(`${workspace}/library/${assetId}`);
		const dialog = cleoPage.getByRole('dialog', { name: 'Request approval' });
		await pressUntil(cleoPage.getByRole('button', { name: 'Request approval' }), () => dialog.isVisible());
		const stages = dialog.getByTestId('stage-draft');
		await stages.nth(0).getByLabel('Stage name').fill('Brand');
		await stages.nth(0).getByRole('checkbox', { name: /Bea Brand/ }).check();
		await dialog.getByRole('button', { name: 'Add stage' }).click();
		await stages.nth(1).getByLabel('Stage name').fill('Legal');
		await stages.nth(0).getByLabel('Due date').fill(isoDay(5));
		await stages.nth(1).getByLabel(/Guests without an account/).fill(GUEST);
		await stages.nth(1).getByLabel(/Checklist/).fill('Price disclaimer is present');
		// Kept for next time, as a workspace template.
		await dialog.getByRole('checkbox', { name: 'Also save these stages as a workspace template' }).check();
		await dialog.getByLabel('Template name').fill('Brand then Legal');
		await dialog.getByRole('button', { name: 'Send for approval' }).click();
		await cleoPage.waitForURL(new RegExp(`${workspace}/proofs/[0-9a-f-]{36}$`));
		proofPath = new URL(cleoPage.url()).pathname;
		await shows(stageCard(cleoPage, 'Brand').getByTestId('stage-status'), 'In progress');
		await shows(stageCard(cleoPage, 'Legal').getByTestId('stage-status'), 'Not started');
		// The guest hears nothing until their stage starts.
		expect(smtp.to(GUEST)).toEqual([]);
	});

	test('the brand reviewer marks what must change and asks for changes', async () => {
		await beaPage.goto(proofPath);
		await beaPage.getByRole('link', { name: `Open review room for ${TITLE} v1` }).click();
		await beaPage.waitForURL(`**/review/${v1}`);
		await saved(beaPage);
		const canvas = beaPage.locator('[data-testid="review-stage"] canvas').first();
		await canvas.waitFor();
		const box = (await beaPage.getByTestId('review-stage').boundingBox())!;
		await beaPage.keyboard.press('r');
		await beaPage.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
		await beaPage.mouse.down();
		await beaPage.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 4 });
		await beaPage.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 4 });
		await beaPage.mouse.up();
		const composer = beaPage.getByPlaceholder('Say what should change…');
		await composer.fill(NOTE);
		await composer.press('Enter');
		await shows(threads(beaPage), NOTE);
		await saved(beaPage);

		await beaPage.goto(proofPath);
		const panel = beaPage.getByTestId('decision-panel');
		await panel.getByLabel(/Note/).fill('See the note on the logo.');
		await pressUntil(panel.getByRole('button', { name: 'Changes required', exact: true }), async () => (await beaPage.getByTestId('proof-status').innerText()) === 'Changes required');
		await shows(stageCard(beaPage, 'Brand').getByTestId('stage-reviewer'), 'See the note on the logo.');
	});

	test('the creator uploads v2, compares it with v1 and marks the note addressed', async () => {
		// v2: the same poster with a bigger logo block in the top left.
		const v2Poster = await sharp(v1Poster)
			.composite([{ input: await sharp({ create: { width: 400, height: 260, channels: 3, background: '#1d4ed8' } }).png().toBuffer(), left: 240, top: 160 }])
			.png()
			.toBuffer();
		await cleoPage.goto(`${workspace}/library/${assetId}`);
		await cleoPage.waitForLoadState('networkidle');
		const [chooser] = await Promise.all([cleoPage.waitForEvent('filechooser'), cleoPage.getByRole('button', { name: 'Upload new version' }).click()]);
		await chooser.setFiles({ name: `${TITLE} v2.png`, mimeType: 'image/png', buffer: v2Poster });
		await shows(cleoPage.getByRole('main'), 'v2');

		// The proof opened round 2 for Brand, which asked for changes.
		await expect
			.poll(async () => {
				await cleoPage.goto(proofPath);
				return cleoPage.getByRole('link', { name: `Compare ${TITLE} v1 with v2` }).count();
			}, { timeout: 30_000 })
			.toBe(1);
		await shows(cleoPage.getByTestId('proof-status'), 'In review');
		await shows(stageCard(cleoPage, 'Brand').getByTestId('stage-status'), 'In progress');

		await cleoPage.getByRole('link', { name: `Compare ${TITLE} v1 with v2` }).click();
		await cleoPage.waitForURL(/\/compare\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
		await expect.poll(() => decoded(cleoPage.getByTestId('compare-before'))).toBe(true);
		await expect.poll(() => decoded(cleoPage.getByTestId('compare-after'))).toBe(true);
		// One changed region, boxed on both sides, around the new logo block (240–640 × 160–420 of 1600 × 1000).
		await shows(cleoPage.getByTestId('diff-count'), '1');
		const region = await cleoPage.getByTestId('diff-box').last().evaluate((r) => ['x', 'y', 'width', 'height'].map((k) => Number(r.getAttribute(k))));
		expect(region[0]).toBeGreaterThan(0.1);
		expect(region[0]).toBeLessThan(0.16);
		expect(region[1]).toBeGreaterThan(0.12);
		expect(region[1]).toBeLessThan(0.18);
		expect(region[0]! + region[2]!).toBeGreaterThan(0.38);
		expect(region[0]! + region[2]!).toBeLessThan(0.43);
		// v1's marks on the left: Bea's rectangle, and her note in the list.
		expect(await cleoPage.getByTestId('old-marks').locator('rect').count()).toBe(1);
		await shows(cleoPage.getByRole('complementary', { name: 'Notes and text changes' }), NOTE);
		await shot(cleoPage, 'compare-side-desktop', { fullPage: false });

		// Zoom is shared: both sides show the same part of the poster.
		const transforms = () => cleoPage.locator('[data-testid="compare-before"], [data-testid="compare-after"]').evaluateAll((els) => els.map((e) => (e.parentElement as HTMLElement).style.transform));
		await cleoPage.getByRole('button', { name: 'Zoom in' }).click();
		await shows(cleoPage.getByTestId('compare-zoom'), '125%');
		const [left, right] = await transforms();
		expect(left).toBe(right);

		// Keys switch modes (1, 2, 3) and fit (0), as the buttons' titles say.
		await cleoPage.keyboard.press('0');
		await shows(cleoPage.getByTestId('compare-zoom'), '100%');
		await cleoPage.keyboard.press('2');
		expect(await cleoPage.getByRole('radio', { name: 'Overlay' }).getAttribute('aria-checked')).toBe('true');
		const slider = cleoPage.getByLabel('Opacity of version 2');
		await slider.fill('0.2');
		expect(await cleoPage.getByTestId('compare-top').evaluate((e) => (e as HTMLElement).style.opacity)).toBe('0.2');
		await shot(cleoPage, 'compare-overlay-desktop', { fullPage: false });

		await cleoPage.getByRole('radio', { name: 'Swipe' }).click();
		await cleoPage.getByTestId('swipe-handle').waitFor();
		const pane = (await cleoPage.getByRole('img', { name: /with a divider/ }).boundingBox())!;
		const handle = (await cleoPage.getByTestId('swipe-handle').boundingBox())!;
		await cleoPage.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await cleoPage.mouse.down();
		await cleoPage.mouse.move(pane.x + pane.width * 0.25, handle.y + handle.height / 2, { steps: 5 });
		await cleoPage.mouse.up();
		expect(await cleoPage.getByTestId('compare-top').evaluate((e) => (e as HTMLElement).style.clipPath)).toMatch(/^inset\(0(px)? 0(px)? 0(px)? 2[45](\.\d+)?%\)$/);
		await shot(cleoPage, 'compare-swipe-desktop', { fullPage: false });

		// Into v2's room: Bea's note came along, marked as from v1, and Cleo answers it.
		await cleoPage.getByRole('link', { name: 'Back to the review room' }).click();
		await cleoPage.waitForURL(/\/review\/[0-9a-f-]{36}$/);
		await saved(cleoPage);
		await shows(cleoPage.getByTestId('carried-summary'), '1 note from v1: 0 addressed, 0 not addressed, 1 awaiting an answer');
		const carried = threads(cleoPage).locator('li').filter({ hasText: 'from v1' });
		await shows(carried, NOTE);
		await carried.getByRole('button').first().click();
		await shows(carried, 'Raised on version 1. Has this version addressed it?');
		await carried.getByRole('radio', { name: 'Addressed', exact: true }).click();
		await shows(carried.getByTestId('addressed'), 'Addressed');
		await shows(carried, 'Marked addressed in this version by you');
		await shows(cleoPage.getByTestId('carried-summary'), '1 addressed');
		await saved(cleoPage);
		await shot(cleoPage, 'review-carried-addressed-desktop', { fullPage: false });
	});

	test('the brand reviewer sees the note addressed and approves v2, which starts Legal and mails the guest', async () => {
		await beaPage.goto(proofPath);
		await beaPage.getByRole('link', { name: `Open review room for ${TITLE} v2` }).click();
		await saved(beaPage);
		await shows(threads(beaPage).locator('li').filter({ hasText: NOTE }).getByTestId('addressed'), 'Addressed');

		await beaPage.goto(proofPath);
		const panel = beaPage.getByTestId('decision-panel');
		await pressUntil(panel.getByRole('button', { name: 'Approve', exact: true }), async () => (await stageCard(beaPage, 'Brand').getByTestId('stage-status').innerText()) === 'Approved');
		await shows(stageCard(beaPage, 'Legal').getByTestId('stage-status'), 'In progress');
		await expect.poll(() => smtp.to(GUEST).length, { timeout: 30_000 }).toBe(1);
		expect(smtp.to(GUEST)[0]!.subject).toContain(TITLE);
	});

	test('the guest legal reviewer approves on a tablet from the emailed link', async () => {
		const token = guestTokenIn(smtp.to(GUEST)[0]!.text);
		expect(token).toMatch(/^g1\./);
		const guest = await open(tabletContext);
		await guest.goto(`/g/${token}`);
		await guest.waitForURL('**/g/proof');
		await guest.getByLabel('Your name').fill('Lena Legal');
		await guest.getByRole('button', { name: 'Continue' }).tap();
		await shows(guest.getByTestId('guest-name'), 'Lena Legal');
		await shows(guest.getByTestId('guest-version'), 'Version 2');
		// The Legal checklist, ticked by finger.
		const item = guest.getByTestId('checklist').getByRole('checkbox', { name: 'Price disclaimer is present' });
		await pressUntil(item, async () => (await item.getAttribute('aria-checked')) === 'true', 'tap');
		await guest.getByLabel('Note').fill('Cleared by legal.');
		await pressUntil(guest.getByRole('button', { name: 'Approve', exact: true }), async () => (await guest.getByText('This proof was approved on').count()) > 0, 'tap');
		await shot(guest, 'rounds-guest-approved-tablet');
	});

	test('the report downloads and tells the whole journey', async () => {
		await cleoPage.goto(proofPath);
		await shows(cleoPage.getByTestId('proof-status'), 'Approved');
		const [pdf] = await Promise.all([cleoPage.waitForEvent('download'), cleoPage.getByTestId('report-pdf').click()]);
		const bytes = await fs.readFile((await pdf.path())!);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.length).toBeGreaterThan(5_000);

		const html = await (await cleoPage.request.get(`/api/v1/proofs/${proofPath.split('/').at(-1)}/report.html`)).text();
		const page = await open(desktopContext);
		await page.setContent(html);
		const body = await text(page.locator('body'));
		for (const part of [TITLE, 'v1', 'v2', 'Brand', 'Legal', 'Bea Brand', 'Lena Legal', 'Changes required', 'See the note on the logo.', 'Cleared by legal.', NOTE, 'from v1', 'addressed']) {
			expect(body).toContain(part);
		}
		expect(body).toMatch(/[0-9a-f]{64}/);
	});

	test('the template saved with the first request starts the next one', async () => {
		await cleoPage.goto(`${workspace}/settings/templates`);
		const listed = cleoPage.getByTestId('template-list').getByRole('listitem', { name: 'Brand then Legal' });
		await shows(listed, '1. Brand — 1 reviewer · all decide · due 5 days after the request');
		await shows(listed, '2. Legal — 1 reviewer');
		await shot(cleoPage, 'settings-templates-desktop');

		const workspaceId = ((await (await cleoPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
		const res = await cleoPage.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, {
			multipart: { file: { name: 'Autumn leaflet.png', mimeType: 'image/png', buffer: await photo(800, 600, '#a8edea', '#fed6e3', 'png') } },
			headers: { origin: server.url }
		});
		const other = ((await res.json()) as { asset: { id: string } }).asset.id;
		await cleoPage.goto(`${workspace}/library/${other}`);
		const dialog = cleoPage.getByRole('dialog', { name: 'Request approval' });
		await pressUntil(cleoPage.getByRole('button', { name: 'Request approval' }), () => dialog.isVisible());
		await dialog.getByLabel('Start from').selectOption({ label: 'Template: Brand then Legal (2 stages)' });
		const stages = dialog.getByTestId('stage-draft');
		await expect.poll(() => stages.count()).toBe(2);
		expect(await stages.nth(0).getByLabel('Stage name').inputValue()).toBe('Brand');
		expect(await stages.nth(0).getByRole('checkbox', { name: /Bea Brand/ }).isChecked()).toBe(true);
		expect(await stages.nth(0).getByLabel('Due date').inputValue()).toBe(isoDay(5));
		expect(await stages.nth(1).getByLabel('Stage name').inputValue()).toBe('Legal');
		expect(await stages.nth(1).getByLabel(/Guests without an account/).inputValue()).toBe(GUEST);
		await shot(cleoPage, 'proofs-request-template-desktop', { fullPage: false });
		await dialog.getByRole('button', { name: 'Send for approval' }).click();
		await cleoPage.waitForURL(new RegExp(`${workspace}/proofs/[0-9a-f-]{36}$`));
		await shows(stageCard(cleoPage, 'Brand').getByTestId('stage-status'), 'In progress');
		await shows(stageCard(cleoPage, 'Legal').getByTestId('stage-status'), 'Not started');

		// A second template under a taken name is refused before any proof is made.
		await cleoPage.goto(`${workspace}/library/${other}`);
		await pressUntil(cleoPage.getByRole('button', { name: 'Request approval' }), () => dialog.isVisible());
		await dialog.getByTestId('stage-draft').nth(0).getByRole('checkbox', { name: /Bea Brand/ }).check();
		await dialog.getByRole('checkbox', { name: 'Also save these stages as a workspace template' }).check();
		await dialog.getByLabel('Template name').fill('brand then legal');
		await dialog.getByRole('button', { name: 'Send for approval' }).click();
		await shows(dialog.getByRole('alert'), 'A template called “brand then legal” exists already.');
		expect(cleoPage.url()).toContain(`/library/${other}`);
	});
});
