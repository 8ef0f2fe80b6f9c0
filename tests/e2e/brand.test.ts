// The brand guidelines portal as people read it: sections in order with a table of
// contents, swatches and approved assets; an asset whose rights expire disappears for
// reviewers and is flagged for managers, who can replace it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, createInviteLink, type Person } from './flows.ts';
import { photo } from './library-files.ts';
import { shows, text } from './see.ts';
import { shot } from './act.ts';

const ada: Person = { name: 'Ada Admin', email: 'ada@example.com', password: 'a long enough password' };
const rita: Person = { name: 'Rita Reviewer', email: 'rita@example.com', password: 'another long password' };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adaPage: Page;
let ritaPage: Page;
let workspace: string;
let workspaceId: string;
let logoId: string;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}
const post = (path: string, data: unknown) => adaPage.request.post(path, { data, headers: { origin: server.url } });

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	adaPage = await open(desktopContext);
	await adaPage.goto('/');
	workspace = await completeSetup(adaPage, ada, 'Harbour Studio');
	workspaceId = ((await (await adaPage.request.get('/api/v1/me')).json()) as { workspaces: { id: string }[] }).workspaces[0]!.id;
	const link = await createInviteLink(adaPage, workspace);
	ritaPage = await open(tabletContext);
	await ritaPage.goto(link);
	await ritaPage.getByLabel('Your name').fill(rita.name);
	await ritaPage.getByLabel('Email').fill(rita.email);
	await ritaPage.getByLabel('Password').fill(rita.password);
	await ritaPage.getByRole('button', { name: 'Create account and join' }).tap();
	await ritaPage.waitForURL(`**${workspace}/briefs`);
	const up = await adaPage.request.post(`/api/v1/assets?workspaceId=${workspaceId}`, { multipart: { file: { name: 'Harbour logo.png', mimeType: 'image/png', buffer: await photo(800, 800, '#1e3a8a', '#38bdf8', 'png') } }, headers: { origin: server.url } });
	logoId = ((await up.json()) as { asset: { id: string } }).asset.id;
}, 180_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('brand guidelines portal', () => {
	test('an empty portal says what to do', async () => {
		await ritaPage.goto(`${workspace}/brand`);
		await shows(ritaPage.getByRole('main'), 'No brand guidelines yet');
	});

	test('only approved assets can be embedded; the portal shows text, swatches and assets in order', async () => {
		const refused = await post(`/api/v1/brand-sections?workspaceId=${workspaceId}`, { kind: 'assets', title: 'Logos', assetIds: [logoId] });
		expect(refused.status()).toBe(400);
		expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Harbour logo');
		expect((await adaPage.request.patch(`/api/v1/assets/${logoId}`, { data: { status: 'approved' }, headers: { origin: server.url } })).status()).toBe(200);

		expect((await post(`/api/v1/brand-sections?workspaceId=${workspaceId}`, { kind: 'text', title: 'Voice', body: '<p>Warm, <strong>plain</strong> and brief.</p><script>alert(1)</script>' })).status()).toBe(201);
		expect((await post(`/api/v1/brand-sections?workspaceId=${workspaceId}`, { kind: 'colours', title: 'Colours', colours: [{ name: 'Harbour blue', hex: '#1E3A8A' }, { name: 'Sky', hex: '#38BDF8' }] })).status()).toBe(201);
		expect((await post(`/api/v1/brand-sections?workspaceId=${workspaceId}`, { kind: 'assets', title: 'Logos', assetIds: [logoId] })).status()).toBe(201);

		await ritaPage.reload();
		const sections = ritaPage.getByTestId('brand-section');
		await expect.poll(() => sections.count()).toBe(3);
		expect((await sections.locator('h2').allInnerTexts()).map((t) => t.trim())).toEqual(['Voice', 'Colours', 'Logos']);
		await shows(ritaPage.getByTestId('brand-contents'), 'Colours');
		await shows(sections.nth(0), 'Warm, plain and brief.');
		expect(await sections.nth(0).locator('script').count()).toBe(0);
		expect(await ritaPage.getByTestId('swatches').getByRole('listitem').count()).toBe(2);
		await shows(ritaPage.getByTestId('brand-assets'), 'Harbour logo');
		expect(await ritaPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(834);
		// Reviewers read; they cannot edit.
		expect(await ritaPage.getByRole('button', { name: /Edit/ }).count()).toBe(0);
		await shot(ritaPage, 'brand-tablet');
	});

	test('an asset whose rights expired is hidden from reviewers and flagged for managers', async () => {
		expect((await adaPage.request.patch(`/api/v1/assets/${logoId}`, { data: { expiresAt: '2020-01-01T00:00:00Z' }, headers: { origin: server.url } })).status()).toBe(200);
		await ritaPage.reload();
		await expect.poll(() => ritaPage.getByTestId('brand-section').count()).toBe(3);
		expect(await ritaPage.getByRole('listitem', { name: 'Harbour logo' }).count()).toBe(0);

		await adaPage.goto(`${workspace}/brand`);
		await shows(adaPage.getByTestId('asset-flag'), 'Rights expired');
		await shows(adaPage.getByTestId('flagged-note'), 'expired');
		expect(await text(adaPage.getByRole('listitem', { name: 'Harbour logo' }))).toContain('Rights expired');
		await shot(adaPage, 'brand-flagged-desktop');
	});

	test('a manager edits the portal in place: adds, writes, reorders and deletes a section', async () => {
		await adaPage.goto(`${workspace}/brand`);
		await adaPage.waitForLoadState('networkidle');
		await adaPage.getByRole('button', { name: 'Edit guidelines' }).click();
		await adaPage.getByTestId('add-section').getByRole('button', { name: /^Text/ }).click();
		const editor = adaPage.getByTestId('section-editor');
		await editor.getByLabel('Title').fill('Words we avoid');
		await editor.getByRole('textbox', { name: 'Text' }).fill('Never say “cheap”.\n\nSay “good value” instead.');
		await editor.getByRole('button', { name: 'Add section' }).click();
		const sections = adaPage.getByTestId('brand-section');
		await expect.poll(() => sections.count()).toBe(4);
		await shows(sections.nth(3), 'Say “good value” instead.');
		// Moved to the top, and the order holds for everyone.
		for (let i = 0; i < 3; i++) {
			await adaPage.getByRole('button', { name: 'Move “Words we avoid” up' }).click();
			await expect.poll(async () => (await sections.locator('h2').allInnerTexts()).map((t) => t.trim()).indexOf('Words we avoid')).toBe(2 - i);
		}
		await ritaPage.reload();
		await expect.poll(async () => (await ritaPage.getByTestId('brand-section').locator('h2').first().innerText()).trim()).toBe('Words we avoid');
		await shot(adaPage, 'brand-editing-desktop');

		await adaPage.getByRole('button', { name: 'Edit “Words we avoid”' }).click();
		await adaPage.getByTestId('section-editor').getByLabel('Title').fill('Words to avoid');
		await adaPage.getByTestId('section-editor').getByRole('button', { name: 'Save section' }).click();
		await shows(sections.first().locator('h2'), 'Words to avoid');
		await adaPage.getByRole('button', { name: 'Delete “Words to avoid”' }).click();
		await adaPage.getByRole('alertdialog').getByRole('button', { name: 'Delete section' }).click();
		await expect.poll(() => sections.count()).toBe(3);
		await adaPage.getByRole('button', { name: 'Done editing' }).click();
		expect(await adaPage.getByRole('button', { name: /Move “/ }).count()).toBe(0);
		// Each change is in the trail.
		await adaPage.goto(`${workspace}/activity?family=brand`);
		await shows(adaPage.getByTestId('activity'), 'Ada Admin deleted “Words to avoid” from the brand guidelines');
		await shows(adaPage.getByTestId('activity'), 'Ada Admin reordered the brand guidelines');
		await shows(adaPage.getByTestId('activity'), 'Ada Admin added “Words we avoid” to the brand guidelines');
	});
});
