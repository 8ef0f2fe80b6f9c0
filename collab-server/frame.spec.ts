import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { messageType } from './frame.ts';

const frame = (name: string, type: number, rest: number[] = []) => {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, name);
	encoding.writeVarUint(e, type);
	for (const b of rest) encoding.writeUint8(e, b);
	return encoding.toUint8Array(e);
};

describe('frame message type', () => {
	it('reads the type after any document name, multi-byte characters included', () => {
		expect(messageType(frame('version:0f8e', 8, [1]))).toBe(8);
		expect(messageType(frame('brief:ünïcødé ✓', 0, [0, 1, 2]))).toBe(0);
		expect(messageType(frame('x'.repeat(300), 2))).toBe(2);
	});

	it('gives null for frames too short to carry a type', () => {
		expect(messageType(new Uint8Array())).toBeNull();
		expect(messageType(new Uint8Array([5, 97, 98]))).toBeNull();
		expect(messageType(frame('doc', 1).subarray(0, 4))).toBeNull();
		expect(messageType(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBeNull();
	});
});
