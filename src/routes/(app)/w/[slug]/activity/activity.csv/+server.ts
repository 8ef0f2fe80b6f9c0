import type { RequestHandler } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';
import { auditCsvResponse } from '#lib/kit/server/audit-csv.ts';
import { auditFamilies, familyOf, typesOf } from '#lib/shared/audit-words.ts';
import { isUuid } from '#lib/shared/schemas.ts';

/** The workspace's trail as CSV, with the feed's filters; for managers and admins. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const types = typesOf(auditFamilies, familyOf(auditFamilies, url.searchParams.get('family')));
	const person = url.searchParams.get('person');
	const actorId = person && isUuid(person) ? person : undefined;
	return run(async () => {
		const ws = await services().workspaces.getBySlug(actor, params.slug);
		const day = new Date().toISOString().slice(0, 10);
		return auditCsvResponse(`${ws.slug}-activity-${day}.csv`, (cursor) => services().audit.list(actor, { workspaceId: ws.id, types, actorId, cursor, limit: 500 }));
	});
};
