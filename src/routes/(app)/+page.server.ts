import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { workspaces } = await parent();
	redirect(303, workspaces[0] ? `/w/${workspaces[0].slug}/briefs` : '/workspaces/new');
};
