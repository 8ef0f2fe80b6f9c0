// A brief from intake to approval: a manager starts one from the default template and fills
// it in; submitting names what is missing; the manager signs off the brief and its budget;
// the creator drops a draft on a deliverable and requests approval; the board, the timeline
// and "who is on what" show where it stands.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, createInviteLink, type Person } from './flows.ts';
import { dropFiles, photo } from './library-files.ts';
import { shows, text } from './see.ts';
import { pressUntil, shot } from './act.ts';

const max: Person = { name: 'Max Manager', email: 'max@example.com', password: 'a long enough password' };
const cleo: Person = { name: 'Cleo Creator', email: 'cleo@example.com', password: 'another long password' };
const TITLE = 'Summer sale campaign';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let maxPage: Page;
let cleoPage: Page;
let workspace: string;
let briefPath: string;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}


const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	maxPage = await open(desktopContext);
	await maxPage.goto('/');
	workspace = await completeSetup(maxPage, max, 'Harbour Studio');
	// Cleo joins as a creator.
	await maxPage.goto(`${workspace}/settings/invitations`);
	const link = await createInviteLink(maxPage, workspace);
	cleoPage = await open(desktopContext);
	await cleoPage.goto(link);
	await cleoPage.getByLabel('Your name').fill(cleo.name);
	await cleoPage.getByLabel('Email').fill(cleo.email);
	await cleoPage.getByLabel('Password').fill(cleo.password);
	await cleoPage.getByRole('button', { name: 'Create account and join' }).click();
	await cleoPage.waitForURL(`**${workspace}/briefs`);
	const me = (await (await maxPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] };
	const members = (await (await maxPage.request.get(`/api/v1/workspaces/${me.workspaces[0]!.id}/members`)).json()) as { items: { userId: string; email: string }[] };
	const cleoId = members.items.find((m) => m.email === cleo.email)!.userId;
	expect((await maxPage.request.patch(`/api/v1/workspaces/${me.workspaces[0]!.id}/members/${cleoId}`, { data: { role: 'creator' }, headers: { origin: server.url } })).status()).toBe(200);
	// The workspace's one proof template gives deliverables their stages.
	const t = await maxPage.request.post(`/api/v1/proof-templates?workspaceId=${me.workspaces[0]!.id}`, { data: { name: 'Brand check', stages: [{ name: 'Brand', reviewers: [max.email] }] }, headers: { origin: server.url } });
	expect(t.status()).toBe(201);
	const c = await maxPage.request.post(`/api/v1/legal-categories?workspaceId=${me.workspaces[0]!.id}`, { data: { name: 'Price promotion', disclaimers: [{ title: 'Price claim', body: 'Prices valid while stocks last.' }] }, headers: { origin: server.url } });
	expect(c.status()).toBe(201);
	const b = await maxPage.request.post(`/api/v1/brand-sections?workspaceId=${me.workspaces[0]!.id}`, { data: { kind: 'colours', title: 'Summer palette', colours: [{ name: 'Sand', hex: '#F6D365' }] }, headers: { origin: server.url } });
	expect(b.status()).toBe(201);
}, 180_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('creative briefs', () => {
	test('with no briefs, the board says how to start one', async () => {
		await maxPage.goto(`${workspace}/briefs`);
		await shows(maxPage.getByRole('main'), 'Start one from a template');
		await shot(maxPage, 'briefs-empty-desktop');
	});

	test('a manager starts a brief from the default template and fills it in', async () => {
		await maxPage.waitForLoadState('networkidle');
		const dialog = maxPage.getByRole('dialog', { name: 'New brief' });
		await pressUntil(maxPage.getByRole('button', { name: 'New brief' }).first(), () => dialog.isVisible());
		await dialog.getByLabel('Title').fill(TITLE);
		await dialog.getByRole('button', { name: 'Create brief' }).click();
		await maxPage.waitForURL(new RegExp(`${workspace}/briefs/[0-9a-f-]{36}$`));
		briefPath = new URL(maxPage.url()).pathname;
		await shows(maxPage.getByTestId('brief-status'), 'Draft');
		for (const label of ['Objectives', 'Audience', 'Key message', 'Mandatories', 'Reference assets', 'Brand guidelines', 'Budget']) await shows(maxPage.getByTestId('intake-form'), label);

		// Submitting an empty brief names what is missing.
		await maxPage.getByRole('button', { name: 'Submit for sign-off' }).click();
		await shows(maxPage.getByTestId('status-panel').getByRole('alert'), 'Objectives is required before the brief is submitted. (and 4 more)');
		await shows(maxPage.getByTestId('brief-status'), 'Draft');

		await field(maxPage, 'objectives').getByRole('textbox').fill('Sell out the summer range by August.');
		await field(maxPage, 'audience').getByRole('textbox').fill('Families in cities');
		await field(maxPage, 'keyMessage').getByRole('textbox').fill('Summer, sorted.');
		await field(maxPage, 'budget').getByRole('spinbutton').fill('25000');
		await maxPage.getByLabel('Legal category').selectOption('Price promotion');
		await field(maxPage, 'brandGuidelines').getByRole('checkbox', { name: 'Summer palette' }).check();
		await maxPage.getByRole('button', { name: 'Save brief' }).click();
		await shows(maxPage.getByTestId('intake-form'), 'Saved');
		// The brief links the section of the brand guidelines it follows.
		const portal = field(maxPage, 'brandGuidelines').getByRole('link', { name: 'Open “Summer palette” in the brand guidelines' });
		expect(await portal.getAttribute('href')).toMatch(new RegExp(`${workspace}/brand#s-[0-9a-f-]{36}$`));
		expect(await field(maxPage, 'brandGuidelines').getByRole('checkbox', { name: 'Summer palette' }).isChecked()).toBe(true);
		await shows(maxPage.getByTestId('disclaimers'), 'Prices valid while stocks last.');

		await maxPage.getByTestId('deliverables').getByRole('listitem').first().waitFor();
		await maxPage.getByRole('button', { name: 'Add', exact: true }).click();
		await maxPage.getByLabel('Name').fill('Instagram story');
		await maxPage.getByLabel('Channel').fill('Instagram');
		await maxPage.getByLabel('Format and size').fill('Story 1080×1920 JPG');
		await maxPage.getByLabel('Due', { exact: true }).fill(isoDay(10));
		await maxPage.getByLabel('Owner', { exact: true }).selectOption({ label: cleo.name });
		await maxPage.getByRole('button', { name: 'Add deliverable' }).click();
		await shows(maxPage.getByTestId('deliverable'), 'Instagram story');
		await shows(maxPage.getByTestId('deliverable-state'), 'No draft yet');

		await maxPage.getByRole('button', { name: 'Add milestone' }).click();
		const row = maxPage.getByTestId('milestone').first();
		await row.getByLabel('Milestone', { exact: true }).fill('First drafts');
		await row.getByLabel('Due', { exact: true }).fill(isoDay(-1));
		await row.getByLabel('Owner', { exact: true }).selectOption({ label: cleo.name });
		await maxPage.getByRole('button', { name: 'Save milestones' }).click();
		await expect.poll(async () => (await (await maxPage.request.get(`/api/v1/briefs/${briefPath.split('/').at(-1)}`)).json()).milestones.length).toBe(1);
		await shot(maxPage, 'brief-draft-desktop');
	});

	test('a creator writes the brief body with the manager, live, in a second browser', async () => {
		await Promise.all([maxPage.reload(), cleoPage.goto(briefPath)]);
		const editor = (p: Page) => p.getByTestId('brief-body').locator('.ProseMirror');
		for (const p of [maxPage, cleoPage]) await p.getByTestId('body-sync-state').and(p.locator('[data-state="saved"]')).waitFor({ timeout: 30_000 });
		await editor(cleoPage).click();
		await cleoPage.keyboard.type('Launch on the first warm weekend.');
		await expect.poll(() => text(editor(maxPage)), { timeout: 5000 }).toContain('Launch on the first warm weekend.');
		await editor(maxPage).click();
		// The caret goes to the end of Cleo's sentence before the new line, checked, as a person
		// looks before typing: a click may land it at the start, and Enter there would put the
		// new line first.
		await expect
			.poll(async () => {
				await maxPage.keyboard.press('Control+End');
				return maxPage.evaluate(() => {
					const s = getSelection();
					const t = s?.focusNode?.textContent ?? '';
					return t.endsWith('warm weekend.') && s!.focusOffset === (s!.focusNode!.nodeType === Node.TEXT_NODE ? t.length : s!.focusNode!.childNodes.length);
				});
			})
			.toBe(true);
		await maxPage.keyboard.press('Enter');
		await maxPage.keyboard.type('Hero image: beach, no people.');
		await expect.poll(() => text(editor(cleoPage)), { timeout: 5000 }).toContain('Hero image: beach, no people.');
		// Each sees the other there.
		await cleoPage.getByTestId('brief-body').getByTestId('peer').first().waitFor();
		await shot(cleoPage, 'brief-body-live-desktop', { fullPage: false });
		// The server keeps the text, for search and reports.
		await expect
			.poll(async () => ((await (await maxPage.request.get(`/api/v1/briefs/${briefPath.split('/').at(-1)}`)).json()) as { bodyText: string }).bodyText, { timeout: 10_000 })
			.toMatch(/Launch on the first warm weekend\.[\s\S]*Hero image: beach, no people\./);
	});

	test('comments: the team reads group comments, a mention reaches the inbox, a private note stays with its author', async () => {
		const comments = (p: Page) => p.getByTestId('brief-comments');
		const box = (p: Page) => comments(p).getByRole('textbox', { name: /Write a comment/ });
		await cleoPage.waitForLoadState('networkidle');
		await box(cleoPage).click();
		await cleoPage.keyboard.type('@Ma');
		await comments(cleoPage).getByRole('option', { name: '@Max Manager' }).waitFor();
		await cleoPage.keyboard.press('Enter');
		await cleoPage.keyboard.type('can we use last year’s beach shots?');
		await comments(cleoPage).getByRole('button', { name: 'Comment', exact: true }).click();
		await shows(comments(cleoPage).getByTestId('brief-comment'), '@Max Manager can we use last year’s beach shots?');
		// The mention waits in Max's inbox and leads back to the comment.
		await maxPage.goto('/inbox');
		await shot(maxPage, 'inbox-desktop');
		await maxPage.getByRole('button', { name: `Cleo Creator mentioned you on the brief “${TITLE}”` }).click();
		await maxPage.waitForURL((u) => u.pathname === briefPath && u.hash.startsWith('#comment-'));
		await maxPage.waitForLoadState('networkidle');
		await box(maxPage).fill('Check the usage rights first.');
		await comments(maxPage).getByText('Private note', { exact: true }).click();
		await comments(maxPage).getByRole('button', { name: 'Add private note' }).click();
		await shows(comments(maxPage), 'Check the usage rights first.');
		await shows(comments(maxPage), 'Private · only its author');
		await cleoPage.reload();
		await shows(comments(cleoPage), 'can we use last year’s beach shots?');
		expect(await text(comments(cleoPage))).not.toContain('Check the usage rights first.');
	});

	test('the manager submits it and signs off the brief and its budget', async () => {
		await maxPage.reload();
		await maxPage.getByRole('button', { name: 'Submit for sign-off' }).click();
		await shows(maxPage.getByTestId('brief-status'), 'Submitted');
		await maxPage.getByRole('button', { name: 'Approve budget' }).click();
		await shows(maxPage.getByTestId('signoff-budget'), 'Signed off');
		await maxPage.getByLabel(/Sign off/).fill('Go ahead.');
		await maxPage.getByRole('button', { name: 'Approve brief' }).click();
		await shows(maxPage.getByTestId('brief-status'), 'Approved');
		await shows(maxPage.getByTestId('signoff-brief'), 'Signed off');
		await shows(maxPage.getByTestId('status-panel'), '“Go ahead.”');
		// Each decision is in the brief's own history, newest first.
		await shows(maxPage.getByTestId('activity'), 'Max Manager signed off the brief: “Go ahead.”');
		await shows(maxPage.getByTestId('activity'), 'Max Manager signed off the budget');
		await shows(maxPage.getByTestId('activity'), 'Max Manager moved the brief from draft to submitted');
		await shot(maxPage, 'brief-approved-desktop');
	});

	test('the creator drops a draft on the deliverable and requests approval', async () => {
		await cleoPage.goto(briefPath);
		await cleoPage.waitForLoadState('networkidle');
		// Approved, the brief is the manager's to change; the creator follows its links.
		await shows(field(cleoPage, 'brandGuidelines').getByRole('link', { name: 'Summer palette' }), 'Summer palette');
		// A drop before the page is interactive reaches no handler; a person would drop again.
		const story = { name: 'story.png', mimeType: 'image/png', buffer: await photo(1080, 1920, '#f6d365', '#fda085', 'png') };
		const taken = async () => (await cleoPage.getByRole('progressbar', { name: /Uploading a draft/ }).count()) > 0 || (await text(cleoPage.getByTestId('deliverable-state'))) !== 'No draft yet';
		for (let i = 0; i < 10 && !(await taken()); i++) {
			await dropFiles(cleoPage, [story], { on: '[data-testid="deliverable"]' });
			await expect.poll(taken, { timeout: 2000 }).toBe(true).catch(() => {});
		}
		// The upload waits for the draft's processing (inline in this server), which takes a while under load.
		await expect.poll(() => text(cleoPage.getByTestId('deliverable-state')), { timeout: 30_000 }).toBe('Drafting');
		await shows(cleoPage.getByTestId('deliverable'), 'Instagram · Story 1080×1920 JPG');
		await shows(cleoPage.getByTestId('deliverable'), '1 draft');
		await cleoPage.getByRole('button', { name: 'Request approval' }).click();
		await shows(cleoPage.getByTestId('deliverable-state'), 'In review');
		await cleoPage.getByRole('link', { name: 'Proof', exact: true }).click();
		await cleoPage.waitForURL(/\/proofs\/[0-9a-f-]{36}$/);
		await shows(cleoPage.getByRole('heading', { level: 1 }), `${TITLE}: Instagram story`);
		// The brief's legal lines travel with the proof, for its legal reviewers.
		await shows(cleoPage.getByTestId('disclaimers'), 'Prices valid while stocks last.');
	});

	test('the board, the timeline and “who is on what” show where it stands', async () => {
		await maxPage.goto(`${workspace}/briefs`);
		const card = maxPage.locator('[data-testid="board-column"][data-status="approved"]').getByTestId('brief-card');
		await shows(card, TITLE);
		await shows(card.getByTestId('brief-progress'), '0 of 1 approved · 1 in review');
		await shows(card, 'Overdue: First drafts');
		await shot(maxPage, 'briefs-board-desktop');

		// Search reaches the live-edited body, not only the title.
		const search = maxPage.getByRole('searchbox', { name: 'Search briefs' });
		await search.fill('beach');
		await search.press('Enter');
		await maxPage.waitForURL(/[?&]q=beach/);
		await shows(maxPage.getByTestId('brief-board'), TITLE);
		await search.fill('snowboards');
		await search.press('Enter');
		await shows(maxPage.getByRole('heading', { name: 'No briefs match “snowboards”' }), 'snowboards');
		await maxPage.getByRole('link', { name: 'Clear' }).click();
		await shows(maxPage.getByTestId('brief-board'), TITLE);

		await maxPage.getByRole('link', { name: 'Timeline' }).click();
		await maxPage.waitForURL('**/briefs/timeline');
		const overdue = maxPage.getByRole('region', { name: /Overdue/ });
		await shows(overdue, 'First drafts');
		await shows(maxPage.getByTestId('timeline'), 'Instagram story');
		await shot(maxPage, 'briefs-timeline-desktop');

		await maxPage.getByRole('link', { name: 'Who is on what' }).click();
		const person = maxPage.getByTestId('person').filter({ hasText: cleo.name });
		await shows(person, '2 open on 1 brief · 1 overdue');
		await shot(maxPage, 'briefs-people-desktop');

		// On a tablet the board scrolls sideways within itself; the page does not.
		const tablet = await open(tabletContext);
		await tablet.goto('/login');
		await tablet.getByLabel('Email').fill(max.email);
		await tablet.getByLabel('Password').fill(max.password);
		await tablet.getByRole('button', { name: 'Sign in' }).tap();
		await tablet.waitForURL(/\/w\//);
		await tablet.goto(briefPath);
		expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(834);
		expect(await text(tablet.getByTestId('brief-status'))).toBe('Approved');
		await shot(tablet, 'brief-tablet');
	});

	test('a manager builds an intake template; an admin edits a legal category’s disclaimers', async () => {
		await maxPage.goto(`${workspace}/settings/briefs`);
		await shows(maxPage.getByTestId('brief-template-list'), 'Objectives* (long text)');
		await maxPage.waitForLoadState('networkidle');
		await maxPage.getByRole('button', { name: 'New template' }).click();
		const builder = maxPage.getByTestId('template-builder');
		await builder.getByLabel('Template name').fill('Social post');
		const first = builder.getByTestId('field-draft').first();
		await first.getByLabel('Label').fill('Network');
		expect(await first.getByLabel('Key').inputValue()).toBe('network');
		await first.getByLabel('Type').selectOption({ label: 'Choice' });
		await first.getByLabel('Required').check();
		// A choice without choices is named, and nothing is saved.
		await builder.getByRole('button', { name: 'Save template' }).click();
		await shows(builder.getByRole('alert'), 'Section 1, field 1: A choice field needs its options.');
		await first.getByLabel('Choices, one per line').fill('Instagram\nTikTok');
		await builder.getByRole('button', { name: 'Add field' }).click();
		await builder.getByTestId('field-draft').nth(1).getByLabel('Label').fill('Go-live date');
		await builder.getByTestId('field-draft').nth(1).getByLabel('Type').selectOption({ label: 'Date' });
		await builder.getByRole('button', { name: 'Save template' }).click();
		await shows(maxPage.getByTestId('brief-template-list'), 'Network* (choice), Go-live date (date)');
		await shot(maxPage, 'settings-briefs-desktop');

		const category = maxPage.getByTestId('category-list').getByRole('listitem', { name: 'Price promotion' });
		await category.getByRole('button', { name: 'Add disclaimer' }).click();
		await category.getByTestId('disclaimer-row').nth(1).getByLabel('Disclaimer title').fill('Availability');
		await category.getByTestId('disclaimer-row').nth(1).getByLabel('Disclaimer text').fill('While stocks last.');
		await category.getByRole('button', { name: 'Save Price promotion' }).click();
		await maxPage.getByRole('status').filter({ hasText: 'Legal category “Price promotion” saved.' }).waitFor();
		const cats = (await (await maxPage.request.get('/api/v1/legal-categories')).json()) as { items: { disclaimers: { title: string }[] }[] };
		expect(cats.items[0]!.disclaimers.map((d) => d.title)).toEqual(['Price claim', 'Availability']);
	});
});
