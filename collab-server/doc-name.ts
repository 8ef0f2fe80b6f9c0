/**
 * Document names on /collab. Each kind names the record whose workspace decides access.
 * - `sandbox:{workspaceId}`: a scratch document per workspace, proving the wiring.
 * - `version:{versionId}`: the review room of one asset version.
 * - `brief:{briefId}`: the live-edited body of a creative brief.
 */
export type DocName = { kind: 'sandbox'; workspaceId: string } | { kind: 'version'; versionId: string } | { kind: 'brief'; briefId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseDocName(name: string): DocName | null {
	const i = name.indexOf(':');
	if (i < 0) return null;
	const kind = name.slice(0, i);
	const id = name.slice(i + 1);
	if (!UUID.test(id)) return null;
	if (kind === 'sandbox') return { kind, workspaceId: id };
	if (kind === 'version') return { kind, versionId: id };
	if (kind === 'brief') return { kind, briefId: id };
	return null;
}
