import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sizeCheck } from './doc-size.ts';
import { RefusedChange } from './refused.ts';

const write = (doc: Y.Doc, text: string) => {
	const updates: Uint8Array[] = [];
	const off = (u: Uint8Array) => updates.push(u);
	doc.on('update', off);
	doc.getText('t').insert(doc.getText('t').length, text);
	doc.off('update', off);
	return updates[0]!;
};

describe('document size limit', () => {
	it('counts accepted updates and refuses the one that would cross the limit', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		for (let i = 0; i < 3; i++) {
			const u = write(client, 'x'.repeat(300));
			sizeCheck(server, u, 1000, 'full').accepted();
			Y.applyUpdate(server, u);
		}
		const last = write(client, 'x'.repeat(300));
		expect(() => sizeCheck(server, last, 1000, 'full')).toThrow(RefusedChange);
		expect(() => sizeCheck(server, last, 1000, 'full')).toThrow('full');
	});

	it('measures again near the limit, so updates that added nothing are not held against it', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const u = write(client, 'x'.repeat(400));
		sizeCheck(server, u, 1000, 'full').accepted();
		Y.applyUpdate(server, u);
		// The same content offered again and again (an offline copy merging back).
		for (let i = 0; i < 5; i++) sizeCheck(server, Y.encodeStateAsUpdate(client), 1000, 'full').accepted();
	});

	it('counts nothing for an update refused later by another check', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		for (let i = 0; i < 10; i++) sizeCheck(server, write(client, 'x'.repeat(300)), 1000, 'full');
		expect(() => sizeCheck(server, write(client, 'x'.repeat(300)), 1000, 'full')).not.toThrow();
	});
});
