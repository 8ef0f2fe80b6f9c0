import { describe, expect, it } from 'vitest';
import { frameOf, seekTimeOf, timecode } from './timecode.ts';

describe('timecode', () => {
	it('formats frames and maps times to frames and back', () => {
		expect(timecode(61.5, 25)).toBe('01:01:12');
		expect(timecode(seekTimeOf(3, 25), 25)).toBe('00:00:03');
		expect(timecode(3725, 30)).toBe('01:02:05:00');
		expect(frameOf(1 / 25, 25)).toBe(1);
		expect(frameOf(seekTimeOf(42, 29.97), 29.97)).toBe(42);
	});
});
