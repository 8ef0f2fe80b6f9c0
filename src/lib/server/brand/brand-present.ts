import type { BrandAssetFlag, BrandAssetJson, BrandSectionJson } from '#lib/shared/brand.ts';
import { sanitiseHtml } from '#lib/shared/sanitise-html.ts';
import type { Asset, AssetVersion, Rendition } from '../db/schema/index.ts';
import type { BrandSectionRow } from './brand.repository.ts';

/** Why an asset may not be shown in the guidelines now, or null when it may. */
export function flagOf(a: Pick<Asset, 'status' | 'deletedAt' | 'expiresAt'> | undefined, now: Date): BrandAssetFlag | null {
	if (!a || a.deletedAt) return 'removed';
	if (a.expiresAt && a.expiresAt.getTime() <= now.getTime()) return 'expired';
	if (a.status !== 'approved') return 'not_approved';
	return null;
}

export type AssetFacts = { assets: Map<string, Asset>; latest: Map<string, AssetVersion & { renditions: Rendition[] }> };

function presentAsset(id: string, facts: AssetFacts, now: Date): BrandAssetJson {
	const a = facts.assets.get(id);
	const v = facts.latest.get(id);
	const flag = flagOf(a, now);
	const url = (name: string) => (v?.renditions.some((r) => r.name === name) ? `/api/v1/versions/${v.id}/renditions/${name}` : null);
	const thumb = v?.renditions.find((r) => r.name === 'thumb') ?? v?.renditions.find((r) => r.name === 'thumb-jpeg');
	return {
		id,
		title: a?.title ?? 'Deleted asset',
		kind: a?.kind ?? 'other',
		expiresAt: a?.expiresAt?.toISOString() ?? null,
		versionId: v?.id ?? null,
		// A trashed asset's files cannot be fetched any more: no picture to offer.
		thumb: thumb && flag !== 'removed' ? { webp: url('thumb'), jpeg: url('thumb-jpeg'), width: thumb.width, height: thumb.height } : null,
		downloadUrl: v && !flag ? `/api/v1/versions/${v.id}/file` : null,
		flag
	};
}

/**
 * A section as its reader sees it. Members below manager see only assets fit for use; managers
 * also see those that expired or lost approval since, flagged, so they can replace them.
 */
export function presentSection(row: BrandSectionRow, facts: AssetFacts, opts: { now: Date; showFlagged: boolean }): BrandSectionJson {
	const assets = row.assetIds.map((id) => presentAsset(id, facts, opts.now)).filter((a) => opts.showFlagged || !a.flag);
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		position: row.position,
		kind: row.kind,
		title: row.title,
		// Cleaned on save already; cleaned again on the way out because pages render it as HTML,
		// and a row written some other way (a restore, a script) must not become markup.
		body: sanitiseHtml(row.body),
		colours: row.colours,
		assets,
		updatedAt: row.updatedAt.toISOString()
	};
}
