type Dated = { milestones: { name: string; dueAt: string }[]; deliverables: { name: string; dueAt: string | null; state: string }[]; status: string };

/** The next thing due on a brief: its earliest milestone or unfinished deliverable, overdue ones first. */
export function nextMilestone(b: Dated): { name: string; dueAt: string } | null {
	const dates = [...b.milestones, ...b.deliverables.filter((d) => d.dueAt && d.state !== 'approved').map((d) => ({ name: d.name, dueAt: d.dueAt! }))];
	return dates.sort((x, y) => x.dueAt.localeCompare(y.dueAt))[0] ?? null;
}

/** "3 Jul" for a YYYY-MM-DD day, read as that calendar day wherever the reader is. */
export const dayLabel = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
