import type { PageServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';
import { auditEventJson } from '#lib/kit/server/present-proofs.ts';
import { isDomainError } from '#lib/shared/errors.ts';
import { auditFamilies, familyOf, typesOf } from '#lib/shared/audit-words.ts';
import { isUuid } from '#lib/shared/schemas.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const family = familyOf(auditFamilies, url.searchParams.get('family'));
	const raw = url.searchParams.get('person');
	const person = raw && isUuid(raw) ? raw : null;
	// Without JavaScript, "Load more" is a link to the next (older) page.
	const cursor = url.searchParams.get('cursor') || undefined;
	const filters = { family, person, cursor: cursor ?? null };
	const page = await run(async () => {
		try {
			return await services().audit.list(actor, { workspaceId: workspace.id, types: typesOf(auditFamilies, family), actorId: person ?? undefined, cursor, limit: 50 });
		} catch (e) {
			// The whole trail is for managers and admins: the page says so instead of failing.
			if (isDomainError(e) && e.code === 'forbidden') return null;
			throw e;
		}
	});
	if (!page) return { forbidden: true as const, filters, people: [], activity: { items: [], nextCursor: null } };
	const members = await run(() => services().workspaces.members(actor, workspace.id));
	return {
		forbidden: false as const,
		filters,
		people: members.map((m) => ({ id: m.userId, name: m.name })),
		activity: { items: page.items.map(auditEventJson), nextCursor: page.nextCursor }
	};
};
