// A guest reviewer, someone outside the workspace, reviews on a tablet through the link in
// their invitation: the link becomes a cookie and leaves the address bar, they give their
// name, open the proof in the review room and pin a comment, then approve with a note by
// taps. The creator sees the decision; the guest never gets a member's access; a withdrawn
// link stops working at the next reload.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, tabletContext } from './browser.ts';
import { photo } from './library-files.ts';
import { shows, text, decoded } from './see.ts';
import { actorOf, backends } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { pressUntil, shot } from './act.ts';

// The in-process server, so the test can act as the creator through the services.
const backend = backends[backends.length - 1]!;
const TITLE = 'Autumn catalogue cover';
const GUEST_EMAIL = 'gina@partner.example';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let guest: Page;
let creator: Actor;
let slug: string;
let workspaceId: string;
let versionId: string;
let proofId: string;
let reviewerId: string;
let linkPath: string;
let apiToken: string;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(backend), launchBrowser()]);
	const s = server.services;
	const setup = await s.auth.setup({ email: 'cleo@example.test', name: 'Cleo Creator', password: 'a long enough password', workspaceName: 'Studio North' });
	creator = actorOf(setup.user);
	workspaceId = setup.workspace.id;
	slug = setup.workspace.slug;
	apiToken = (await s.tokens.createFor(setup.user.id, { name: 'setup' })).token;
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(await photo(1200, 800, '#f6d365', '#fda085', 'png'))]), `${TITLE}.png`);
	const up = await fetch(`${server.url}/api/v1/assets?workspaceId=${workspaceId}`, { method: 'POST', headers: { authorization: `Bearer ${apiToken}` }, body: form });
	expect(up.status).toBe(201);
	versionId = ((await up.json()) as { version: { id: string } }).version.id;
	const proof = await s.proofs.create(creator, { versionIds: [versionId], title: TITLE, stages: [{ name: 'Legal', reviewers: [GUEST_EMAIL] }] });
	proofId = proof.id;
	reviewerId = proof.stages[0]!.reviewers[0]!.id;
	const link = await s.proofs.guestLink(reviewerId);
	expect(link).toMatch(/\/g\/g1\./);
	linkPath = new URL(link!).pathname;
	// A tablet that has never signed in to Loupe: no member cookies at all.
	context = await tabletContext(browser, server.url);
	guest = await context.newPage();
}, 180_000);

