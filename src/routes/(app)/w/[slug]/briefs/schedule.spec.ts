import { describe, expect, test } from 'vitest';
import { dueItems, schedule, weekOf } from './schedule.ts';

const brief = (id: string, status: string, milestones: { name: string; dueAt: string }[], deliverables: { name: string; dueAt: string | null; state: string }[]) =>
	({ id, title: id.toUpperCase(), status, milestones: milestones.map((m) => ({ id: m.name, ownerId: 'u', ...m })), deliverables: deliverables.map((d) => ({ id: d.name, briefId: id, channel: '', spec: '', ownerId: 'u', assetId: null, proofId: null, ...d })) }) as never;

describe('the briefs timeline', () => {
	test('weeks start on Monday', () => {
		expect(weekOf('2026-11-27')).toBe('2026-11-23');
		expect(weekOf('2026-11-23')).toBe('2026-11-23');
		expect(weekOf('2026-11-29')).toBe('2026-11-23');
	});

	test('overdue items first, then by week; approved work and ended briefs are not overdue', () => {
		const items = dueItems([
			brief('a', 'in_production', [{ name: 'Shoot', dueAt: '2026-11-20' }], [{ name: 'Story', dueAt: '2026-11-25', state: 'approved' }, { name: 'Banner', dueAt: '2026-12-02', state: 'drafting' }]),
			brief('b', 'closed', [{ name: 'Old', dueAt: '2026-10-01' }], [])
		]);
		const s = schedule(items, '2026-11-27');
		expect(s.overdue.map((i) => i.name)).toEqual(['Shoot']);
		expect(s.weeks.map((w) => [w.week, w.items.map((i) => i.name)])).toEqual([
			['2026-11-23', ['Story']],
			['2026-11-30', ['Banner']]
		]);
	});
});
