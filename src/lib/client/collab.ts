import type { HocuspocusProvider } from '@hocuspocus/provider';

/**
 * The browser's side of /collab, shared by every live document a page opens (review rooms,
 * brief bodies): credentials, the address, colours, presence and the network.
 */

const PALETTE = ['#e5484d', '#f76b15', '#ffc53d', '#30a46c', '#0090ff', '#8e4ec6', '#d6409f', '#12a594'];
/** A stable colour per person, so everyone sees the same colour for the same person. */
export function colourFor(userId: string) {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return PALETTE[h % PALETTE.length]!;
}

/**
 * A short-lived ticket for the signed-in user: the session cookie is HttpOnly, so scripts
 * cannot hand it to the socket. Pass this function (not its result) as the provider's
 * token, so every reconnect fetches a fresh one.
 */
export async function collabTicket(): Promise<string> {
	const res = await fetch('/api/v1/collab/ticket', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	if (!res.ok) throw new Error(`ticket ${res.status}`);
	return ((await res.json()) as { ticket: string }).ticket;
}

export const collabUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;

export type PresentUser = { clientId: number; id: string; name: string; color: string; state: Record<string, unknown> };

/** Everyone else whose awareness names a user (`user {id, name, color}`), with the rest of their state. */
export function presentUsers(provider: HocuspocusProvider): PresentUser[] {
	const out: PresentUser[] = [];
	for (const [clientId, state] of provider.awareness?.getStates() ?? []) {
		if (clientId === provider.document.clientID) continue;
		const u = state.user as { id?: string; name?: string; color?: string } | undefined;
		if (!u?.id) continue;
		out.push({ clientId, id: u.id, name: u.name ?? 'Someone', color: u.color ?? '#64748b', state });
	}
	return out;
}

/**
 * The browser knows at once when the network goes; a silent socket would take the
 * provider's 30-second timeout to notice. Returns the function that stops listening.
 */
export function followNetwork(onOffline: () => void, onOnline: () => void): () => void {
	if (typeof window === 'undefined') return () => {};
	window.addEventListener('offline', onOffline);
	window.addEventListener('online', onOnline);
	return () => {
		window.removeEventListener('offline', onOffline);
		window.removeEventListener('online', onOnline);
	};
}
