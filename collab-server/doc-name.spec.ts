import { describe, expect, it } from 'vitest';
import { parseDocName } from './doc-name.ts';
import { briefDocName } from '#lib/shared/brief-doc.ts';

const ID = '0b7a2f2e-8d7c-4c1e-9f3a-2b1c0d9e8f7a';

describe('collab document names', () => {
	it('parses sandbox documents by workspace id', () => {
		expect(parseDocName(`sandbox:${ID}`)).toEqual({ kind: 'sandbox', workspaceId: ID });
	});
	it('parses review rooms by version id', () => {
		expect(parseDocName(`version:${ID}`)).toEqual({ kind: 'version', versionId: ID });
	});
	it('parses brief bodies by brief id, as the client names them', () => {
		expect(parseDocName(`brief:${ID}`)).toEqual({ kind: 'brief', briefId: ID });
		expect(parseDocName(briefDocName(ID))).toEqual({ kind: 'brief', briefId: ID });
	});
	it('rejects anything else', () => {
		const names = ['', 'sandbox:', 'sandbox:abc', `SANDBOX:${ID}`, `other:${ID}`, `sandbox:${ID}:x`, 'brief:', 'brief:abc', `Brief:${ID}`, `brief:${ID.toUpperCase()}`, `brief:${ID}:body`, `brief: ${ID}`];
		for (const n of names) expect(parseDocName(n), n).toBeNull();
	});
});
