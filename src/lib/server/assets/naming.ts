/** Tokens a workspace's naming template may use for downloaded files. */
export const NAMING_TOKENS = ['workspace', 'collection', 'title', 'original', 'version', 'yyyy', 'mm', 'dd', 'status', 'id'] as const;

export type NamingValues = {
	workspace: string;
	collection: string | null;
	title: string;
	original: string;
	version: number;
	date: Date;
	status: string;
	id: string;
};

const UNKNOWN = /\{(?!(?:workspace|collection|title|original|version|yyyy|mm|dd|status|id)\})[^}]*\}/;

/** A template is text with known {tokens}; anything else is refused when it is saved. */
export function templateProblem(template: string): string | null {
	if (template.length > 200) return 'Use at most 200 characters.';
	const bad = UNKNOWN.exec(template);
	if (bad) return `Unknown token ${bad[0]}. Use ${NAMING_TOKENS.map((t) => `{${t}}`).join(', ')}.`;
	return null;
}

const safe = (s: string) =>
	s
		.normalize('NFKC')
		.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-')
		.replace(/\s+/g, ' ')
		.trim();

/** The download name: the template filled in, made safe for every file system, with the original's extension. */
export function renderName(template: string | null, v: NamingValues): string {
	const ext = /\.[a-z0-9]{1,8}$/i.exec(v.original)?.[0] ?? '';
	if (!template) return v.original;
	const base = v.original.slice(0, v.original.length - ext.length);
	const pad = (n: number) => String(n).padStart(2, '0');
	const values: Record<string, string> = {
		workspace: v.workspace,
		collection: v.collection ?? '',
		title: v.title,
		original: base,
		version: String(v.version),
		yyyy: String(v.date.getUTCFullYear()),
		mm: pad(v.date.getUTCMonth() + 1),
		dd: pad(v.date.getUTCDate()),
		status: v.status,
		id: v.id.slice(0, 8)
	};
	const filled = safe(template.replace(/\{(\w+)\}/g, (_, k: string) => safe(values[k] ?? '')))
		.replace(/([_\-. ])\1+/g, '$1')
		.replace(/^[_\-. ]+|[_\-. ]+$/g, '');
	return (filled || base || 'file').slice(0, 180) + ext.toLowerCase();
}
