// The "Request approval" form: flat fields (`stages.0.name`, `stages.0.reviewers`, …) in,
// the proof service's input out; and its field errors back to the stage they belong to.
import { stageRules, type StageRule } from '#lib/shared/proofs.ts';

/** Guest emails as people type them: separated by commas, semicolons, spaces or lines. */
export const splitEmails = (text: string) =>
	text
		.split(/[\s,;]+/)
		.map((e) => e.trim().toLowerCase())
		.filter(Boolean);

/**
 * The end of the chosen day where the requester is (`tz` is the browser's
 * getTimezoneOffset(), minutes behind UTC); UTC without it. Anything that is not a date
 * goes through unchanged, for the service to name.
 */
export function endOfDay(date: string, tz: number): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return date;
	const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
	return new Date(utc + tz * 60_000).toISOString();
}

/** Checklist items, one per line; left out when there are none. */
function checklistOf(text: string) {
	const items = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
	return items.length ? { checklist: items } : {};
}

export function approvalInput(form: FormData) {
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v.trim() : '';
	};
	const rawTz = Number(get('tz'));
	const tz = get('tz') && Number.isInteger(rawTz) && Math.abs(rawTz) <= 14 * 60 ? rawTz : 0;
	const indices = [...new Set([...form.keys()].map((k) => /^stages\.(\d+)\./.exec(k)?.[1]).filter((i): i is string => !!i))].map(Number).sort((a, b) => a - b);
	const stages = indices.map((i, position) => {
		const f = (k: string) => get(`stages.${i}.${k}`);
		const members = form.getAll(`stages.${i}.reviewers`).filter((v): v is string => typeof v === 'string');
		const reviewers = [...new Set([...members.map((e) => e.trim().toLowerCase()), ...splitEmails(f('guests'))])];
		const rule = (stageRules as readonly string[]).includes(f('rule')) ? (f('rule') as StageRule) : 'all';
		return {
			name: f('name'),
			reviewers,
			rule,
			...(rule === 'quorum' ? { quorum: f('quorum') === '' ? undefined : Number(f('quorum')) } : {}),
			...(rule === 'gatekeeper' && f('gatekeeper') ? { gatekeeper: f('gatekeeper').toLowerCase() } : {}),
			...(f('due') ? { dueAt: endOfDay(f('due'), tz) } : {}),
			start: position > 0 && form.has(`stages.${i}.withPrevious`) ? ('with_previous' as const) : ('after_previous' as const),
			...checklistOf(f('checklist'))
		};
	});
	return { title: get('title') || undefined, versionIds: [get('versionId')], stages };
}

/** The name to save the dialog's stages under as a workspace template, when asked for. */
export const templateNameOf = (form: FormData) => (form.get('saveTemplate') === 'on' ? String(form.get('templateName') ?? '').trim() : null);

/**
 * A proof's stages as a template: due dates become "this many days after the request". A due
 * date is the end of its day, so whole days are counted down (rounding would add one to
 * every request made before noon).
 */
export function templateStages(stages: ReturnType<typeof approvalInput>['stages'], now: Date) {
	return stages.map(({ dueAt, ...s }) => ({ ...s, ...(dueAt ? { dueInDays: Math.max(0, Math.floor((new Date(dueAt).getTime() - now.getTime()) / 86_400_000)) } : {}) }));
}

export type StageErrors = Partial<Record<'name' | 'reviewers' | 'rule' | 'quorum' | 'gatekeeper' | 'due' | 'checklist', string>>;

/** The messages for stage `i` from a DomainError's fields (`stages.0.reviewers.1` belongs to its reviewers). */
export function stageErrors(fields: Record<string, string | undefined> | undefined, i: number): StageErrors {
	const out: StageErrors = {};
	const prefix = `stages.${i}.`;
	for (const [key, message] of Object.entries(fields ?? {})) {
		if (!message || !key.startsWith(prefix)) continue;
		const field = key.slice(prefix.length).split('.')[0]!;
		const name = field === 'dueAt' ? 'due' : field;
		if (name in { name: 1, reviewers: 1, rule: 1, quorum: 1, gatekeeper: 1, due: 1, checklist: 1 }) out[name as keyof StageErrors] ??= message;
	}
	return out;
}

/** The service names a field by its path ("stages.1.reviewers.0: …"); people count stages from one. */
export const readableMessage = (message: string) =>
	message
		.replace(/^stages\.(\d+)(?:\.[\w.]+)?: /, (_, i: string) => `Stage ${Number(i) + 1}: `)
		.replace(/^title: /, 'Title: ')
		.replace(/^[\w.]+: /, '');
