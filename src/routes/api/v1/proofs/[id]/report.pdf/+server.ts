import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';

const fileName = (title: string) => `${title.replace(/[^\w .-]+/g, '_').slice(0, 80) || 'proof'} - report.pdf`;

export const GET: RequestHandler = api(async ({ locals, params }) => {
	const actor = apiActor(locals);
	const id = idParam(params.id, 'Proof');
	const s = services();
	const pdf = await s.reports.pdf(actor, id);
	return new Response(Buffer.from(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName(await s.reports.title(actor, id))}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
});
