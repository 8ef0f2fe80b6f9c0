import { decisionLabel, proofStatusLabel, type Decision, type ProofStatus } from '#lib/shared/proofs.ts';
import type { NotificationKind } from '../db/schema/review.ts';
import type { Mail } from './mailer.ts';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const day = (iso: unknown) => (typeof iso === 'string' ? new Date(iso).toUTCString().replace(/:\d\d GMT$/, ' UTC') : '');
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A comment shortened for a notification's line and its mail. */
export const excerpt = (body: string) => (body.length > 160 ? `${body.slice(0, 157)}…` : body);

/** Where a notification leads, relative to the site. */
export function linkOf(kind: NotificationKind, d: Data, slug: string): string {
	if (kind === 'mention' && d.briefId) return `/w/${slug}/briefs/${str(d.briefId)}#comment-${str(d.commentId)}`;
	if (kind === 'mention' || kind === 'reply') return `/w/${slug}/review/${str(d.versionId)}?thread=${encodeURIComponent(str(d.threadId))}`;
	// Milestone reminders share the due kinds with proofs; they lead to their brief.
	if (d.briefId) return `/w/${slug}/briefs/${str(d.briefId)}`;
	return `/w/${slug}/proofs/${str(d.proofId)}`;
}

/** One line that says what happened, for the inbox, a mail's subject and the digest. */
export function headline(kind: NotificationKind, d: Data): string {
	switch (kind) {
		case 'mention':
			if (d.briefId) return `${str(d.by)} mentioned you on the brief “${str(d.briefTitle)}”`;
			return `${str(d.by)} mentioned you on ${str(d.assetTitle)} v${String(d.versionNumber ?? '')}`;
		case 'reply':
			return `${str(d.by)} replied to your comment on ${str(d.assetTitle)} v${String(d.versionNumber ?? '')}`;
		case 'assigned':
			return `Review requested: ${str(d.title)} (${str(d.stage)})`;
		case 'decision':
			return `${str(d.by)}: ${decisionLabel[d.decision as Decision] ?? str(d.decision)} on ${str(d.title)}`;
		case 'due_soon':
			return `Due soon: ${str(d.title)} (${str(d.stage)}), ${day(d.dueAt)}`;
		case 'overdue':
			return `Overdue: ${str(d.title)} (${str(d.stage)}) was due ${day(d.dueAt)}`;
		case 'proof_closed':
			return `${str(d.title)} is ${(proofStatusLabel[d.status as ProofStatus] ?? str(d.status)).toLowerCase()}`;
	}
}

/** A line or two under the headline: the comment's words, a decision's note, what is asked. */
export function detail(kind: NotificationKind, d: Data): string {
	if (kind === 'mention' || kind === 'reply') return str(d.excerpt);
	if (kind === 'decision') return d.note ? `“${str(d.note)}”` : '';
	if (kind === 'assigned') return `${str(d.by)} asks you to review ${str(d.title)} in the ${str(d.stage)} stage.${d.dueAt ? ` Due ${day(d.dueAt)}.` : ''}`;
	return '';
}

const wrap = (body: string) =>
	`<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:0 auto;padding:24px">${body}<p style="color:#6b7280;font-size:12px;margin-top:32px">Sent by Loupe. Choose how you get these under Account → Profile → Email notifications.</p></body></html>`;
const button = (href: string, label: string) =>
	`<p><a href="${esc(href)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${esc(label)}</a></p>`;

export function notificationMail(kind: NotificationKind, d: Data, to: string, url: string): Mail {
	const subject = headline(kind, d);
	const more = detail(kind, d);
	return {
		to,
		subject,
		text: `${subject}\n\n${more ? `${more}\n\n` : ''}Open: ${url}\n`,
		html: wrap(`<h2 style="font-size:18px">${esc(subject)}</h2>${more ? `<p>${esc(more)}</p>` : ''}${button(url, 'Open in Loupe')}`)
	};
}

export function digestMail(items: { kind: NotificationKind; data: Data; url: string }[], to: string): Mail {
	const subject = `Loupe: ${items.length} update${items.length === 1 ? '' : 's'}`;
	return {
		to,
		subject,
		text: `${subject}\n\n${items.map((i) => `- ${headline(i.kind, i.data)}\n  ${i.url}`).join('\n')}\n`,
		html: wrap(`<h2 style="font-size:18px">${esc(subject)}</h2><ul>${items.map((i) => `<li style="margin:8px 0"><a href="${esc(i.url)}">${esc(headline(i.kind, i.data))}</a></li>`).join('')}</ul>`)
	};
}

/** A guest's invitation; `{{link}}` becomes their personal link when the mail is sent. */
export function guestInviteMail(d: { to: string; by: string; title: string; stage: string; dueAt: string | null; workspace: string }): Mail {
	const subject = `${d.by} asks you to review ${d.title}`;
	const due = d.dueAt ? ` It is due ${day(d.dueAt)}.` : '';
	return {
		to: d.to,
		subject,
		text: `${subject}\n\n${d.by} (${d.workspace}) asks you to review ${d.title} in the ${d.stage} stage.${due}\n\nOpen your personal link (do not forward it): {{link}}\n`,
		html: wrap(`<h2 style="font-size:18px">${esc(subject)}</h2><p>${esc(d.by)} (${esc(d.workspace)}) asks you to review <b>${esc(d.title)}</b> in the ${esc(d.stage)} stage.${esc(due)}</p>${button('{{link}}', 'Open the proof')}<p style="color:#6b7280;font-size:13px">This link is personal: do not forward it.</p>`)
	};
}
