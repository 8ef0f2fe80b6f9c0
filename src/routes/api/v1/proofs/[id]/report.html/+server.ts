import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => {
	const html = await services().reports.html(apiActor(locals), idParam(params.id, 'Proof'));
	// Self-contained (inline styles and images): nothing else may load or run.
	return new Response(html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
});
