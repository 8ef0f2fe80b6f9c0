import { z } from 'zod';
import { commentSchema, markSchema, threadSchema } from './markup.ts';

const isoDate = z.iso.datetime();

export const annotationsOut = z.object({
	versionId: z.uuid(),
	assetId: z.uuid(),
	counts: z.object({ threads: z.int(), open: z.int(), resolved: z.int(), marks: z.int() }),
	marks: z.array(markSchema),
	threads: z.array(threadSchema.extend({ mark: markSchema.nullable(), comments: z.array(commentSchema) }))
});

export const notificationOut = z.object({
	id: z.uuid(),
	workspaceId: z.uuid(),
	kind: z.enum(['mention', 'reply', 'assigned', 'decision', 'due_soon', 'overdue', 'proof_closed']),
	data: z.record(z.string(), z.unknown()),
	createdAt: isoDate,
	readAt: isoDate.nullable()
});

export const notificationsOut = z.object({ unread: z.int(), items: z.array(notificationOut) });

export const notificationsQuery = z.object({
	unread: z
		.enum(['true', 'false'])
		.optional()
		.transform((v) => v === 'true'),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});

export const markReadInput = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }), z.object({ all: z.literal(true) })], {
	error: 'Send {"ids": [...]} or {"all": true}.'
});

export const attachmentOut = z.object({ id: z.uuid(), name: z.string(), width: z.int(), height: z.int(), size: z.int(), url: z.string() });