afterAll(async () => {
	await context?.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('guest review', () => {
	test('a link that is not valid gets a plain explanation and nothing of the workspace', async () => {
		const page = await context.newPage();
		const res = await page.goto('/g/g1.not-a-real-token');
		expect(res?.status()).toBe(401);
		await shows(page.getByRole('heading', { level: 1 }), 'This review link is not valid');
		const body = await text(page.locator('body'));
		expect(body).toContain('Ask the person who sent it for a new one');
		expect(body).not.toContain('Studio North');
		expect(await page.getByRole('link', { name: /workspace/i }).count()).toBe(0);
		expect((await context.cookies()).some((c) => c.name === 'loupe_guest')).toBe(false);
		await page.close();
	});

	test('the link signs the guest in to their proof only, and they give their name first', async () => {
		await guest.goto(linkPath);
		await guest.waitForURL('**/g/proof');
		expect(guest.url()).not.toContain('g1.');
		const cookie = (await context.cookies()).find((c) => c.name === 'loupe_guest')!;
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/g' });
		expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 86_400);
		expect((await context.cookies()).some((c) => c.name === 'loupe_session')).toBe(false);

		await shows(guest.getByRole('heading', { level: 1 }), TITLE);
		const name = guest.getByLabel('Your name');
		await shot(guest, 'guest-name-tablet');
		await name.fill('Gina Guest');
		await guest.getByRole('button', { name: 'Continue' }).tap();
		await shows(guest.getByTestId('guest-name'), 'Gina Guest');
		expect(await name.count()).toBe(0);

		// The proof: its version with a thumbnail, the stage with its reviewer, the decision panel.
		const card = guest.getByTestId('guest-version');
		expect(await card.count()).toBe(1);
		await shows(card, TITLE);
		await expect.poll(() => decoded(card.locator('img'))).toBe(true);
		await shows(guest.getByTestId('stage'), 'Legal stage');
		await shows(guest.getByTestId('reviewer'), 'Gina Guest (you)');
		await shows(guest.getByTestId('reviewer'), 'Not decided yet');
		for (const label of ['Approve', 'Approve with changes', 'Changes required', 'Reject']) {
			const box = (await guest.getByRole('button', { name: label, exact: true }).boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
		}
		await shot(guest, 'guest-proof-tablet');
	});

	test('the guest opens the review room and pins a comment with a finger', async () => {
		await guest.getByRole('link', { name: 'Open for review' }).tap();
		await guest.waitForURL(`**/g/review/${versionId}`);
		await guest.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 30_000 });
		await guest.locator('[data-testid="review-stage"] canvas').first().waitFor();
		expect(await guest.getByRole('link', { name: 'Back to the proof' }).getAttribute('href')).toBe('/g/proof');
		expect(await guest.locator('a[href^="/w/"]').count()).toBe(0);
		expect(await text(guest.locator('header'))).not.toContain('View only');

		const box = (await guest.getByTestId('review-stage').boundingBox())!;
		const cdp = await context.newCDPSession(guest);
		const at = { x: box.x + box.width * 0.4, y: box.y + box.height * 0.4 };
		await guest.getByRole('button', { name: /^Pin a comment/ }).tap();
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at, id: 0 }] });
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		const composer = guest.getByPlaceholder('Say what should change…');
		await composer.waitFor();
		await composer.fill('Please add the legal line under the price.');
		await guest.getByRole('button', { name: 'Comment', exact: true }).tap();
		await shows(guest.getByTestId('threads'), 'Please add the legal line under the price.');
		await shows(guest.getByTestId('threads'), 'Gina Guest');
		await guest.getByTestId('sync-state').filter({ hasText: 'All changes saved' }).waitFor();
		// The server kept it: the creator reads it through the members' API.
		await expect
			.poll(async () => {
				const res = await fetch(`${server.url}/api/v1/versions/${versionId}/annotations`, { headers: { authorization: `Bearer ${apiToken}` } });
				return ((await res.json()) as { marks: { kind: string; authorName: string }[] }).marks.map((m) => `${m.kind} by ${m.authorName}`);
			})
			.toEqual(['pin by Gina Guest']);
		await shot(guest, 'guest-room-tablet', { fullPage: false });
		await guest.getByRole('link', { name: 'Back to the proof' }).tap();
		await guest.waitForURL('**/g/proof');
	});

	test('the guest approves with a note by taps, and the creator sees it', async () => {
		await guest.getByLabel('Note').fill('Fine by legal once the line is in.');
		const approve = guest.getByRole('button', { name: 'Approve', exact: true });
		await pressUntil(approve, async () => (await guest.getByText('This proof was approved on').count()) > 0, 'tap');
		await shows(guest.getByTestId('reviewer'), 'Approved');
		await shows(guest.getByTestId('reviewer'), 'Fine by legal once the line is in.');
		expect(await guest.getByTestId('decision-panel').count()).toBe(0);
		await shot(guest, 'guest-approved-tablet');

		const proof = await server.services.proofs.get(creator, proofId);
		expect(proof.status).toBe('approved');
		const gina = proof.stages[0]!.reviewers[0]!;
		expect(gina.name).toBe('Gina Guest');
		expect(gina.decisions).toMatchObject([{ versionId, decision: 'approved', note: 'Fine by legal once the line is in.' }]);
	});

	test('the guest has no member access anywhere else', async () => {
		const assets = await guest.request.get(`/api/v1/assets?workspaceId=${workspaceId}`);
		expect(assets.status()).toBe(401);
		const bearer = await guest.request.get(`/api/v1/assets?workspaceId=${workspaceId}`, { headers: { authorization: `Bearer ${linkPath.slice('/g/'.length)}` } });
		expect(bearer.status()).toBe(401);
		await guest.goto(`/w/${slug}/library`);
		await guest.waitForURL(/\/login/);
		// Their files route serves their own proof's versions only.
		const other = await guest.request.get(`/g/files/00000000-0000-4000-8000-000000000000/thumb`);
		expect(other.status()).toBe(404);
		expect(((await other.json()) as { error: { code: string } }).error.code).toBe('not_found');
		await guest.goto('/g/proof');
		await shows(guest.getByRole('heading', { level: 1 }), TITLE);
	});

	test('a withdrawn link stops working at the next reload', async () => {
		await server.services.proofs.revokeGuest(creator, proofId, reviewerId);
		const res = await guest.reload();
		expect(res?.status()).toBe(401);
		await shows(guest.getByRole('heading', { level: 1 }), 'This review link is not valid');
		expect(await text(guest.locator('body'))).not.toContain(TITLE);
		await shot(guest, 'guest-invalid-tablet');
		const file = await guest.request.get(`/g/files/${versionId}/thumb`);
		expect(file.status()).toBe(401);
		expect(((await file.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
	});
});
