import type { Extension } from '@hocuspocus/server';
import type { CollabContext } from './auth.extension.ts';
import { checkUpdate } from './markup-guard.ts';
import { checkBriefUpdate } from './brief-guard.ts';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Checks every change a writable connection sends: review rooms by `checkUpdate`, brief
 * bodies by `checkBriefUpdate`. Sandboxes (a workspace's scratch documents) are unchecked.
 */
export function guardExtension(): Extension {
	return {
		extensionName: 'loupe-guard',
		async beforeSync({ type, payload, connection, documentName, document, context }) {
			if ((type !== SYNC_STEP_2 && type !== SYNC_UPDATE) || connection.readOnly || payload.length <= 2) return;
			if (documentName.startsWith('version:')) checkUpdate(document, payload, (context as CollabContext).actor.user.id);
			else if (documentName.startsWith('brief:')) checkBriefUpdate(document, payload);
		}
	};
}
