import type { Document, Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocName, type DocName } from './doc-name.ts';

/** How one kind of document reaches Postgres. */
export type Projector = {
	/**
	 * What the projection depends on. An unchanged signature skips the write, so changes
	 * that do not matter to the database (moving a mark, say) cost nothing.
	 */
	signature: (doc: Y.Doc) => string;
	/** Writes the document's projection for the record `id` (a version, a brief). */
	project: (id: string, doc: Y.Doc) => Promise<unknown>;
};
export type Projectors = Partial<Record<DocName['kind'], Projector>>;

/** The record a document name projects to and its projector, or null for kinds that stay in Yjs. */
function targetOf(projectors: Projectors, name: string): { id: string; projector: Projector } | null {
	const parsed = parseDocName(name);
	if (!parsed) return null;
	const projector = projectors[parsed.kind];
	if (!projector) return null;
	const id = parsed.kind === 'version' ? parsed.versionId : parsed.kind === 'brief' ? parsed.briefId : parsed.workspaceId;
	return { id, projector };
}

/**
 * Projects live documents to Postgres once their changes settle: `quietMs` after the last
 * change, and at least every `maxWaitMs` while people keep working. One projection runs
 * per document at a time; changes during it schedule the next.
 */
export function projectionExtension(projectors: Projectors, opts: { quietMs?: number; maxWaitMs?: number; log?: (m: string) => void } = {}) {
	const quietMs = opts.quietMs ?? 400;
	const maxWaitMs = opts.maxWaitMs ?? 3000;
	type State = { timer?: ReturnType<typeof setTimeout>; firstAt?: number; running?: Promise<void>; again?: boolean; doc: Document; projected?: string };
	const states = new Map<string, State>();

	const run = (name: string) => {
		const s = states.get(name);
		const target = targetOf(projectors, name);
		if (!s || !target) return Promise.resolve();
		if (s.timer) clearTimeout(s.timer);
		s.timer = undefined;
		s.firstAt = undefined;
		if (s.running) {
			s.again = true;
			return s.running;
		}
		const sig = target.projector.signature(s.doc);
		if (sig === s.projected) return Promise.resolve();
		s.running = target.projector
			.project(target.id, s.doc)
			.then(() => void (s.projected = sig))
			.catch((e: unknown) => opts.log?.(`projection of ${name} failed: ${e instanceof Error ? e.message : String(e)}`))
			.finally(() => {
				s.running = undefined;
				if (s.again) {
					s.again = false;
					schedule(name, s.doc);
				}
			});
		return s.running;
	};

	const schedule = (name: string, doc: Document) => {
		const s = states.get(name) ?? { doc };
		states.set(name, s);
		s.doc = doc;
		const now = Date.now();
		s.firstAt ??= now;
		if (s.timer) clearTimeout(s.timer);
		const wait = Math.max(0, Math.min(quietMs, s.firstAt + maxWaitMs - now));
		s.timer = setTimeout(() => void run(name), wait);
	};

	const extension: Extension = {
		extensionName: 'loupe-projection',
		async onChange({ documentName, document }) {
			if (targetOf(projectors, documentName)) schedule(documentName, document);
		},
		async beforeUnloadDocument({ documentName }) {
			if (states.get(documentName)?.timer) await run(documentName);
		},
		async afterUnloadDocument({ documentName }) {
			const s = states.get(documentName);
			if (s?.timer) clearTimeout(s.timer);
			await s?.running;
			states.delete(documentName);
		}
	};

	/** Runs every pending projection now (shutdown). */
	const flush = () => Promise.allSettled([...states.keys()].map(run));

	return { extension, flush };
}
