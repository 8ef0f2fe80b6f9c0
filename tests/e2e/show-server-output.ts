// When an e2e test fails, what the Loupe servers printed since the last failure goes to the
// test's output: a locator timeout in the browser is often a server error seen from afar.
import { beforeEach } from 'vitest';
import { unshownServerOutput } from './server.ts';

beforeEach(({ onTestFailed }) => {
	onTestFailed(() => {
		for (const { url, text } of unshownServerOutput()) console.error(`Loupe at ${url} printed:\n${text}`);
	});
});
