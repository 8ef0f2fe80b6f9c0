import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { notificationOut } from '#lib/kit/server/present-review.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const { unread, items } = await services().review.notifications(apiActor(locals), Object.fromEntries(url.searchParams));
	return { unread, items: items.map(notificationOut) };
});
