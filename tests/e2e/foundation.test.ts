// The foundation as people use it: first run, invitations, API tokens, signing in and out,
// on a desktop and on a tablet by touch. One server (fresh data dir) for the whole story.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, tabletContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, openDrawer, signIn, type Person } from './flows.ts';
import { text } from './see.ts';

const admin: Person = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery' };
const reviewer: Person = { name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol forever 1959' };
const newPassword = 'analytical engine 1843';
const workspaceName = 'Acme Marketing';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Pages that live across steps: the admin at a desk, the invited reviewer, the admin on a tablet. */
let desk: Page;
let guest: Page;
let tablet: Page;
let workspacePath: string;

async function open(make: typeof desktopContext): Promise<Page> {
	const context = await make(browser, server.url);
	contexts.push(context);
	return context.newPage();
}

const path = (page: Page) => new URL(page.url()).pathname;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

describe('foundation', () => {
	test('the first visit to a fresh instance leads through setup into the new workspace', async () => {
		desk = await open(desktopContext);
		await desk.goto('/');
		await desk.waitForURL('**/setup');
		expect(await text(desk.getByRole('heading', { level: 1 }))).toBe('Welcome to Loupe');

		workspacePath = await completeSetup(desk, admin, workspaceName);
		expect(workspacePath).toMatch(/^\/w\/[a-z0-9-]+$/);
		expect(await text(desk.getByTestId('current-user'))).toBe(admin.name);
		expect(await text(desk.getByRole('button', { name: 'Switch workspace' }))).toContain(workspaceName);
		expect(await text(desk.getByRole('heading', { level: 1 }))).toBe('Briefs');
	});

	test('setup is gone once done, and a wrong password is refused with a message', async () => {
		const page = await open(desktopContext);
		await page.goto('/setup');
		await page.waitForURL('**/login');

		await signIn(page, { email: admin.email, password: 'not my password' });
		expect(await text(page.getByRole('alert'))).toMatch(/do not match/i);
		expect(path(page)).toBe('/login');
		expect(await page.getByLabel('Email').inputValue()).toBe(admin.email);
		expect(await page.getByTestId('current-user').count()).toBe(0);
	});

	test('an invitation link lets a second person create an account and join', async () => {
		await desk.getByRole('link', { name: 'Settings', exact: true }).click();
		await desk.waitForURL(`**${workspacePath}/settings`);
		await desk.getByRole('link', { name: 'Invitations' }).click();
		await desk.waitForURL('**/settings/invitations');
		await desk.getByRole('button', { name: 'Create link' }).click();
		const link = await desk.getByTestId('invite-link').inputValue();
		expect(link.startsWith(`${server.url}/invite/`)).toBe(true);
		await desk.getByRole('link', { name: 'Members' }).click();
		await desk.waitForURL('**/settings/members');
		expect(await text(desk.getByTestId('member-list'))).not.toContain(reviewer.name);

		guest = await open(desktopContext);
		await guest.goto(link);
		expect(await text(guest.getByRole('heading', { level: 1 }))).toBe(`Join ${workspaceName}`);
		await guest.getByLabel('Your name').fill(reviewer.name);
		await guest.getByLabel('Email').fill(reviewer.email);
		await guest.getByLabel('Password').fill(reviewer.password);
		await guest.getByRole('button', { name: 'Create account and join' }).click();
		await guest.waitForURL(`**${workspacePath}/briefs`);
		expect(await text(guest.getByTestId('current-user'))).toBe(reviewer.name);
		expect(await text(guest.getByRole('button', { name: 'Switch workspace' }))).toContain(workspaceName);

		await guest.getByRole('link', { name: 'Settings', exact: true }).click();
		await guest.waitForURL(`**${workspacePath}/settings`);
		await guest.getByRole('link', { name: 'Members' }).click();
		await guest.waitForURL('**/settings/members');
		const seenByGuest = await text(guest.getByTestId('member-list'));
		for (const who of [admin, reviewer]) {
			expect(seenByGuest).toContain(who.name);
			expect(seenByGuest).toContain(who.email);
		}

		await desk.reload();
		const seenByAdmin = await text(desk.getByTestId('member-list'));
		expect(seenByAdmin).toContain(reviewer.name);
		expect(seenByAdmin).toContain(reviewer.email);
	});

	test('an API token made on the tokens page calls the API as its owner', async () => {
		await desk.getByRole('link', { name: 'API tokens' }).click();
		await desk.waitForURL('**/account/tokens');
		await desk.getByLabel('Name').fill('Release script');
		await desk.getByRole('button', { name: 'Create token' }).click();
		const token = await desk.getByTestId('new-token').inputValue();
		expect(token.length).toBeGreaterThan(20);
		expect(await text(desk.getByTestId('token-list'))).toContain('Release script');

		const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
		expect(me.status).toBe(200);
		const body = (await me.json()) as { user: { email: string }; workspaces: { name: string }[] };
		expect(body.user.email).toBe(admin.email);
		expect(body.workspaces.map((w) => w.name)).toContain(workspaceName);

		const forged = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token.slice(0, -2)}xx` } });
		expect(forged.status).toBe(401);
	});

	test('signing out ends the session', async () => {
		await desk.getByRole('button', { name: 'Sign out' }).click();
		await desk.waitForURL('**/login');
		await desk.goto(`${workspacePath}/briefs`);
		await desk.waitForURL(/\/login\?next=/);
		expect(await desk.getByTestId('current-user').count()).toBe(0);
	});

	test('on a tablet one signs in and gets around through the navigation drawer, by touch', async () => {
		tablet = await open(tabletContext);
		await tablet.goto('/');
		await tablet.waitForURL(/\/login/);
		await signIn(tablet, admin, { tap: true });
		await tablet.waitForURL(`**${workspacePath}/briefs`);

		const drawer = await openDrawer(tablet);
		expect(await text(drawer.getByTestId('current-user'))).toBe(admin.name);
		await drawer.getByRole('link', { name: 'Library' }).tap();
		await tablet.waitForURL(`**${workspacePath}/library`);
		expect(await text(tablet.getByRole('heading', { level: 1 }))).toBe('Library');
		await drawer.waitFor({ state: 'hidden' });
	});

	test('changing the password signs out the other sessions, and only the new password works', async () => {
		await desk.goto('/login');
		await signIn(desk, admin);
		await desk.waitForURL(`**${workspacePath}/briefs`);
		await desk.getByRole('link', { name: 'Profile' }).click();
		await desk.waitForURL('**/account/profile');
		await desk.getByLabel('Current password').fill(admin.password);
		await desk.getByLabel('New password').fill(newPassword);
		await desk.getByRole('button', { name: 'Change password' }).click();
		expect(await text(desk.getByRole('status'))).toMatch(/password changed/i);

		// The tablet session ended: its next navigation asks to sign in.
		const drawer = await openDrawer(tablet);
		await drawer.getByRole('link', { name: 'Reviews' }).tap();
		await tablet.waitForURL(/\/login/);
		expect(await tablet.getByTestId('current-user').count()).toBe(0);

		await signIn(tablet, admin, { tap: true });
		expect(await text(tablet.getByRole('alert'))).toMatch(/do not match/i);
		await signIn(tablet, { email: admin.email, password: newPassword }, { tap: true });
		await tablet.waitForURL(/\/w\//);
		expect(await text(tablet.getByRole('heading', { level: 1 }))).not.toBe('Sign in');

		// The session that made the change, and other people's sessions, carry on.
		await desk.reload();
		expect(path(desk)).toBe('/account/profile');
		expect(await text(desk.getByTestId('current-user'))).toBe(admin.name);
		await guest.reload();
		expect(path(guest)).toBe(`${workspacePath}/settings/members`);
	});
});
