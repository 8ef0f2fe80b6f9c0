import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, run, services } from '#lib/kit/server/http.ts';
import { GUEST_COOKIE, asGuest } from '#lib/kit/server/guest-cookie.ts';
import type { Cookies } from '@sveltejs/kit';

const NO_LINK = 'Open the review link you were sent to see this proof.';

function tokenOf(cookies: Cookies): string {
	const token = cookies.get(GUEST_COOKIE);
	if (!token) error(401, NO_LINK);
	return token;
}

export const load: PageServerLoad = async ({ cookies, url }) => {
	const token = tokenOf(cookies);
	const { reviewer, proof } = await run(() => asGuest(cookies, url, () => services().proofs.guest(token)));
	const { stage } = proof;
	const brief = await services().deliverables.proofBrief(proof.id);
	return {
		// The brief's legal lines: what a legal reviewer checks the work against. Nothing else of the brief.
		disclaimers: brief?.disclaimers ?? [],
		legalCategory: brief?.legalCategory ?? null,
		me: { id: reviewer.id, name: reviewer.name, needsName: !reviewer.name.trim() || reviewer.name === reviewer.email.split('@')[0] },
		proof: { title: proof.title, status: proof.status, round: proof.round, versions: proof.versions.filter((v) => v.current) },
		// Other reviewers' addresses are theirs to share: a guest sees names and decisions only.
		stage: {
			id: stage.id,
			name: stage.name,
			checklist: (stage as { checklist?: string[] }).checklist ?? [],
			rule: stage.rule,
			dueAt: stage.dueAt,
			status: stage.status,
			outcome: stage.outcome,
			closedAt: (stage as { closedAt?: string | null }).closedAt ?? null,
			reviewers: stage.reviewers.map((r) => ({ id: r.id, name: r.name, guest: r.guest, gatekeeper: r.gatekeeper, decisions: r.decisions, ticked: (r as { ticked?: number[] }).ticked ?? [] }))
		}
	};
};

export const actions: Actions = {
	name: async ({ request, cookies, url }) => {
		const token = tokenOf(cookies);
		const values = formObject(await request.formData(), ['name']);
		return act(() => asGuest(cookies, url, () => services().proofs.renameGuest(token, values)), values);
	},
	tick: async ({ request, cookies, url }) => {
		const token = tokenOf(cookies);
		const values = formObject(await request.formData(), ['stageId', 'item', 'checked']);
		return act(async () => {
			await asGuest(cookies, url, () => services().proofs.guestTick(token, { stageId: values.stageId, item: Number(values.item), checked: values.checked === 'true' }));
			return { ticked: true };
		}, values);
	},
	decide: async ({ request, cookies, url }) => {
		const token = tokenOf(cookies);
		const values = formObject(await request.formData(), ['versionId', 'decision', 'note']);
		const input = { versionId: values.versionId, decision: values.decision, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
		return act(async () => {
			await asGuest(cookies, url, () => services().proofs.guestDecide(token, input));
			return { decided: values.decision, versionId: values.versionId };
		}, values);
	}
};
