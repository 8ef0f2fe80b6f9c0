import type { LayoutServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';
import { collectionOut, fieldOut } from '#lib/kit/server/present-assets.ts';

/** The workspace's collections and custom fields, for the sidebar, the bulk bar and asset pages. */
export const load: LayoutServerLoad = async ({ locals, url, parent, depends }) => {
	depends('library:taxonomy');
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const [collections, fields] = await Promise.all([
		run(() => services().taxonomy.collections(actor, workspace.id)),
		run(() => services().taxonomy.fields(actor, workspace.id))
	]);
	return { collections: collections.map(collectionOut), fields: fields.map(fieldOut) };
};
