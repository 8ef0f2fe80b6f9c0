// The REST calls the brand portal makes from the browser (the session cookie signs them).
import type { BrandAssetJson, BrandKind, BrandSectionJson } from '#lib/shared/brand.ts';
import { apiError, call } from '../library/api-client.ts';
import { thumbOf, type AssetJson, type VersionJson } from '../library/library-types.ts';

export type SectionBody = { title?: string; body?: string; colours?: { name: string; hex: string; note?: string }[]; assetIds?: string[] };

export const createSection = (workspaceId: string, body: SectionBody & { kind: BrandKind }) => call<BrandSectionJson>('POST', `/api/v1/brand-sections?workspaceId=${workspaceId}`, body);
export const updateSection = (id: string, body: SectionBody) => call<BrandSectionJson>('PATCH', `/api/v1/brand-sections/${id}`, body);
export const deleteSection = (id: string) => call<void>('DELETE', `/api/v1/brand-sections/${id}`);
export const orderSections = (workspaceId: string, ids: string[]) => call<{ items: BrandSectionJson[] }>('POST', `/api/v1/brand-sections/order?workspaceId=${workspaceId}`, { ids });

type ListItem = AssetJson & { current: VersionJson | null };

/**
 * Approved library assets whose rights have not run out, newest first or by relevance: what
 * may be embedded. The server checks again on save; this only keeps the choice honest.
 */
export async function embeddableAssets(workspaceId: string, q: string, signal?: AbortSignal): Promise<{ items: BrandAssetJson[]; more: boolean }> {
	const params = new URLSearchParams({ workspaceId, status: 'approved', limit: '48' });
	if (q.trim()) params.set('q', q.trim());
	let res: Response;
	try {
		res = await fetch(`/api/v1/assets?${params}`, { headers: { accept: 'application/json' }, signal });
	} catch (e) {
		if (signal?.aborted) throw e;
		throw apiError(0, null);
	}
	const json = (await res.json().catch(() => null)) as { items: ListItem[]; nextCursor: string | null } | null;
	if (!res.ok || !json) throw apiError(res.status, json);
	const now = Date.now();
	const items = json.items
		.filter((a) => !a.expiresAt || new Date(a.expiresAt).getTime() > now)
		.map((a): BrandAssetJson => ({ id: a.id, title: a.title, kind: a.kind, expiresAt: a.expiresAt ?? null, versionId: a.current?.id ?? null, thumb: a.current ? thumbOf(a.current.renditions) : null, downloadUrl: null, flag: null }));
	return { items, more: json.nextCursor !== null };
}
