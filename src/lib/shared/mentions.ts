export type Mentionable = { id: string; name: string };

/**
 * The members named with @ in a comment. Names may contain spaces, so the longest name that
 * follows an @ wins ("@Ann Lee" is Ann Lee, not Ann); matching ignores case.
 */
export function findMentions(body: string, members: Mentionable[]): string[] {
	const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
	const found = new Set<string>();
	const lower = body.toLowerCase();
	for (let i = lower.indexOf('@'); i >= 0; i = lower.indexOf('@', i + 1)) {
		const rest = lower.slice(i + 1);
		const hit = byLength.find((m) => rest.startsWith(m.name.toLowerCase()) && !/[\p{L}\p{N}]/u.test(rest.charAt(m.name.length)));
		if (hit) found.add(hit.id);
	}
	return [...found];
}

/** The partial name being typed after an @ at the caret, if any: what the suggestion list filters by. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at < 0 || (at > 0 && /[\p{L}\p{N}]/u.test(before.charAt(at - 1)))) return null;
	const query = before.slice(at + 1);
	if (query.length > 40 || /\n/.test(query)) return null;
	return { start: at, query };
}

/** Splits a comment into text and mention runs, for display. */
export function mentionRuns(body: string, members: Mentionable[]): { text: string; mention: boolean }[] {
	const names = [...members].map((m) => m.name).sort((a, b) => b.length - a.length);
	const runs: { text: string; mention: boolean }[] = [];
	let i = 0;
	let plain = '';
	while (i < body.length) {
		if (body[i] === '@') {
			const name = names.find((n) => body.slice(i + 1, i + 1 + n.length).toLowerCase() === n.toLowerCase());
			if (name) {
				if (plain) runs.push({ text: plain, mention: false });
				plain = '';
				runs.push({ text: body.slice(i, i + 1 + name.length), mention: true });
				i += 1 + name.length;
				continue;
			}
		}
		plain += body[i];
		i++;
	}
	if (plain) runs.push({ text: plain, mention: false });
	return runs;
}
