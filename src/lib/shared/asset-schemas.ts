import { z } from 'zod';

export const assetStatus = z.enum(['draft', 'in_review', 'approved', 'archived'], { error: 'Status must be draft, in_review, approved or archived.' });
export const assetKind = z.enum(['image', 'pdf', 'video', 'audio', 'other']);

const tagName = z.string().trim().toLowerCase().min(1).max(60);
/** Tags arrive as a JSON array or a comma-separated string (multipart fields are strings). */
const tagList = z
	.union([z.array(tagName), z.string()])
	.transform((v) => (typeof v === 'string' ? v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean) : v))
	.pipe(z.array(tagName).max(100))
	.transform((tags) => [...new Set(tags)]);

export const assetUploadFields = z.object({
	title: z.string().trim().max(200).optional(),
	description: z.string().trim().max(10_000).default(''),
	tags: tagList.default([]),
	collectionId: z.uuid().optional(),
	allowDuplicate: z
		.enum(['true', 'false'])
		.optional()
		.transform((v) => v === 'true')
});

export const assetUpdateInput = z
	.object({
		title: z.string().trim().min(1, { error: 'Give the asset a title.' }).max(200),
		description: z.string().trim().max(10_000),
		status: assetStatus,
		tags: tagList,
		collectionId: z.uuid().nullable(),
		/** When the rights to use it end (ISO date-time, or a date meaning its start in UTC); null: no end. */
		expiresAt: z
			.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'Give the expiry as an ISO date (2026-12-31) or date-time.' })
			.transform((v) => new Date(v))
			.nullable(),
		/** Custom field values by key; null clears one. */
		fields: z.lazy(() => fieldValuesInput)
	})
	.partial();

export const assetListQuery = z.object({
	q: z.string().trim().max(200).optional(),
	type: assetKind.optional(),
	tag: z.string().trim().toLowerCase().max(60).optional(),
	status: assetStatus.optional(),
	collection: z.uuid().optional(),
	uploader: z.uuid().optional(),
	from: z.coerce.date().optional(),
	/** A bare date means the whole of that day (UTC). */
	to: z
		.string()
		.transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v))
		.pipe(z.coerce.date())
		.optional(),
	cursor: z.string().max(300).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	trashed: z
		.enum(['true', 'false'])
		.optional()
		.transform((v) => v === 'true')
});

const isoDate = z.iso.datetime();
export const renditionOut = z.object({ name: z.string(), mime: z.string(), width: z.number().int(), height: z.number().int(), size: z.number().int(), url: z.string() });
export const versionOut = z.object({
	id: z.uuid(),
	assetId: z.uuid(),
	number: z.number().int(),
	originalName: z.string(),
	mime: z.string(),
	kind: assetKind,
	size: z.number().int(),
	sha256: z.string(),
	status: z.enum(['processing', 'ready', 'failed']),
	failureReason: z.string().nullable(),
	metadata: z.record(z.string(), z.unknown()),
	createdAt: isoDate,
	processedAt: isoDate.nullable(),
	fileUrl: z.string(),
	uploaderName: z.string().nullable().optional(),
	renditions: z.array(renditionOut)
});
export const assetOut = z.object({
	id: z.uuid(),
	workspaceId: z.uuid(),
	title: z.string(),
	description: z.string(),
	status: assetStatus,
	kind: assetKind,
	collectionId: z.uuid().nullable(),
	latestVersion: z.number().int(),
	tags: z.array(z.string()),
	createdAt: isoDate,
	updatedAt: isoDate,
	deletedAt: isoDate.nullable(),
	/** When the rights to use it end; null: no end. */
	expiresAt: isoDate.nullable(),
	fields: z.record(z.string(), z.unknown())
});
export const assetUploadedOut = z.object({ asset: assetOut, version: versionOut });
export const assetDetailOut = assetOut.extend({ versions: z.array(versionOut) });
const facet = z.array(z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() }));
export const assetListOut = z.object({
	/** Each asset with its newest version (`current`), renditions included, for thumbnails. */
	items: z.array(assetOut.extend({ current: versionOut.nullable() })),
	nextCursor: z.string().nullable(),
	facets: z
		.object({
			type: facet,
			status: facet,
			tag: facet,
			collection: facet,
			uploader: facet,
			fields: z.record(z.string(), facet),
			total: z.number().int(),
			approximate: z.boolean()
		})
		.optional()
});

export const fieldTypes = ['text', 'number', 'date', 'select', 'multiselect'] as const;
const fieldKey = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'Use 1–40 lowercase letters, digits and underscores, starting with a letter.' });
const options = z.array(z.string().trim().min(1).max(100)).max(200);

export const collectionCreateInput = z.object({ name: z.string().trim().min(1, { error: 'Name the collection.' }).max(120), parentId: z.uuid().nullable().default(null) });
export const collectionUpdateInput = z.object({ name: z.string().trim().min(1).max(120), parentId: z.uuid().nullable() }).partial();
export const fieldCreateInput = z.object({
	key: fieldKey.optional(),
	label: z.string().trim().min(1, { error: 'Give the field a label.' }).max(80),
	type: z.enum(fieldTypes),
	options: options.default([]),
	required: z.boolean().default(false)
});
export const fieldUpdateInput = z.object({ label: z.string().trim().min(1).max(80), options, required: z.boolean(), position: z.number().int().min(0).max(1000) }).partial();
export const fieldValuesInput = z.record(z.string(), z.union([z.string().max(2000), z.number(), z.array(z.string().max(100)).max(200), z.null()]));

export const collectionOut = z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable(), assetCount: z.number().int() });
export const fieldOut = z.object({ id: z.uuid(), key: z.string(), label: z.string(), type: z.enum(fieldTypes), options: z.array(z.string()), required: z.boolean(), position: z.number().int() });
