// A large file chosen in the Library goes up resumably (tus, in chunks) and lands in the
// library like any other; a cancelled one leaves nothing behind.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktopContext, launchBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { completeSetup, type Person } from './flows.ts';
import { noise } from './library-files.ts';
import { chooseFiles } from './act.ts';
import { uploadButton } from './see.ts';

const admin: Person = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler 1952 cobol' };

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
	page = await (await desktopContext(browser, server.url)).newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('resumable uploads from the library', () => {
	test('a file over 20 MB goes up in tus chunks, shows progress, and becomes an asset', async () => {
		await page.goto('/');
		await page.waitForURL('**/setup');
		const ws = await completeSetup(page, admin, 'Navy Labs');
		await page.goto(`${ws}/library`);

		const big = await noise(3000, 2400); // ~21 MB of incompressible pixels
		expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
		const tus: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/v1/uploads')) tus.push(r.method());
		});

		await chooseFiles(uploadButton(page), [{ name: 'Poster master.png', mimeType: 'image/png', buffer: big }]);
		const row = page.getByTestId('upload-tray').getByRole('listitem', { name: 'Poster master.png', exact: true });
		await row.getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });

		expect(tus[0]).toBe('POST');
		expect(tus.filter((m) => m === 'PATCH').length).toBeGreaterThanOrEqual(2); // 16 MiB chunks
		await expect.poll(() => page.getByTestId('asset-card').count()).toBe(1);
		expect(await page.getByTestId('asset-card').first().innerText()).toContain('Poster master');
	});
});
