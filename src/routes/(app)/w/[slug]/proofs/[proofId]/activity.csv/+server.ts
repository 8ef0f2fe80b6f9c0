import type { RequestHandler } from './$types';
import { idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { auditCsvResponse } from '#lib/kit/server/audit-csv.ts';
import { familyOf, proofFamilies, typesOf } from '#lib/shared/audit-words.ts';

/** The proof's whole trail (or one kind of event) as CSV, oldest pages fetched as the download goes. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const types = typesOf(proofFamilies, familyOf(proofFamilies, url.searchParams.get('type')));
	return run(async () => {
		const proofId = idParam(params.proofId, 'Proof');
		const ws = await services().workspaces.getBySlug(actor, params.slug);
		return auditCsvResponse(`proof-${proofId.slice(0, 8)}-activity.csv`, (cursor) => services().audit.list(actor, { workspaceId: ws.id, proofId, types, cursor, limit: 500 }));
	});
};
