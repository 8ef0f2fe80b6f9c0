import type { PageServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';
import { proofRow } from './proof-view.ts';
import { proofTabs, tabOf, type ProofTab } from './proof-tabs.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const now = new Date();
	const rows = async (tab: ProofTab, limit = 100) => {
		const proofs = await run(() => services().proofs.list(actor, { workspace: workspace.id, ...proofTabs[tab].query, limit }));
		const out = proofs.map((p) => proofRow(p, actor.user.id, now));
		// The service lists the proofs where I review an open stage; those I decided on wait on others.
		return tab === 'mine' ? out.filter((r) => r.waitingOnMe) : out;
	};
	const asked = tabOf(url.searchParams.get('show'));
	// Without a choice: what waits on me, or everything when nothing does.
	let tab: ProofTab = asked ?? 'mine';
	let proofs = await rows(tab);
	if (!asked && !proofs.length) proofs = await rows((tab = 'all'));
	const any = proofs.length > 0 || (tab !== 'all' && (await rows('all', 1)).length > 0);
	return { tab, any, proofs };
};
