import type { Document, Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { COMMENTS, THREADS } from '#lib/shared/markup.ts';
import type { ReviewService } from '#lib/server/review/review.service.ts';
import { parseDocName } from './doc-name.ts';

/**
 * Projects review rooms to Postgres once their changes settle: `quietMs` after the last
 * change, and at least every `maxWaitMs` while people keep working. One projection runs
 * per document at a time; changes during it schedule the next.
 */
export function projectionExtension(review: ReviewService, opts: { quietMs?: number; maxWaitMs?: number; log?: (m: string) => void } = {}) {
	const quietMs = opts.quietMs ?? 400;
	const maxWaitMs = opts.maxWaitMs ?? 3000;
	type State = { timer?: ReturnType<typeof setTimeout>; firstAt?: number; running?: Promise<void>; again?: boolean; doc: Document; projected?: string };
	const states = new Map<string, State>();

	/**
	 * What the projection depends on: the threads' and comments' revisions. Moving marks,
	 * the commonest change by far, leaves it alone, so a busy room costs no database writes.
	 */
	const signature = (doc: Y.Doc) => {
		let sig = '';
		for (const root of [THREADS, COMMENTS]) {
			for (const e of doc.getArray<{ key: string; val: { updatedAt?: string } }>(root).toArray()) sig += `${e.key}@${e.val?.updatedAt ?? ''};`;
		}
		return sig;
	};

	const run = (name: string, versionId: string) => {
		const s = states.get(name);
		if (!s) return Promise.resolve();
		if (s.timer) clearTimeout(s.timer);
		s.timer = undefined;
		s.firstAt = undefined;
		if (s.running) {
			s.again = true;
			return s.running;
		}
		const sig = signature(s.doc);
		if (sig === s.projected) return Promise.resolve();
		s.running = review
			.project(versionId, s.doc)
			.then(() => void (s.projected = sig))
			.catch((e: unknown) => opts.log?.(`review projection of ${name} failed: ${e instanceof Error ? e.message : String(e)}`))
			.finally(() => {
				s.running = undefined;
				if (s.again) {
					s.again = false;
					schedule(name, versionId, s.doc);
				}
			});
		return s.running;
	};

	const schedule = (name: string, versionId: string, doc: Document) => {
		const s = states.get(name) ?? { doc };
		states.set(name, s);
		s.doc = doc;
		const now = Date.now();
		s.firstAt ??= now;
		if (s.timer) clearTimeout(s.timer);
		const wait = Math.max(0, Math.min(quietMs, s.firstAt + maxWaitMs - now));
		s.timer = setTimeout(() => void run(name, versionId), wait);
	};

	const extension: Extension = {
		extensionName: 'loupe-review-projection',
		async onChange({ documentName, document }) {
			const parsed = parseDocName(documentName);
			if (parsed?.kind === 'version') schedule(documentName, parsed.versionId, document);
		},
		async beforeUnloadDocument({ documentName }) {
			const parsed = parseDocName(documentName);
			if (parsed?.kind === 'version' && states.get(documentName)?.timer) await run(documentName, parsed.versionId);
		},
		async afterUnloadDocument({ documentName }) {
			const s = states.get(documentName);
			if (s?.timer) clearTimeout(s.timer);
			await s?.running;
			states.delete(documentName);
		}
	};

	/** Runs every pending projection now (shutdown). */
	const flush = () =>
		Promise.allSettled(
			[...states.keys()].map((name) => {
				const parsed = parseDocName(name);
				return parsed?.kind === 'version' ? run(name, parsed.versionId) : undefined;
			})
		);

	return { extension, flush };
}
