// Staged approval as people use it: a creator requests approval of an image in two stages
// (Creative: everyone decides; Brand: a gatekeeper decides); the Creative reviewer finds it
// waiting on them and approves with a note; the Brand gatekeeper approves by touch on a
// tablet; the creator sees the proof approved, the decisions in its activity, and exports
// the trail as CSV. A reviewer asking for the workspace trail is told who may see it.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, createInviteLink, signIn, type Person } from './flows.ts';
import { photo } from './library-files.ts';
import { shows, text } from './see.ts';
import { pressUntil, shot } from './act.ts';

const cleo: Person = { name: 'Cleo Creator', email: 'cleo@example.com', password: 'a long enough password' };
const ann: Person = { name: 'Ann Reviewer', email: 'ann@example.com', password: 'another long password' };
const bea: Person = { name: 'Bea Brand', email: 'bea@example.com', password: 'yet another long password' };
const TITLE = 'Spring campaign hero';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let cleoPage: Page;
let annPage: Page;
let beaPage: Page;
let workspace: string;
let assetId: string;
let versionId: string;
let proofPath: string;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}

/** Joins through an invitation link (as a reviewer, the link's default role); `tap` on touch devices. */
async function join(page: Page, who: Person, link: string, opts: { tap?: boolean } = {}) {
	await page.goto(link);
	await page.getByLabel('Your name').fill(who.name);
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	const submit = page.getByRole('button', { name: 'Create account and join' });
	await (opts.tap ? submit.tap() : submit.click());
	await page.waitForURL(`**${workspace}/briefs`);
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const stageCard = (page: Page, name: string) => page.getByTestId('stage').filter({ has: page.getByRole('heading', { name, exact: true }) });
const activity = (page: Page) => page.getByTestId('activity');
/** The filter forms show a "Show" button only until the page is interactive (then a choice applies at once). */
const interactive = (page: Page) => page.getByRole('button', { name: 'Show', exact: true }).waitFor({ state: 'detached' });

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	cleoPage = await open(desktopContext);
	await cleoPage.goto('/');
	workspace = await completeSetup(cleoPage, cleo, 'Studio North');
	const workspaceId = ((await (await cleoPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
	const [annLink, beaLink] = [await createInviteLink(cleoPage, workspace), await createInviteLink(cleoPage, workspace)];
	annPage = await open(desktopContext);
	beaPage = await open(tabletContext);
	await join(annPage, ann, annLink);
	await join(beaPage, bea, beaLink, { tap: true });
	const res = await cleoPage.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, {
		multipart: { file: { name: `${TITLE}.png`, mimeType: 'image/png', buffer: await photo(1200, 800, '#fbc2eb', '#a6c1ee', 'png') } },
		headers: { origin: server.url }
	});
	expect(res.status()).toBe(201);
	({ asset: { id: assetId }, version: { id: versionId } } = (await res.json()) as { asset: { id: string }; version: { id: string } });
}, 180_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('proofs and approvals', () => {
	test('before any request, the proofs page says how to start one', async () => {
		await annPage.goto(`${workspace}/proofs`);
		await shows(annPage.getByRole('main'), 'Open an asset in the library and choose Request approval');
		await shot(annPage, 'proofs-empty-desktop');
	});

	test('a creator requests approval in two stages from the asset page and lands on the proof', async () => {
		await cleoPage.goto(`${workspace}/library/${assetId}`);
		await shows(cleoPage.getByRole('heading', { level: 1 }), TITLE);
		const dialog = cleoPage.getByRole('dialog', { name: 'Request approval' });
		for (let attempt = 0; attempt < 20 && !(await dialog.isVisible()); attempt++) {
			await cleoPage.getByRole('button', { name: 'Request approval' }).click();
			await dialog.waitFor({ timeout: 1000 }).catch(() => {});
		}
		expect(await dialog.getByLabel('Title').inputValue()).toBe(TITLE);
		await shot(cleoPage, 'proofs-request-desktop', { fullPage: false });

		// The preset: one stage, Creative, where all decide.
		const stages = dialog.getByTestId('stage-draft');
		expect(await stages.count()).toBe(1);
		const creative = stages.nth(0);
		expect(await creative.getByLabel('Stage name').inputValue()).toBe('Creative');
		expect(await creative.getByLabel('Rule').inputValue()).toBe('all');
		await creative.getByRole('checkbox', { name: /Ann Reviewer/ }).check();
		await creative.getByLabel('Due date').fill(isoDay(-3));

		await dialog.getByRole('button', { name: 'Add stage' }).click();
		const brand = stages.nth(1);
		expect(await brand.getByLabel('Stage name').inputValue()).toBe('Brand');
		await brand.getByRole('checkbox', { name: /Bea Brand/ }).check();
		await brand.getByLabel('Rule').selectOption('gatekeeper');
		await brand.getByLabel('Gatekeeper').selectOption(bea.email);
		await brand.getByLabel('Due date').fill(isoDay(7));
		await brand.getByLabel(/Checklist/).fill('Logo clear space\nColours from the palette');

		// A mistyped guest email is named under its stage, and nothing is created.
		await brand.getByLabel(/Guests without an account/).fill('not-an-email');
		await shot(cleoPage, 'proofs-request-stages-desktop', { fullPage: false });
		await dialog.getByRole('button', { name: 'Send for approval' }).click();
		await shows(brand, 'Each reviewer is an email address.');
		await shows(dialog.getByRole('alert'), 'Stage 2: Each reviewer is an email address.');
		expect(cleoPage.url()).toContain(`/library/${assetId}`);
		await shot(cleoPage, 'proofs-request-error-desktop', { fullPage: false });

		await brand.getByLabel(/Guests without an account/).fill('');
		await dialog.getByRole('button', { name: 'Send for approval' }).click();
		await cleoPage.waitForURL(new RegExp(`${workspace}/proofs/[0-9a-f-]{36}$`));
		proofPath = new URL(cleoPage.url()).pathname;
		await shows(cleoPage.getByRole('heading', { level: 1 }), TITLE);
		await shows(cleoPage.getByTestId('proof-status'), 'In review');
		await shows(stageCard(cleoPage, 'Creative').getByTestId('stage-status'), 'In progress');
		await shows(stageCard(cleoPage, 'Creative'), 'Overdue since');
		await shows(stageCard(cleoPage, 'Brand').getByTestId('stage-status'), 'Not started');
		await shows(stageCard(cleoPage, 'Brand'), 'Bea Brand decides as gatekeeper');
		await shows(stageCard(cleoPage, 'Brand'), 'Gatekeeper');
		// The creator reviews nothing here: no decision buttons.
		expect(await cleoPage.getByTestId('decision-panel').count()).toBe(0);
		await shows(cleoPage.getByTestId('proof-versions'), 'v1');
		expect(await cleoPage.getByRole('link', { name: `Open review room for ${TITLE} v1` }).getAttribute('href')).toMatch(new RegExp(`${workspace}/review/[0-9a-f-]{36}$`));
	});

	test('the Creative reviewer finds it waiting on them and approves with a note', async () => {
		await annPage.goto(`${workspace}/proofs`);
		await shows(annPage.getByRole('link', { name: 'Waiting on me' }).and(annPage.locator('[aria-current="page"]')), 'Waiting on me');
		const row = annPage.getByTestId('proof-row').filter({ hasText: TITLE });
		await shows(row, 'Your decision');
		await shows(row.getByTestId('proof-stage'), 'Creative');
		await shows(row.getByTestId('proof-due'), 'Overdue since');
		expect(await row.getByTestId('reviewer-avatar').getAttribute('aria-label')).toBe('Ann Reviewer: Not decided yet');
		expect(await row.getByTestId('proof-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
		await shot(annPage, 'proofs-list-desktop');

		await row.getByRole('link', { name: TITLE }).click();
		await annPage.waitForURL(`**${proofPath}`);
		const panel = annPage.getByTestId('decision-panel');
		await panel.getByLabel(/Note/).fill('Lovely');
		await panel.getByRole('button', { name: 'Approve', exact: true }).click();
		await shows(stageCard(annPage, 'Creative').getByTestId('stage-status'), 'Approved');
		await shows(stageCard(annPage, 'Creative').getByTestId('stage-reviewer'), 'Lovely');
		await shows(stageCard(annPage, 'Brand').getByTestId('stage-status'), 'In progress');
		// Creative closed, so Ann's buttons are gone and the proof waits on Brand.
		await expect.poll(() => annPage.getByTestId('decision-panel').count()).toBe(0);
		await shows(activity(annPage), 'Ann Reviewer approved v1 in Creative: “Lovely”');

		await annPage.goto(`${workspace}/proofs?show=mine`);
		await annPage.getByTestId('proofs-empty').waitFor();
		await annPage.goto(`${workspace}/proofs?show=in_review`);
		await shows(annPage.getByTestId('proof-row').getByTestId('proof-stage'), 'Brand');
	});

	test('the Brand gatekeeper approves by touch on a tablet', async () => {
		await beaPage.goto(`${workspace}/proofs`);
		const row = beaPage.getByTestId('proof-row').filter({ hasText: TITLE });
		await shows(row, 'Your decision');
		await shot(beaPage, 'proofs-list-tablet');
		await row.getByRole('link', { name: TITLE }).tap();
		await beaPage.waitForURL(`**${proofPath}`);

		const panel = beaPage.getByTestId('decision-panel');
		const approve = panel.getByRole('button', { name: 'Approve', exact: true });
		await approve.waitFor();
		for (const name of ['Approve', 'Approve with changes', 'Changes required', 'Reject']) {
			const box = (await panel.getByRole('button', { name, exact: true }).boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
			expect(box.x + box.width).toBeLessThanOrEqual(834);
		}
		// Nothing on the page is wider than the tablet.
		expect(await beaPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(834);
		await shot(beaPage, 'proof-tablet');

		// The Brand checklist, ticked by finger before deciding.
		const item = beaPage.getByTestId('checklist').getByRole('checkbox', { name: 'Logo clear space' });
		await pressUntil(item, async () => (await item.getAttribute('aria-checked')) === 'true', 'tap');
		await panel.getByLabel(/Note/).tap();
		await panel.getByLabel(/Note/).fill('On brand.');
		await pressUntil(approve, async () => (await beaPage.getByTestId('proof-status').innerText()) === 'Approved', 'tap');
		await shows(stageCard(beaPage, 'Brand').getByTestId('stage-status'), 'Approved');
		await shows(stageCard(beaPage, 'Brand').getByTestId('stage-reviewer'), 'On brand.');
		await shot(beaPage, 'proof-approved-tablet');
	});

	test('the creator sees it approved, the decisions in its activity, and exports them as CSV', async () => {
		await cleoPage.goto(proofPath);
		await shows(cleoPage.getByTestId('proof-status'), 'Approved');
		const feed = activity(cleoPage);
		await shows(feed, 'Ann Reviewer approved v1 in Creative: “Lovely”');
		await shows(feed, 'Bea Brand approved v1 in Brand: “On brand.”');
		await shows(feed, 'Creative closed: approved');
		await shows(feed, 'Proof closed: approved');
		await shows(feed, `Cleo Creator requested approval of “${TITLE}”`);
		await shot(cleoPage, 'proof-desktop');

		// Only decisions, newest first.
		await interactive(cleoPage);
		await cleoPage.getByLabel('Show').selectOption('decisions');
		await cleoPage.waitForURL(/type=decisions/);
		await expect.poll(() => feed.locator('li').count()).toBe(2);
		expect(await text(feed.locator('li').first())).toContain('Bea Brand approved');

		const [download] = await Promise.all([cleoPage.waitForEvent('download'), cleoPage.getByRole('link', { name: 'Export CSV' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^proof-[0-9a-f]{8}-activity\.csv$/);
		const csv = await fs.readFile((await download.path())!, 'utf8');
		const lines = csv.split('\r\n').filter(Boolean);
		expect(lines[0]).toBe('seq,at,type,actor,actor kind,subject,proof,details,hash,previous hash');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,decision\.made,Bea Brand,user,decision:\d+,[0-9a-f-]{36},"\{.*\}",[0-9a-f]{64},[0-9a-f]{64}$/);
		expect(lines[1]).toContain('""decision"":""approved""');
		expect(lines[1]).toContain('""note"":""On brand.""');
		expect(lines[2]).toContain('decision.made,Ann Reviewer,user');
		expect(lines[2]).toContain('""note"":""Lovely""');

		// The proof report, for later audits.
		const [report] = await Promise.all([cleoPage.waitForEvent('download'), cleoPage.getByTestId('report-pdf').click()]);
		expect(report.suggestedFilename()).toMatch(/report\.pdf$/);
		expect((await fs.readFile((await report.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

		// The whole trail, unfiltered, from the same link without the filter.
		const all = await cleoPage.request.get(`${proofPath}/activity.csv`);
		expect(all.headers()['content-type']).toMatch(/^text\/csv/);
		expect(all.headers()['content-disposition']).toMatch(/^attachment/);
		const types = (await all.text()).split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')[2]);
		expect(types).toEqual(expect.arrayContaining(['proof.created', 'stage.started', 'decision.made', 'stage.closed', 'proof.closed']));
	});

	test('the workspace trail: managers filter it and export it; reviewers are told it is for managers', async () => {
		await cleoPage.goto(`${workspace}/activity`);
		const feed = activity(cleoPage);
		await shows(feed, 'Bea Brand approved v1 in Brand');
		await shows(feed, `Cleo Creator uploaded v1 of “${TITLE}”`);
		await interactive(cleoPage);
		await cleoPage.getByLabel('Events').selectOption('decisions');
		await cleoPage.waitForURL(/family=decisions/);
		await expect.poll(() => feed.locator('li').count()).toBe(2);
		await cleoPage.getByLabel('Person').selectOption({ label: ann.name });
		await cleoPage.waitForURL(/person=/);
		await expect.poll(() => feed.locator('li').count()).toBe(1);
		await shows(feed, 'Ann Reviewer approved v1 in Creative');
		await shot(cleoPage, 'activity-desktop');
		const csv = await cleoPage.request.get(`${workspace}/activity/activity.csv${new URL(cleoPage.url()).search}`);
		const rows = (await csv.text()).split('\r\n').slice(1).filter(Boolean);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain('decision.made,Ann Reviewer');

		// A long trail comes in pages: the newest 50, then older ones on "Load more".
		for (let i = 0; i < 52; i++) expect((await cleoPage.request.get(`/api/v1/versions/${versionId}/file`)).status()).toBe(200);
		await cleoPage.goto(`${workspace}/activity?family=downloads`);
		await expect.poll(() => feed.locator('li').count()).toBe(50);
		await interactive(cleoPage);
		const more = cleoPage.getByRole('link', { name: 'Load more' });
		expect(await more.getAttribute('href')).toMatch(/family=downloads&cursor=\d+$/);
		await more.click();
		await expect.poll(() => feed.locator('li').count()).toBe(52);
		await more.waitFor({ state: 'detached' });
		expect(cleoPage.url()).not.toContain('cursor=');
		await shows(feed.locator('li').last(), 'Cleo Creator downloaded the original of “Spring campaign hero” v1');

		await annPage.goto(`${workspace}/activity`);
		await shows(annPage.getByRole('main'), 'The workspace trail is visible to managers and admins');
		await shot(annPage, 'activity-reviewer-desktop');
		expect(await annPage.getByRole('link', { name: 'Export CSV' }).count()).toBe(0);
		expect((await annPage.request.get(`${workspace}/activity/activity.csv`)).status()).toBe(403);
	});

	test('the request dialog fits a tablet in portrait and scrolls within itself', async () => {
		const tablet = await open(tabletContext);
		await tablet.goto('/login');
		await signIn(tablet, cleo, { tap: true });
		await tablet.waitForURL(/\/w\//);
		await tablet.goto(`${workspace}/library/${assetId}`);
		await shot(tablet, 'asset-tablet', { fullPage: false });
		const dialog = tablet.getByRole('dialog', { name: 'Request approval' });
		await pressUntil(tablet.getByRole('button', { name: 'Request approval' }), () => dialog.isVisible(), 'tap');
		await pressUntil(dialog.getByRole('button', { name: 'Add stage' }), async () => (await dialog.getByTestId('stage-draft').count()) === 2, 'tap');
		await dialog.getByTestId('stage-draft').nth(1).getByLabel('Rule').selectOption('quorum');
		const box = (await dialog.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(834);
		expect(box.y + box.height).toBeLessThanOrEqual(1194);
		const send = (await dialog.getByRole('button', { name: 'Send for approval' }).boundingBox())!;
		expect(send.height).toBeGreaterThanOrEqual(44);
		expect(send.y + send.height).toBeLessThanOrEqual(1194);
		await shot(tablet, 'proofs-request-tablet', { fullPage: false });
		await dialog.getByRole('button', { name: 'Cancel' }).tap();
		await dialog.waitFor({ state: 'hidden' });
	});
});
