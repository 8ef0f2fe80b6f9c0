import type { Repositories, Transact } from '../db/repositories.ts';
import type { NotificationService } from '../notifications/notification.service.ts';

const DAY = 86_400_000;

/**
 * The `brief-reminders` job: a milestone's owner hears the day before it is due and once it
 * is overdue (the end of its day, UTC), each once; a moved date or owner earns new ones.
 * Notifications share the proofs' due-soon and overdue kinds, so preferences and digests
 * treat them alike; they lead to the brief.
 */
export function createBriefReminders(deps: { repos: Repositories; transact: Transact; notifications: Pick<NotificationService, 'notify'>; enqueue: (name: string, data: object) => Promise<unknown>; now: () => Date }) {
	const { repos, transact, notifications, now } = deps;
	return {
		async sendReminders() {
			const at = now();
			let sent = 0;
			const until = new Date(at.getTime() + DAY).toISOString().slice(0, 10);
			for (const { milestone: m, brief } of await repos.briefs.milestonesToRemind(until)) {
				const due = new Date(`${m.dueAt}T23:59:59.999Z`);
				const kind = due.getTime() < at.getTime() ? ('overdue' as const) : due.getTime() - at.getTime() <= DAY && !m.remindedSoonAt ? ('due_soon' as const) : null;
				if (!kind || !m.ownerId) continue;
				const data = { briefId: brief.id, title: brief.title, stage: m.name, dueAt: due.toISOString() };
				await transact(async (tx) => {
					sent += (await notifications.notify(tx, [{ userId: m.ownerId!, workspaceId: brief.workspaceId, kind, sourceKey: `milestone:${m.id}:${kind}:${m.dueAt}`, data }])).length;
					await tx.briefs.markMilestone(m.id, kind === 'due_soon' ? { remindedSoonAt: at } : { remindedOverdueAt: at, remindedSoonAt: m.remindedSoonAt ?? at });
				});
			}
			if (sent) await deps.enqueue('send-emails', {}).catch(() => {});
			return { sent };
		}
	};
}
