import { describe, expect, test } from 'vitest';
import { waveformPath } from './waveform.ts';

describe('waveform path', () => {
	test('a loud peak reaches the edges; silence keeps a hairline around the middle', () => {
		const d = waveformPath([1, 0], 100, 20);
		expect(d.startsWith('M0 0L50 0')).toBe(true);
		expect(d).toContain('L100 9.5');
		expect(d.endsWith('L0 20Z')).toBe(true);
	});

	test('no peaks draws a flat line', () => {
		expect(waveformPath([], 100, 20)).toBe('M0 10H100');
	});
});
