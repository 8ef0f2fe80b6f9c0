import type { Locator, Page } from 'playwright-core';

export type Person = { name: string; email: string; password: string };

/** Fills the first-run form; lands in the new workspace. Returns the workspace address. */
export async function completeSetup(page: Page, admin: Person, workspaceName: string): Promise<string> {
	await page.getByLabel('Your name').fill(admin.name);
	await page.getByLabel('Email').fill(admin.email);
	await page.getByLabel('Password').fill(admin.password);
	await page.getByLabel('Workspace name').fill(workspaceName);
	await page.getByRole('button', { name: 'Create account and workspace' }).click();
	await page.waitForURL(/\/w\/[^/]+\/briefs$/);
	return new URL(page.url()).pathname.replace(/\/briefs$/, '');
}

/** Signs in on /login; `tap` for touch devices. */
export async function signIn(page: Page, who: Pick<Person, 'email' | 'password'>, opts: { tap?: boolean } = {}) {
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	const submit = page.getByRole('button', { name: 'Sign in' });
	await (opts.tap ? submit.tap() : submit.click());
}

/** Creates an invitation link on Settings → Invitations and returns it as shown. */
export async function createInviteLink(page: Page, workspacePath: string): Promise<string> {
	await page.goto(`${workspacePath}/settings/invitations`);
	await page.getByRole('button', { name: 'Create link' }).click();
	const input = page.getByTestId('invite-link');
	await input.waitFor();
	return input.inputValue();
}

/** Creates an API token on /account/tokens and returns it as shown once. */
export async function createToken(page: Page, name: string): Promise<string> {
	await page.goto('/account/tokens');
	await page.getByLabel('Name').fill(name);
	await page.getByRole('button', { name: 'Create token' }).click();
	const input = page.getByTestId('new-token');
	await input.waitFor();
	return input.inputValue();
}

/** Taps the menu button until the drawer shows: a tap before the page is interactive does nothing, and a person would tap again. */
export async function openDrawer(page: Page): Promise<Locator> {
	const drawer = page.getByRole('dialog', { name: 'Navigation' });
	for (let attempt = 0; attempt < 40; attempt++) {
		if (await drawer.isVisible()) return drawer;
		await page.getByRole('button', { name: 'Open navigation' }).tap();
		await drawer.waitFor({ timeout: 500 }).catch(() => {});
	}
	throw new Error('The navigation drawer did not open.');
}
