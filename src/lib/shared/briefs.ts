import { z } from 'zod';

/** What a brief template's field holds; the intake form draws one control per type. */
export const fieldTypes = ['text', 'rich_text', 'number', 'money', 'date', 'select', 'checkbox', 'file', 'asset', 'user', 'brand'] as const;
export type BriefFieldType = (typeof fieldTypes)[number];

export const briefStatuses = ['draft', 'submitted', 'approved', 'in_production', 'delivered', 'closed', 'cancelled'] as const;
export type BriefStatus = (typeof briefStatuses)[number];
export const briefStatusLabel: Record<BriefStatus, string> = {
	draft: 'Draft',
	submitted: 'Submitted',
	approved: 'Approved',
	in_production: 'In production',
	delivered: 'Delivered',
	closed: 'Closed',
	cancelled: 'Cancelled'
};

/** Sign-offs are separate decisions by managers: the brief itself, its budget, its timeline. */
export const signoffKinds = ['brief', 'budget', 'timeline'] as const;
export type SignoffKind = (typeof signoffKinds)[number];

/**
 * The lifecycle, and the least role each move needs. Approval of a submitted brief comes
 * from its "brief" sign-off (recorded with who and when), not from a bare status change;
 * everything except closed and cancelled can be cancelled by a manager.
 */
export const transitions: Record<BriefStatus, Partial<Record<BriefStatus, 'creator' | 'manager'>>> = {
	draft: { submitted: 'creator', cancelled: 'manager' },
	submitted: { draft: 'manager', cancelled: 'manager' },
	approved: { in_production: 'creator', cancelled: 'manager' },
	in_production: { delivered: 'manager', cancelled: 'manager' },
	delivered: { closed: 'manager', in_production: 'manager' },
	closed: {},
	cancelled: {}
};

/**
 * The least role that may change a brief in this status (its fields and its live-edited
 * body alike), or null once it is closed or cancelled and nobody may.
 */
export function briefEditRole(status: BriefStatus): 'creator' | 'manager' | null {
	if (status === 'closed' || status === 'cancelled') return null;
	return status === 'draft' || status === 'submitted' ? 'creator' : 'manager';
}

const key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, { error: 'A field key starts with a lower-case letter: letters, digits and _ only, up to 40.' });

export const templateField = z
	.object({
		key,
		label: z.string().trim().min(1, 'Label each field.').max(120),
		type: z.enum(fieldTypes, { error: `type is one of: ${fieldTypes.join(', ')}.` }),
		required: z.boolean().default(false),
		help: z.string().trim().max(300).optional(),
		/** select: the choices. */
		options: z.array(z.string().trim().min(1).max(120)).max(100).optional()
	})
	.superRefine((f, ctx) => {
		if (f.type === 'select' && !f.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice field needs its options.' });
	});
export type TemplateField = z.infer<typeof templateField>;

export const templateSections = z
	.array(z.object({ title: z.string().trim().min(1, 'Name each section.').max(120), fields: z.array(templateField).min(1, 'A section needs at least one field.').max(50) }))
	.min(1, 'A template needs at least one section.')
	.max(20)
	.superRefine((sections, ctx) => {
		const seen = new Set<string>();
		sections.forEach((s, i) =>
			s.fields.forEach((f, j) => {
				if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: [i, 'fields', j, 'key'], message: `The key “${f.key}” is used twice.` });
				seen.add(f.key);
			})
		);
	});
export type TemplateSection = z.infer<typeof templateSections>[number];

export const briefTemplateInput = z.object({ name: z.string().trim().min(1, 'Name the template.').max(80), sections: templateSections });
export const briefTemplateUpdate = briefTemplateInput.partial();

/**
 * The template every workspace starts with. Deliverables, milestones, the legal category
 * and related briefs are parts of every brief (rows and links, not form fields).
 */
