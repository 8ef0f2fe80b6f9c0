import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { imageDiff, wordDiff } from './diff.ts';

const canvas = (draw: string) =>
	sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#fff"/>${draw}</svg>`)).png().toBuffer();

describe('imageDiff', () => {
	it('boxes the regions that changed and ignores the rest', async () => {
		const a = await canvas('<rect x="100" y="100" width="120" height="80" fill="#c00"/><text x="500" y="400" font-size="40">Sale</text>');
		const b = await canvas('<rect x="100" y="100" width="120" height="80" fill="#c00"/><text x="500" y="400" font-size="40">Sold</text><circle cx="650" cy="120" r="40" fill="#06c"/>');
		const d = await imageDiff(a, b, { width: 800 });
		expect(d.regions).toHaveLength(2);
		const near = (box: { x: number; y: number; w: number; h: number }, x: number, y: number) => box.x <= x && x <= box.x + box.w && box.y <= y && y <= box.y + box.h;
		expect(d.regions.some((r) => near(r, 650 / 800, 120 / 600))).toBe(true);
		expect(d.regions.some((r) => near(r, 540 / 800, 390 / 600))).toBe(true);
		expect(d.regions.every((r) => !near(r, 160 / 800, 140 / 600))).toBe(true);
		expect((await imageDiff(a, a)).regions).toEqual([]);
	});
});

describe('wordDiff', () => {
	it('finds added and removed words with a little context', () => {
		const d = wordDiff('Summer sale ends Friday at noon', 'Summer sale ends Sunday at noon sharp');
		expect(d).toMatchObject({ added: 2, removed: 1 });
		expect(d.ops).toEqual([
			{ op: 'same', text: 'Summer sale ends' },
			{ op: 'removed', text: 'Friday' },
			{ op: 'added', text: 'Sunday' },
			{ op: 'same', text: 'at noon' },
			{ op: 'added', text: 'sharp' }
		]);
		expect(wordDiff('same words', 'same  words')).toMatchObject({ added: 0, removed: 0 });
	});
});
