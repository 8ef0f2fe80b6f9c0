import { describe, expect, it } from 'vitest';
import { parseDocName } from './doc-name.ts';

describe('collab document names', () => {
	it('parses sandbox documents by workspace id', () => {
		expect(parseDocName('sandbox:0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a')).toEqual({ kind: 'sandbox', workspaceId: '0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a' });
	});
	it('rejects anything else', () => {
		for (const n of ['', 'sandbox:', 'sandbox:abc', 'SANDBOX:0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a', 'other:0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a', 'sandbox:0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a:x']) {
			expect(parseDocName(n)).toBeNull();
		}
	});
});
