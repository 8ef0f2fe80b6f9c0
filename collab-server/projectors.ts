import type * as Y from 'yjs';
import { COMMENTS, THREADS } from '#lib/shared/markup.ts';
import { BODY_FIELD, bodyText } from '#lib/shared/brief-doc.ts';
import type { ReviewService } from '#lib/server/review/review.service.ts';
import type { BriefRepository } from '#lib/server/briefs/brief.repository.ts';
import type { Projector } from './projection.extension.ts';

/**
 * Review rooms → `review_thread` and `review_comment` (counts, open/resolved, comment search)
 * and first-time @mention notifications. The projection depends only on the threads' and
 * comments' revisions: moving marks, the commonest change by far, leaves it alone, so a
 * busy room costs no database writes.
 */
export function reviewProjector(review: Pick<ReviewService, 'project'>): Projector {
	return {
		signature(doc: Y.Doc) {
			let sig = '';
			for (const root of [THREADS, COMMENTS]) {
				for (const e of doc.getArray<{ key: string; val: { updatedAt?: string } }>(root).toArray()) sig += `${e.key}@${e.val?.updatedAt ?? ''};`;
			}
			return sig;
		},
		project: (versionId, doc) => review.project(versionId, doc)
	};
}

/** Brief bodies → `brief.body_text`, the plain text that search and reports read. */
export function briefBodyProjector(briefs: Pick<BriefRepository, 'setBodyText'>, now: () => Date): Projector {
	const text = (doc: Y.Doc) => bodyText(doc.getXmlFragment(BODY_FIELD));
	return {
		signature: text,
		project: async (briefId, doc) => void (await briefs.setBodyText(briefId, text(doc), now()))
	};
}
