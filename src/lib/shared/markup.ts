import * as Y from 'yjs';
import { z } from 'zod';

/**
 * The review-room document `version:{versionId}`: three root Y.Arrays in key-value-array
 * layout (y-utility's YKeyValue: `{ key, val }` entries, the rightmost entry of a key wins,
 * a write appends a new entry and deletes the old one). A mark moved 10,000 times leaves
 * one live entry and a run of tombstones that Yjs merges, where a Y.Map would keep every
 * value it ever had. Values are plain JSON and replaced whole; never nest Yjs types.
 *
 * Coordinates are page-relative: x and stroke widths are fractions of the page's width,
 * y of its height (0,0 top left). `page` is 1-based (always 1 for images, video, audio);
 * `time` is seconds into a video or audio file, null elsewhere.
 *
 * collab-server/CONTEXT.md documents this for other clients; keep the two in step.
 */
export const MARKS = 'marks';
export const THREADS = 'threads';
export const COMMENTS = 'comments';
export const ROOTS = [MARKS, THREADS, COMMENTS] as const;
export type RootName = (typeof ROOTS)[number];

export const markKinds = ['pin', 'rect', 'ellipse', 'arrow', 'line', 'pen', 'highlight'] as const;
export type MarkKind = (typeof markKinds)[number];

const id = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, { error: 'Ids are 6–40 letters, digits, - or _.' });
const unit = z.number().finite().min(-0.5).max(1.5);
const iso = z.iso.datetime();
const colour = z.string().regex(/^#[0-9a-f]{6}$/i);

/** Who wrote this revision of an entry (`by`, checked by the server) and who created it (`author`). */
const authored = {
	id,
	author: z.uuid(),
	authorName: z.string().max(200),
	by: z.uuid(),
	createdAt: iso,
	updatedAt: iso
};

const box = z.object({ x: unit, y: unit, w: z.number().min(0).max(2), h: z.number().min(0).max(2) });

export const markSchema = z.object({
	type: z.literal('mark'),
	...authored,
	threadId: id,
	kind: z.enum(markKinds),
	page: z.int().min(1).max(100_000),
	time: z.number().min(0).max(86_400).nullable(),
	/** pin: x, y (w = h = 0); rect, ellipse: the box; highlight: the union of its rects. */
	box: box,
	/** line, arrow: [x1, y1, x2, y2]; pen: x, y pairs. */
	points: z.array(unit).max(20_000).default([]),
	/** pen: one pressure (0–1) per point pair, where the device reports it. */
	pressure: z.array(z.number().min(0).max(1)).max(10_000).default([]),
	/** highlight: the text lines' rects and the words they cover. */
	rects: z.array(box).max(500).default([]),
	text: z.string().max(5_000).default(''),
	color: colour,
	stroke: z.number().min(0).max(0.1)
});
export type Mark = z.infer<typeof markSchema>;

export const threadSchema = z.object({
	type: z.literal('thread'),
	...authored,
	/** null for a general comment on the version. */
	markId: id.nullable(),
	page: z.int().min(1).max(100_000),
	time: z.number().min(0).max(86_400).nullable(),
	resolved: z.boolean(),
	resolvedBy: z.uuid().nullable(),
	resolvedAt: iso.nullable(),
	/** Brought over, unresolved, from the version before when a proof's next round opened. */
	carriedFrom: z.object({ versionId: z.uuid(), number: z.int().min(1), threadId: id }).nullable().default(null),
	/** The creator's answer to a carried note: addressed in this version (true) or not (false). */
	addressed: z.boolean().nullable().default(null),
	addressedBy: z.uuid().nullable().default(null),
	addressedAt: iso.nullable().default(null)
});
export type Thread = z.infer<typeof threadSchema>;

/** The state of a thread nobody has resolved, carried or answered yet. */
export const openThread = { resolved: false, resolvedBy: null, resolvedAt: null, carriedFrom: null, addressed: null, addressedBy: null, addressedAt: null } as const;

export const commentSchema = z.object({
	type: z.literal('comment'),
	...authored,
	threadId: id,
	body: z.string().max(10_000),
	/** User ids named with @ in the body; each is notified once. */
	mentions: z.array(z.uuid()).max(50).default([]),
	/** A reference image: an attachment id from POST /api/v1/versions/{id}/attachments. */
	attachmentId: z.uuid().nullable().default(null),
	editedAt: iso.nullable(),
	/** Deleting a comment blanks it and keeps its place in the thread. */
	deleted: z.boolean()
});
export type Comment = z.infer<typeof commentSchema>;

export const entrySchema = z.discriminatedUnion('type', [markSchema, threadSchema, commentSchema]);
export type Entry = z.infer<typeof entrySchema>;

export const rootOf = { mark: MARKS, thread: THREADS, comment: COMMENTS } as const satisfies Record<Entry['type'], RootName>;

type KV<T> = { key: string; val: T };

/** The live value of every key in a key-value array: the rightmost entry of each key. */
export function readKV<T extends Entry>(array: Y.Array<KV<unknown>>, type: T['type']): Map<string, T> {
	const out = new Map<string, T>();
	const items = array.toArray();
	for (let i = items.length - 1; i >= 0; i--) {
		const e = items[i];
		if (!e || typeof e.key !== 'string' || out.has(e.key)) continue;
		const v = e.val as Entry | undefined;
		if (v && typeof v === 'object' && v.type === type) out.set(e.key, v as T);
	}
	return out;
}

export type Annotations = { marks: Mark[]; threads: Thread[]; comments: Comment[] };

/** Everything the document holds, oldest first: what GET …/annotations returns. */
export function readAnnotations(doc: Y.Doc): Annotations {
	const byTime = (a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt);
	return {
		marks: [...readKV<Mark>(doc.getArray(MARKS), 'mark').values()].sort(byTime),
		threads: [...readKV<Thread>(doc.getArray(THREADS), 'thread').values()].sort(byTime),
		comments: [...readKV<Comment>(doc.getArray(COMMENTS), 'comment').values()].sort(byTime)
	};
}

/** 16 random characters from the id alphabet, about 96 bits. */
export function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s).replaceAll('+', '-').replaceAll('/', '_');
}
