import type { Asset, AssetVersion, CustomField, Rendition } from '#lib/server/db/schema/index.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const renditionOut = (r: Rendition) => ({
	name: r.name,
	mime: r.mime,
	width: r.width,
	height: r.height,
	size: r.size,
	url: `/api/v1/versions/${r.versionId}/renditions/${r.name}`
});

export const versionOut = (v: AssetVersion & { uploaderName?: string | null }, renditions: Rendition[]) => ({
	id: v.id,
	assetId: v.assetId,
	number: v.number,
	originalName: v.originalName,
	mime: v.mime,
	kind: v.kind,
	size: v.size,
	sha256: v.sha256,
	status: v.status,
	failureReason: v.failureReason,
	metadata: v.metadata,
	createdAt: v.createdAt.toISOString(),
	processedAt: iso(v.processedAt),
	fileUrl: `/api/v1/versions/${v.id}/file`,
	...(v.uploaderName !== undefined ? { uploaderName: v.uploaderName } : {}),
	renditions: renditions.map(renditionOut)
});

export const assetOut = (a: Asset, tags: string[]) => ({
	id: a.id,
	workspaceId: a.workspaceId,
	title: a.title,
	description: a.description,
	status: a.status,
	kind: a.kind,
	collectionId: a.collectionId,
	latestVersion: a.latestVersion,
	tags,
	createdAt: a.createdAt.toISOString(),
	updatedAt: a.updatedAt.toISOString(),
	deletedAt: iso(a.deletedAt),
	expiresAt: iso(a.expiresAt),
	fields: a.fields
});

export const collectionOut = (c: { id: string; name: string; parentId: string | null; assetCount?: number }) => ({ id: c.id, name: c.name, parentId: c.parentId, assetCount: c.assetCount ?? 0 });
export const fieldOut = (f: CustomField) => ({ id: f.id, key: f.key, label: f.label, type: f.type, options: f.options, required: f.required, position: f.position });
