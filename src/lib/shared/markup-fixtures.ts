import { newId, type Comment, type Mark, type Thread, openThread } from './markup.ts';

/** Well-formed entries for tests and benchmarks; override what the case is about. */
export function markEntry(author: string, over: Partial<Mark> = {}): Mark {
	const at = new Date().toISOString();
	return {
		type: 'mark',
		id: newId(),
		author,
		authorName: 'Someone',
		by: author,
		createdAt: at,
		updatedAt: at,
		threadId: newId(),
		kind: 'rect',
		page: 1,
		time: null,
		box: { x: 0.1, y: 0.1, w: 0.2, h: 0.1 },
		points: [],
		pressure: [],
		rects: [],
		text: '',
		color: '#e5484d',
		stroke: 0.004,
		...over
	};
}

export function threadEntry(author: string, over: Partial<Thread> = {}): Thread {
	const at = new Date().toISOString();
	return { type: 'thread', id: newId(), author, authorName: 'Someone', by: author, createdAt: at, updatedAt: at, markId: null, page: 1, time: null, ...openThread, ...over };
}

export function commentEntry(author: string, threadId: string, body: string, over: Partial<Comment> = {}): Comment {
	const at = new Date().toISOString();
	return { type: 'comment', id: newId(), author, authorName: 'Someone', by: author, createdAt: at, updatedAt: at, threadId, body, mentions: [], attachmentId: null, editedAt: null, deleted: false, ...over };
}
