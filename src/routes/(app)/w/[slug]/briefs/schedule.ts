import type { BriefDetail } from '#lib/server/briefs/brief-present.ts';

export type DueItem = { kind: 'milestone' | 'deliverable'; briefId: string; briefTitle: string; name: string; dueAt: string; ownerId: string | null; done: boolean; state?: string };

/** Everything with a date on live briefs: milestones and deliverable due dates, soonest first. */
export function dueItems(briefs: Pick<BriefDetail, 'id' | 'title' | 'status' | 'milestones' | 'deliverables'>[]): DueItem[] {
	const live = briefs.filter((b) => b.status !== 'closed' && b.status !== 'cancelled');
	return live
		.flatMap((b) => [
			...b.milestones.map((m) => ({ kind: 'milestone' as const, briefId: b.id, briefTitle: b.title, name: m.name, dueAt: m.dueAt, ownerId: m.ownerId, done: b.status === 'delivered' })),
			...b.deliverables
				.filter((d) => d.dueAt)
				.map((d) => ({ kind: 'deliverable' as const, briefId: b.id, briefTitle: b.title, name: d.name, dueAt: d.dueAt!, ownerId: d.ownerId, done: d.state === 'approved', state: d.state }))
		])
		.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.briefTitle.localeCompare(b.briefTitle));
}

/** The Monday of a YYYY-MM-DD day's week, as YYYY-MM-DD. */
export function weekOf(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
	return d.toISOString().slice(0, 10);
}

/** Items grouped: overdue (not done, before today), then by week. */
export function schedule(items: DueItem[], today: string) {
	const overdue = items.filter((i) => !i.done && i.dueAt < today);
	const rest = items.filter((i) => !overdue.includes(i));
	return { overdue, weeks: [...Map.groupBy(rest, (i) => weekOf(i.dueAt)).entries()].map(([week, list]) => ({ week, items: list })) };
}
