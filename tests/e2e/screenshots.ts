// Screenshots of the main screens at desktop, tablet and phone sizes, for looking at the UI.
// Usage: node tests/e2e/screenshots.ts <outdir> [--only=library]   (needs a build: npx vite build)
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktopContext, launchBrowser, phoneContext, tabletContext } from './browser.ts';
import { startServer } from './server.ts';
import { completeSetup, createInviteLink, createToken, openDrawer, signIn } from './flows.ts';
import { libraryScreens } from './library-shots.ts';

const args = process.argv.slice(2);
const outDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'screenshots');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const admin = { name: 'Ada Lovelace-Byron', email: 'ada@example.com', password: 'correct horse battery' };
const second = { name: 'Grace Hopper', email: 'grace.hopper@example.com', password: 'another long password' };

async function shoot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: opts.fullPage ?? true });
	console.log(`  ${name}.png`);
}

/** The signed-in screens, for one device profile. */
async function appScreens(context: BrowserContext, ws: string, suffix: string) {
	const page = await context.newPage();
	await page.goto('/login');
	await signIn(page, admin);
	await page.waitForURL(/\/w\//);
	await page.goto(`${ws}/briefs`);
	await shoot(page, `briefs-${suffix}`);
	await page.goto(`${ws}/settings/members`);
	await shoot(page, `members-${suffix}`);
	await createInviteLink(page, ws);
	await shoot(page, `invitations-${suffix}`);
	await createToken(page, `CMS sync (${suffix})`);
	await shoot(page, `tokens-${suffix}`);
	await page.goto('/account/profile');
	await shoot(page, `profile-${suffix}`);
	if (suffix === 'desktop') {
		await page.goto(`${ws}/settings`);
		await page.getByRole('button', { name: 'Switch workspace' }).click();
		await page.getByRole('menu').waitFor();
		await page.screenshot({ path: path.join(outDir, 'switcher-desktop.png') });
		await page.keyboard.press('Escape');
	}
	return page;
}

/** Only what the library needs: an account and its workspace. */
async function libraryOnly(browser: Browser, url: string) {
	const ctx = await desktopContext(browser, url);
	const page = await ctx.newPage();
	await page.goto('/setup');
	const ws = await completeSetup(page, admin, 'Acme Marketing & Brand Studio');
	await ctx.close();
	await libraryScreens(browser, url, ws, admin, outDir, shoot);
}

async function main(browser: Browser, url: string) {
	const make = { desktop: desktopContext, tablet: tabletContext };
	// Signed-out pages first: /setup only exists before the first account.
	for (const [suffix, factory] of Object.entries(make)) {
		const ctx = await factory(browser, url);
		const page = await ctx.newPage();
		await page.goto('/setup');
		await shoot(page, `setup-${suffix}`);
		await ctx.close();
	}
	const first = await desktopContext(browser, url);
	const firstPage = await first.newPage();
	await firstPage.goto('/setup');
	const ws = await completeSetup(firstPage, admin, 'Acme Marketing & Brand Studio');
	const link = await createInviteLink(firstPage, ws);
	const other = await desktopContext(browser, url);
	const otherPage = await other.newPage();
	await otherPage.goto(link);
	await shoot(otherPage, 'invite-desktop');
	await otherPage.getByLabel('Your name').fill(second.name);
	await otherPage.getByLabel('Email').fill(second.email);
	await otherPage.getByLabel('Password').fill(second.password);
	await otherPage.getByRole('button', { name: 'Create account and join' }).click();
	await otherPage.waitForURL(/\/briefs$/);
	await other.close();
	await first.close();

	for (const [suffix, factory] of Object.entries(make)) {
		const ctx = await factory(browser, url);
		const page = await ctx.newPage();
		await page.goto('/login');
		await shoot(page, `login-${suffix}`);
		if (suffix === 'desktop') {
			await page.keyboard.press('Tab');
			await page.screenshot({ path: path.join(outDir, 'login-focus-desktop.png') });
		}
		await page.getByLabel('Email').fill(admin.email);
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').waitFor();
		await shoot(page, `login-error-${suffix}`);
		await ctx.close();
		const app = await factory(browser, url);
		await appScreens(app, ws, suffix);
		await app.close();
	}

	const phone = await phoneContext(browser, url);
	const page = await phone.newPage();
	await page.goto('/login');
	await signIn(page, admin, { tap: true });
	await page.waitForURL(/\/w\//);
	await shoot(page, 'briefs-phone');
	await openDrawer(page);
	await page.waitForTimeout(400); // let the drawer finish sliding in
	await page.screenshot({ path: path.join(outDir, 'drawer-phone.png') });
	console.log('  drawer-phone.png');
	await phone.close();

	await libraryScreens(browser, url, ws, admin, outDir, shoot);
}

await fs.mkdir(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
	console.log(`Screenshots in ${outDir}:`);
	await (only === 'library' ? libraryOnly(browser, server.url) : main(browser, server.url));
} finally {
	await browser.close();
	await server.stop();
}
