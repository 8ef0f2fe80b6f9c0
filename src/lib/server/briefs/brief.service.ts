import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { rank, type Role } from '#lib/shared/roles.ts';
import {
	briefInput,
	briefListQuery,
	briefStatusLabel,
	briefTemplateInput,
	briefTemplateUpdate,
	briefEditRole,
	briefUpdate,
	defaultTemplate,
	isEmpty,
	signoffInput,
	statusInput,
	transitions,
	valueSchema,
	type BriefStatus,
	type TemplateSection
} from '#lib/shared/briefs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Events } from '../events.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import { auditActor, type AuditService } from '../audit/audit.service.ts';
import type { BriefRow, MilestoneRow } from './brief.repository.ts';
import { presentBrief, presentTemplate } from './brief-present.ts';

export type BriefDeps = {
	repos: Repositories;
	transact: Transact;
	access: Access;
	audit: Pick<AuditService, 'record'>;
	now: () => Date;
	/** Status changes are announced, so the collab server re-checks who may edit the live body. */
	events?: Pick<Events, 'emit'>;
};

/** Field values checked against the brief's own sections: unknown keys and wrong types are refused, empties allowed. */
export function checkFields(sections: TemplateSection[], values: Record<string, unknown>) {
	const byKey = new Map(sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
	const out: Record<string, unknown> = {};
	const errors: Record<string, string> = {};
	for (const [k, v] of Object.entries(values)) {
		const f = byKey.get(k);
		if (!f) {
			errors[`fields.${k}`] = 'This brief has no such field.';
			continue;
		}
		if (isEmpty(v)) {
			out[k] = null;
			continue;
		}
		const r = valueSchema(f).safeParse(v);
		if (r.success) out[k] = r.data;
		else errors[`fields.${k}`] = r.error.issues[0]?.message ?? 'Invalid value.';
	}
	const first = Object.entries(errors)[0];
	if (first) throw new DomainError('invalid', `${first[0]}: ${first[1]}`, { fields: errors });
	return out;
}

/** Required fields still empty, by key, with their labels: what stops a submit. */
export function missingRequired(sections: TemplateSection[], values: Record<string, unknown>) {
	return sections.flatMap((s) => s.fields).filter((f) => f.required && isEmpty(values[f.key]));
}

// Blank is blank: a field never filled in and one saved empty (or an unticked box) are the same.
const blank = (v: unknown) => (v === false || isEmpty(v) ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(blank(a)) === JSON.stringify(blank(b));
const milestoneKey = (m: MilestoneRow) => `${m.name}|${m.dueAt}|${m.ownerId ?? ''}`;
const sameMilestones = (a: MilestoneRow[], b: MilestoneRow[]) => same(a.map(milestoneKey).sort(), b.map(milestoneKey).sort());

/** The parts of a brief an update changes, named as its page names them. */
export function changedParts(b: BriefRow, next: { title?: string; fields?: Record<string, unknown>; legalCategory?: string | null; relatedBriefIds?: string[] }, milestonesChanged: boolean) {
	const out: string[] = [];
	if (next.title !== undefined && next.title !== b.title) out.push('the title');
	if (next.fields) for (const f of b.sections.flatMap((sec) => sec.fields)) if (!same(b.fields[f.key], next.fields[f.key])) out.push(f.label);
	if (next.legalCategory !== undefined && next.legalCategory !== b.legalCategory) out.push('the legal category');
	if (next.relatedBriefIds && !same([...b.relatedBriefIds].sort(), [...next.relatedBriefIds].sort())) out.push('related briefs');
	if (milestonesChanged) out.push('milestones');
	return out;
}

/**
 * Creative briefs: templates (intake forms), the briefs made from them, their lifecycle and
 * sign-offs, deliverables and milestones, and the legal categories that attach disclaimers.
 * Status changes and sign-offs lock the brief row and are audited with the change.
 */
export function createBriefService(deps: BriefDeps) {
	const { repos, transact, access, audit, now, events } = deps;

	async function readable(actor: Actor, briefId: string) {
		const b = await repos.briefs.byId(briefId);
		if (!b) throw new DomainError('not_found', 'Brief not found.');
		const role = await access.require(actor, 'brief.read', b.workspaceId).catch((e: unknown) => {
			throw e instanceof DomainError && e.code === 'not_found' ? new DomainError('not_found', 'Brief not found.') : e;
		});
		return { brief: b, role };
	}

	/** Who may edit a brief's fields: creators while it is a draft or submitted, managers until it closes. */
	function assertEditable(b: BriefRow, role: Role) {
		const needed = briefEditRole(b.status);
		if (!needed) throw new DomainError('conflict', `This brief is ${briefStatusLabel[b.status].toLowerCase()}; it can no longer change.`);
		if (rank[role] < rank[needed]) throw new DomainError('forbidden', `A ${briefStatusLabel[b.status].toLowerCase()} brief is changed by a ${needed} or above.`);
	}

	async function members(workspaceId: string, ids: (string | null | undefined)[], field: string) {
		for (const id of ids) {
			if (id && !(await repos.workspaces.roleOf(workspaceId, id))) throw new DomainError('invalid', `${field}: not a member of this workspace.`, { fields: { [field]: 'Not a member of this workspace.' } });
		}
	}

	async function category(workspaceId: string, name: string | null | undefined) {
		if (!name) return { legalCategory: null, disclaimers: [] };
		const c = await repos.briefs.categoryByName(workspaceId, name);
		if (!c) throw new DomainError('invalid', `legalCategory: “${name}” is not a legal category of this workspace.`, { fields: { legalCategory: 'Unknown category.' } });
		return { legalCategory: c.name, disclaimers: c.disclaimers };
	}

	async function related(workspaceId: string, ids: string[] | undefined, self?: string) {
		if (!ids) return undefined;
		const unique = [...new Set(ids)].filter((id) => id !== self);
		const found = await repos.briefs.existing(workspaceId, unique);
		const missing = unique.find((id) => !found.includes(id));
		if (missing) throw new DomainError('invalid', `relatedBriefIds: brief ${missing} is not in this workspace.`, { fields: { relatedBriefIds: 'Unknown brief.' } });
		return unique;
	}

	/** Brand-guideline links name sections of this workspace's portal, each once. */
	async function brandLinks(workspaceId: string, sections: TemplateSection[], fields: Record<string, unknown>) {
		const keys = sections.flatMap((sec) => sec.fields).filter((f) => f.type === 'brand' && Array.isArray(fields[f.key]));
		if (!keys.length) return fields;
		const known = new Set((await repos.brand.list(workspaceId)).map((r) => r.id));
		const out = { ...fields };
		for (const f of keys) {
			const ids = [...new Set(fields[f.key] as string[])];
			const bad = ids.find((id) => !known.has(id));
			if (bad) throw new DomainError('invalid', `fields.${f.key}: ${bad} is not a section of this workspace's brand guidelines.`, { fields: { [`fields.${f.key}`]: 'Not a section of the brand guidelines.' } });
			out[f.key] = ids;
		}
		return out;
	}

	// Owners are checked before the transaction opens (PGlite has one connection: a read outside the transaction would wait for it).
	async function milestones(briefId: string, tx: Repositories, list: { id?: string; name: string; dueAt: string; ownerId?: string | null }[] | undefined) {
		if (!list) return;
		await tx.briefs.replaceMilestones(briefId, list.map((m) => ({ ...(m.id ? { id: m.id } : {}), briefId, name: m.name, dueAt: m.dueAt, ownerId: m.ownerId ?? null })));
	}

	async function detail(b: BriefRow) {
		const [deliverables, ms, signoffs] = await Promise.all([repos.briefs.deliverables([b.id]), repos.briefs.milestones([b.id]), repos.briefs.signoffs(b.id)]);
		const proofs = await Promise.all(deliverables.map((d) => (d.proofId ? repos.proofs.byId(d.proofId) : undefined)));
		return presentBrief(b, { deliverables, milestones: ms, signoffs, proofStatus: new Map(proofs.filter((p) => !!p).map((p) => [p.id, p.status])) });
	}

	async function ensureTemplates(workspaceId: string) {
		const list = await repos.briefs.templates(workspaceId);
		if (list.length) return list;
		const t = parse(briefTemplateInput, defaultTemplate);
		await repos.briefs.insertTemplate({ workspaceId, name: t.name, sections: t.sections });
		return repos.briefs.templates(workspaceId);
	}

	return {
		/** The workspace's intake templates; the default one is made on first use. */
		async templates(actor: Actor, workspaceId: string) {
			await access.require(actor, 'brief.read', workspaceId);
			return (await ensureTemplates(workspaceId)).map(presentTemplate);
		},
		async template(actor: Actor, templateId: string) {
			const t = await repos.briefs.templateById(templateId);
			if (!t) throw new DomainError('not_found', 'Template not found.');
			await access.require(actor, 'brief.read', t.workspaceId);
			return presentTemplate(t);
		},
		async createTemplate(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'brief.manage', workspaceId);
			const body = parse(briefTemplateInput, input);
			const row = await repos.briefs.insertTemplate({ workspaceId, name: body.name, sections: body.sections, createdBy: actor.user.id });
			if (!row) throw new DomainError('conflict', `A template called “${body.name}” exists already.`, { fields: { name: 'Taken.' } });
			return presentTemplate(row);
		},
		async updateTemplate(actor: Actor, templateId: string, input: unknown) {
			const t = await repos.briefs.templateById(templateId);
			if (!t) throw new DomainError('not_found', 'Template not found.');
			await access.require(actor, 'brief.manage', t.workspaceId);
			const body = parse(briefTemplateUpdate, input);
			const row = await repos.briefs.updateTemplate(t.id, { ...body, updatedAt: now() }).catch((e: unknown) => {
				if (String((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code) === '23505') throw new DomainError('conflict', `A template called “${body.name}” exists already.`, { fields: { name: 'Taken.' } });
				throw e;
			});
			return presentTemplate(row!);
		},

		async create(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'brief.create', workspaceId);
			const body = parse(briefInput, input);
			const templates = await ensureTemplates(workspaceId);
			const template = body.templateId ? templates.find((t) => t.id === body.templateId) : templates[0];
			if (!template) throw new DomainError('not_found', 'Template not found.', { fields: { templateId: 'Not in this workspace.' } });
			const fields = await brandLinks(workspaceId, template.sections, checkFields(template.sections, body.fields));
			const legal = await category(workspaceId, body.legalCategory);
			const relatedIds = (await related(workspaceId, body.relatedBriefIds)) ?? [];
			await members(workspaceId, (body.milestones ?? []).map((m) => m.ownerId), 'milestones.ownerId');
			const at = now();
			const b = await transact(async (tx) => {
				const row = await tx.briefs.insert({ workspaceId, templateId: template.id, sections: template.sections, title: body.title, status: 'draft', fields, ...legal, relatedBriefIds: relatedIds, createdBy: actor.user.id, createdAt: at, updatedAt: at });
				await milestones(row.id, tx, body.milestones);
				await audit.record(tx, { workspaceId, type: 'brief.created', actor: auditActor(actor), subject: `brief:${row.id}`, data: { title: row.title, template: template.name } });
				return row;
			});
			return detail(b);
		},

		async get(actor: Actor, briefId: string) {
			return detail((await readable(actor, briefId)).brief);
		},

		async list(actor: Actor, workspaceId: string, query: unknown) {
			const q = parse(briefListQuery, query);
			await access.require(actor, 'brief.read', workspaceId);
			const rows = await repos.briefs.list(workspaceId, { status: q.status, q: q.q || undefined, limit: q.limit });
			return Promise.all(rows.map(detail));
		},

		async update(actor: Actor, briefId: string, input: unknown) {
			const { brief: b, role } = await readable(actor, briefId);
			assertEditable(b, role);
			const body = parse(briefUpdate, input);
			const fields = body.fields ? { ...b.fields, ...(await brandLinks(b.workspaceId, b.sections, checkFields(b.sections, body.fields))) } : undefined;
			const legal = body.legalCategory !== undefined && body.legalCategory !== b.legalCategory ? await category(b.workspaceId, body.legalCategory) : undefined;
			const relatedIds = await related(b.workspaceId, body.relatedBriefIds, b.id);
			await members(b.workspaceId, (body.milestones ?? []).map((m) => m.ownerId), 'milestones.ownerId');
			const row = await transact(async (tx) => {
				const before = body.milestones ? await tx.briefs.milestones([b.id]) : [];
				await milestones(b.id, tx, body.milestones);
				const changed = changedParts(b, { title: body.title, fields, legalCategory: legal?.legalCategory, relatedBriefIds: relatedIds }, body.milestones ? !sameMilestones(before, await tx.briefs.milestones([b.id])) : false);
				// What changed, by name, not the values: a brief's content stays with the brief, the trail says who touched what.
				if (changed.length) await audit.record(tx, { workspaceId: b.workspaceId, type: 'brief.updated', actor: auditActor(actor), subject: `brief:${b.id}`, data: { title: body.title ?? b.title, changed } });
				return tx.briefs.update(b.id, { ...(body.title ? { title: body.title } : {}), ...(fields ? { fields } : {}), ...(legal ?? {}), ...(relatedIds ? { relatedBriefIds: relatedIds } : {}), updatedAt: now() });
			});
			return detail(row!);
		},

		/** Moves a brief along its lifecycle; a submit needs every required field and at least one deliverable. */
		async changeStatus(actor: Actor, briefId: string, input: unknown) {
			const { brief: b0, role } = await readable(actor, briefId);
			const body = parse(statusInput, input);
			const row = await transact(async (tx) => {
				const b = (await tx.briefs.lock(b0.id))!;
				if (b.status === body.status) return b;
				if (body.status === 'approved' && b.status === 'submitted') throw new DomainError('invalid', 'A submitted brief is approved by a manager’s sign-off on the brief (POST …/signoffs with kind "brief").');
				const needed = transitions[b.status][body.status];
				if (!needed) throw new DomainError('conflict', `A brief cannot go from ${briefStatusLabel[b.status].toLowerCase()} to ${briefStatusLabel[body.status].toLowerCase()}.`);
				if (rank[role] < rank[needed]) throw new DomainError('forbidden', `Only a ${needed} or above can move a brief to ${briefStatusLabel[body.status].toLowerCase()}.`);
				if (body.status === 'submitted') {
					const missing = missingRequired(b.sections, b.fields);
					const fields = Object.fromEntries(missing.map((f) => [`fields.${f.key}`, `${f.label} is required before the brief is submitted.`]));
					if ((await tx.briefs.deliverables([b.id])).length === 0) fields.deliverables = 'Add at least one deliverable.';
					const first = Object.values(fields)[0];
					if (first) throw new DomainError('invalid', Object.keys(fields).length > 1 ? `${first} (and ${Object.keys(fields).length - 1} more)` : first, { fields });
				}
				const at = now();
				const next = await tx.briefs.update(b.id, { status: body.status, updatedAt: at, ...(body.status === 'submitted' ? { submittedAt: at } : {}), ...(body.status === 'closed' || body.status === 'cancelled' ? { closedAt: at } : {}) });
				await audit.record(tx, { workspaceId: b.workspaceId, type: 'brief.status_changed', actor: auditActor(actor), subject: `brief:${b.id}`, data: { title: b.title, from: b.status, to: body.status, ...(body.note ? { note: body.note } : {}) } });
				return next!;
			});
			if (row.status !== b0.status) await events?.emit('brief.status_changed', { workspaceId: row.workspaceId, briefId: row.id });
			return detail(row);
		},

		/**
		 * A manager's sign-off on the brief, its budget or its timeline. Approving the brief of a
		 * submitted brief approves it; rejecting it sends it back to draft. Every sign-off is kept.
		 */
		async signoff(actor: Actor, briefId: string, input: unknown) {
			const { brief: b0 } = await readable(actor, briefId);
			await access.require(actor, 'brief.manage', b0.workspaceId);
			const body = parse(signoffInput, input);
			const row = await transact(async (tx) => {
				const b = (await tx.briefs.lock(b0.id))!;
				if (!['submitted', 'approved', 'in_production'].includes(b.status)) {
					throw new DomainError('conflict', b.status === 'draft' ? 'Submit the brief before signing it off.' : `A ${briefStatusLabel[b.status].toLowerCase()} brief takes no more sign-offs.`);
				}
				if (body.kind === 'brief' && b.status !== 'submitted') throw new DomainError('conflict', 'The brief was signed off already; budget and timeline can still be.');
				const at = now();
				await tx.briefs.insertSignoff({ briefId: b.id, kind: body.kind, decision: body.decision, note: body.note ?? null, decidedBy: actor.user.id, decidedAt: at });
				await audit.record(tx, { workspaceId: b.workspaceId, type: 'brief.signed_off', actor: auditActor(actor), subject: `brief:${b.id}`, data: { title: b.title, kind: body.kind, decision: body.decision, ...(body.note ? { note: body.note } : {}) } });
				if (body.kind !== 'brief') return (await tx.briefs.update(b.id, { updatedAt: at }))!;
				const to: BriefStatus = body.decision === 'approved' ? 'approved' : 'draft';
				await audit.record(tx, { workspaceId: b.workspaceId, type: 'brief.status_changed', actor: auditActor(actor), subject: `brief:${b.id}`, data: { title: b.title, from: b.status, to } });
				return (await tx.briefs.update(b.id, { status: to, updatedAt: at }))!;
			});
			if (row.status !== b0.status) await events?.emit('brief.status_changed', { workspaceId: row.workspaceId, briefId: row.id });
			return detail(row);
		},

		readable,
		members,
		detail
	};
}

export type BriefService = ReturnType<typeof createBriefService>;
