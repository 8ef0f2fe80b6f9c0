import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';

export type Outcome = { provider: HocuspocusProvider; doc: Y.Doc; result: 'synced' | `denied:${string}` | 'timeout'; scope?: string };

/** Connects a real provider over a real WebSocket and reports how the server answered. */
export function connect(url: string, name: string, token: string | (() => Promise<string>)): Promise<Outcome> {
	const doc = new Y.Doc();
	return new Promise((resolve) => {
		let scope: string | undefined;
		const timer = setTimeout(() => resolve({ provider, doc, result: 'timeout' }), 5000);
		const provider: HocuspocusProvider = new HocuspocusProvider({
			url,
			name,
			document: doc,
			token,
			onAuthenticated: ({ scope: s }) => (scope = s),
			onAuthenticationFailed: ({ reason }) => {
				clearTimeout(timer);
				resolve({ provider, doc, result: `denied:${reason}` });
			},
			onSynced: () => {
				clearTimeout(timer);
				resolve({ provider, doc, result: 'synced', scope });
			}
		});
	});
}

export const waitFor = async (check: () => boolean, ms = 3000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 20));
	}
};

