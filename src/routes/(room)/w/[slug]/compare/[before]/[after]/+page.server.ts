import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { versionOut } from '#lib/kit/server/present-assets.ts';

/**
 * Two versions of one asset, side by side, overlaid or swiped. The differences themselves
 * come from the compare API page by page (computed once and kept), so the page opens at once.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const s = services();
	const workspace = await run(() => s.workspaces.getBySlug(actor, params.slug));
	const [before, after] = await Promise.all([idParam(params.before, 'Version'), idParam(params.after, 'Version')].map((id) => run(() => s.assets.version(actor, id))));
	// Versions of another workspace under this workspace's address would mislead; they are simply not here.
	if (before!.asset.workspaceId !== workspace.id || after!.asset.workspaceId !== workspace.id) error(404, 'Version not found.');
	const [all, notes] = await Promise.all([run(() => s.assets.get(actor, after!.asset.id)), run(() => s.review.annotations(actor, before!.version.id))]);
	return {
		workspace: { slug: workspace.slug },
		asset: { id: after!.asset.id, title: after!.asset.title },
		before: versionOut(before!.version, before!.renditions),
		after: versionOut(after!.version, after!.renditions),
		versions: all.versions.filter((v) => v.status === 'ready').map((v) => ({ id: v.id, number: v.number, kind: v.kind })),
		notes: { marks: notes.marks, threads: notes.threads.map((t) => ({ id: t.id, createdAt: t.createdAt, resolved: t.resolved, page: t.page, markId: t.markId, authorName: t.authorName, first: t.comments[0]?.body ?? '' })) }
	};
};