export const defaultTemplate: z.input<typeof briefTemplateInput> = {
	name: 'Creative brief',
	sections: [
		{
			title: 'Goals',
			fields: [
				{ key: 'objectives', label: 'Objectives', type: 'rich_text', required: true, help: 'What should this work achieve, and how will we know?' },
				{ key: 'audience', label: 'Audience', type: 'text', required: true, help: 'Who is it for?' },
				{ key: 'keyMessage', label: 'Key message', type: 'text', required: true, help: 'The one thing they should take away.' }
			]
		},
		{
			title: 'Requirements',
			fields: [
				{ key: 'mandatories', label: 'Mandatories', type: 'rich_text', help: 'Logos, claims, legal lines, anything that must appear.' },
				{ key: 'referenceAssets', label: 'Reference assets', type: 'asset' },
				{ key: 'brandGuidelines', label: 'Brand guidelines', type: 'brand', help: 'The sections of the brand guidelines this work follows.' }
			]
		},
		{ title: 'Budget', fields: [{ key: 'budget', label: 'Budget', type: 'money', required: true }] }
	]
};

const uuid = z.uuid();
const day = z.iso.date({ error: 'A date is YYYY-MM-DD.' });
const money = z.object({ amount: z.number().finite().min(0).max(1e12), currency: z.string().regex(/^[A-Z]{3}$/, { error: 'A currency is a three-letter code such as EUR.' }) });

/** The schema of one field's value; empty values (null, '', []) are always allowed in a draft. */
export function valueSchema(f: TemplateField): z.ZodType {
	switch (f.type) {
		case 'text':
			return z.string().max(2_000);
		case 'rich_text':
			return z.string().max(100_000);
		case 'number':
			return z.number().finite();
		case 'money':
			return money;
		case 'date':
			return day;
		case 'select':
			return z.enum((f.options ?? []) as [string, ...string[]], { error: `${f.label} is one of: ${(f.options ?? []).join(', ')}.` });
		case 'checkbox':
			return z.boolean();
		case 'file':
		case 'asset':
			return z.array(uuid).max(50);
		case 'user':
			return uuid;
		case 'brand':
			return z.array(uuid).max(20, { error: 'Link at most 20 sections of the brand guidelines.' });
	}
}

export const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export const deliverableInput = z.object({
	name: z.string().trim().min(1, 'Name the deliverable.').max(200),
	channel: z.string().trim().max(80).default(''),
	/** Format and size, e.g. "Instagram story 1080×1920 JPG". */
	spec: z.string().trim().max(300).default(''),
	dueAt: day.nullable().optional(),
	ownerId: uuid.nullable().optional()
});
// Written out rather than `.partial()`: the defaults above would otherwise blank fields a patch leaves out.
export const deliverableUpdate = z.object({
	name: deliverableInput.shape.name.optional(),
	channel: z.string().trim().max(80).optional(),
	spec: z.string().trim().max(300).optional(),
	dueAt: day.nullable().optional(),
	ownerId: uuid.nullable().optional()
});

export const milestoneInput = z.object({
	id: uuid.optional(),
	name: z.string().trim().min(1, 'Name the milestone.').max(200),
	dueAt: day,
	ownerId: uuid.nullable().optional()
});

export const briefInput = z.object({
	title: z.string().trim().min(1, 'Give the brief a title.').max(200),
	templateId: uuid.optional(),
	fields: z.record(z.string(), z.unknown()).default({}),
	legalCategory: z.string().trim().max(80).nullable().optional(),
	relatedBriefIds: z.array(uuid).max(50).optional(),
	milestones: z.array(milestoneInput).max(100).optional()
});
export const briefUpdate = briefInput.omit({ templateId: true }).partial();

export const statusInput = z.object({ status: z.enum(briefStatuses, { error: `status is one of: ${briefStatuses.join(', ')}.` }), note: z.string().trim().max(2_000).optional() });
export const signoffInput = z.object({
	kind: z.enum(signoffKinds, { error: `kind is one of: ${signoffKinds.join(', ')}.` }),
	decision: z.enum(['approved', 'rejected'], { error: 'decision is approved or rejected.' }),
	note: z.string().trim().max(2_000).optional()
});

