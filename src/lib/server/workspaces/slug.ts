import { randomToken } from '../auth/crypto.ts';

export function slugify(name: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/g, '');
	return base || 'workspace';
}

/** The slugified name, or the name with a short random suffix when taken. */
export async function uniqueSlug(name: string, taken: (slug: string) => Promise<boolean>, wanted?: string): Promise<string> {
	const base = wanted ?? slugify(name);
	if (!(await taken(base))) return base;
	for (let i = 0; i < 5; i++) {
		const candidate = `${base.slice(0, 40)}-${randomToken(3).slice(0, 4)}`;
		if (!(await taken(candidate))) return candidate;
	}
	throw new Error('Could not find a free workspace slug');
}
