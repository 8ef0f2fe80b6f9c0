import { z } from 'zod';
import { parse } from '#lib/shared/validate.ts';
import type { Actor } from '../auth/actor.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { NotificationRow } from '../review/review.repository.ts';
import type { Mail, Mailer } from './mailer.ts';
import { digestMail, linkOf, notificationMail } from './templates.ts';

const MAX_ATTEMPTS = 5;
const prefsInput = z.object({ email: z.enum(['immediate', 'digest', 'off'], { error: 'email is one of: immediate, digest, off.' }) });

/**
 * In-app notifications and the mail that follows them. Notifications and mail are written
 * in the transaction of the change that causes them; the `send-emails` job turns
 * notifications into mail by each person's preference (at once, an hourly digest, or none)
 * and sends what is queued, retrying a failed message up to five times.
 */
export function createNotificationService(deps: {
	repos: Repositories;
	transact: Transact;
	mailer: Mailer | null;
	publicUrl: string;
	now: () => Date;
	/** Makes a guest's personal link as their invitation is sent; null when it is no longer wanted. */
	guestLink: (reviewerId: string) => Promise<string | null>;
	log?: (m: string) => void;
}) {
	const { repos } = deps;
	const url = (p: string) => `${deps.publicUrl}${p}`;

	async function send(row: Awaited<ReturnType<Repositories['notifications']['claim']>>[number], mailer: Mailer) {
		let mail: Mail = { to: row.to, subject: row.subject, text: row.text, html: row.html };
		if (row.template === 'guest_invite') {
			const link = row.ref ? await deps.guestLink(row.ref) : null;
			if (!link) return repos.notifications.markSent(row.id, deps.now());
			mail = { ...mail, text: mail.text.replaceAll('{{link}}', link), html: mail.html.replaceAll('{{link}}', link) };
		}
		try {
			await mailer.send(mail);
			await repos.notifications.markSent(row.id, deps.now());
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			deps.log?.(`mail to ${row.to} failed: ${message}`);
			await repos.notifications.markFailed(row.id, message);
		}
	}

	return {
		/** In-app notifications, with the transaction's repositories; each sourceKey once per person and kind. */
		notify: (tx: Repositories, rows: NotificationRow[]) => tx.review.notify(rows),
		/** Queues a mail with the transaction's repositories. */
		email: (tx: Repositories, mail: Mail, template?: { template: 'guest_invite'; ref: string }) => tx.notifications.enqueueEmail({ ...mail, ...template }),

		/** The `send-emails` job: notifications into mail by preference, then everything queued out. */
		async deliver() {
			for (;;) {
				const rows = await deps.transact(async (tx) => {
					const taken = await tx.notifications.claimUnmailed(500, ['immediate', 'off'], deps.now());
					for (const r of taken) {
						if (r.mode === 'immediate') await tx.notifications.enqueueEmail(notificationMail(r.kind, r.data, r.email, url(linkOf(r.kind, r.data, r.slug))));
					}
					return taken;
				});
				if (rows.length < 500) break;
			}
			const mailer = deps.mailer;
			if (!mailer) return { sent: 0 };
			let sent = 0;
			for (;;) {
				const batch = await repos.notifications.claim(50, MAX_ATTEMPTS, deps.now());
				for (const row of batch) await send(row, mailer);
				sent += batch.length;
				if (batch.length < 50) break;
			}
			return { sent };
		},

		/** The hourly `email-digest` job: one mail per person who chose the digest, listing what is new. */
		async digest() {
			const byUser = await deps.transact(async (tx) => {
				const rows = await tx.notifications.claimUnmailed(10_000, ['digest'], deps.now());
				const groups = Map.groupBy(rows, (r) => r.userId);
				for (const items of groups.values()) {
					await tx.notifications.enqueueEmail(digestMail(items.map((i) => ({ kind: i.kind, data: i.data, url: url(linkOf(i.kind, i.data, i.slug)) })), items[0]!.email));
				}
				return groups;
			});
			return { digests: byUser.size };
		},

		preferences: async (actor: Actor) => ({ email: await repos.notifications.emailMode(actor.user.id) }),
		async setPreferences(actor: Actor, input: unknown) {
			const { email } = parse(prefsInput, input);
			await repos.notifications.setEmailMode(actor.user.id, email);
			return { email };
		}
	};
}

export type NotificationService = ReturnType<typeof createNotificationService>;