export const briefListQuery = z.object({
	status: z.enum(briefStatuses).optional(),
	/** Words in the title, the text fields or the body; best matches first. */
	q: z.string().trim().max(200).optional(),
	workspaceId: uuid.optional(),
	limit: z.coerce.number().int().min(1).max(500).default(200)
});

export const legalCategoryInput = z.object({
	name: z.string().trim().min(1, 'Name the category.').max(80),
	/** The proof template whose stages proofs of this category's deliverables take. */
	proofTemplateId: uuid.nullable().optional(),
	disclaimers: z.array(z.object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(10_000) })).max(50).default([])
});

const isoTime = z.iso.datetime({ offset: true });
export const briefTemplateOut = z.object({ id: uuid, workspaceId: uuid, name: z.string(), sections: z.array(z.record(z.string(), z.unknown())), createdAt: isoTime, updatedAt: isoTime });
export const deliverableOut = z.object({
	id: uuid,
	briefId: uuid,
	name: z.string(),
	channel: z.string(),
	spec: z.string(),
	dueAt: z.string().nullable(),
	ownerId: uuid.nullable(),
	assetId: uuid.nullable(),
	proofId: uuid.nullable(),
	state: z.enum(['to_do', 'drafting', 'in_review', 'approved', 'changes_required', 'rejected'])
});
export const briefOut = z.object({
	id: uuid,
	workspaceId: uuid,
	templateId: uuid.nullable(),
	title: z.string(),
	status: z.enum(briefStatuses),
	sections: z.array(z.record(z.string(), z.unknown())),
	fields: z.record(z.string(), z.unknown()),
	legalCategory: z.string().nullable(),
	disclaimers: z.array(z.object({ title: z.string(), body: z.string() })),
	relatedBriefIds: z.array(uuid),
	/** The live-edited body as plain text (the rich text lives in the collab document `brief:{id}`). */
	bodyText: z.string(),
	deliverables: z.array(deliverableOut),
	milestones: z.array(z.object({ id: uuid, name: z.string(), dueAt: z.string(), ownerId: uuid.nullable() })),
	signoffs: z.array(z.object({ id: uuid, kind: z.enum(signoffKinds), decision: z.enum(['approved', 'rejected']), note: z.string().nullable(), decidedBy: uuid.nullable(), decidedAt: isoTime })),
	signedOff: z.object({ brief: z.enum(['approved', 'rejected']).nullable(), budget: z.enum(['approved', 'rejected']).nullable(), timeline: z.enum(['approved', 'rejected']).nullable() }),
	progress: z.object({ total: z.int(), approved: z.int(), inReview: z.int() }),
	createdBy: uuid.nullable(),
	createdAt: isoTime,
	updatedAt: isoTime,
	submittedAt: isoTime.nullable(),
	closedAt: isoTime.nullable()
});
export const legalCategoryOut = z.object({ id: uuid, workspaceId: uuid, name: z.string(), proofTemplateId: uuid.nullable(), disclaimers: z.array(z.object({ title: z.string(), body: z.string() })), updatedAt: isoTime });

export const briefCommentInput = z.object({
	body: z.string().trim().min(1, 'Write something first.').max(10_000),
	/** team: everyone who can read the brief; private: the author and `readerIds`. */
	visibility: z.enum(['team', 'private']).default('team'),
	readerIds: z.array(uuid).max(50).default([])
});
export const briefCommentOut = z.object({
	id: uuid,
	briefId: uuid,
	authorId: uuid.nullable(),
	authorName: z.string(),
	visibility: z.enum(['team', 'private']),
	readerIds: z.array(uuid),
	body: z.string(),
	createdAt: z.iso.datetime({ offset: true })
});
