import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, run, services } from '#lib/kit/server/http.ts';
import { GUEST_COOKIE, asGuest } from '#lib/kit/server/guest-cookie.ts';

/**
 * The review room for a guest: the same room members use, on their proof's version only,
 * with its files from /g/files and the link token as the collab credential.
 */
export const load: PageServerLoad = async ({ cookies, url, params }) => {
	const token = cookies.get(GUEST_COOKIE);
	if (!token) error(401, 'Open the review link you were sent to see this proof.');
	const { guest, asset, version, renditions } = await run(() => asGuest(cookies, url, () => services().proofs.guestVersion(token, idParam(params.versionId, 'Version'))));
	const files = `/g/files/${version.id}`;
	return {
		// The page hands it to the collab connection; it is the guest's own link, already in their mail.
		token,
		user: { id: guest.reviewer.id, name: guest.reviewer.name },
		asset: { title: asset.title },
		version: {
			id: version.id,
			number: version.number,
			kind: version.kind,
			metadata: version.metadata,
			fileUrl: `${files}/original`,
			renditions: renditions.map((r) => ({ name: r.name, url: `${files}/${r.name}` }))
		},
		// Marks carry members' user ids and guests' reviewer ids; mentions use the same.
		members: guest.proof.stage.reviewers
			.filter((r) => r.id !== guest.reviewer.id)
			.map((r) => ({ id: (r as { userId?: string | null }).userId ?? r.id, name: r.name }))
	};
};
