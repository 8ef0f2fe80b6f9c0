// Shapes the library pages exchange with the server: the REST API's JSON, plus the
// card a page load adds (latest version and thumbnail) so a grid needs one request.

export type AssetStatus = 'draft' | 'in_review' | 'approved' | 'archived';
export type AssetKind = 'image' | 'pdf' | 'video' | 'audio' | 'other';
export type VersionStatus = 'processing' | 'ready' | 'failed';

export type RenditionJson = { name: string; mime: string; width: number; height: number; size: number; url: string };

export type VersionJson = {
	id: string;
	assetId: string;
	number: number;
	originalName: string;
	mime: string;
	kind: AssetKind;
	size: number;
	sha256: string;
	status: VersionStatus;
	failureReason: string | null;
	metadata: Record<string, unknown>;
	createdAt: string;
	processedAt: string | null;
	fileUrl: string;
	renditions: RenditionJson[];
	/** Present where the page load adds it (asset page); the REST API leaves it out. */
	uploaderName?: string | null;
};

export type AssetJson = {
	id: string;
	workspaceId: string;
	title: string;
	description: string;
	status: AssetStatus;
	kind: AssetKind;
	collectionId: string | null;
	latestVersion: number;
	tags: string[];
	createdAt: string;
	updatedAt: string;
	deletedAt: string | null;
	/** When the rights to use it end; null: no end. */
	expiresAt?: string | null;
	/** Custom field values by field key. */
	fields?: Record<string, FieldValue>;
};

export type FieldType = 'text' | 'number' | 'date' | 'select' | 'multiselect';
export type FieldValue = string | number | string[] | null;
export type FieldJson = { id: string; key: string; label: string; type: FieldType; options: string[]; required: boolean; position: number };
export type CollectionJson = { id: string; name: string; parentId: string | null; assetCount: number };

export type AssetDetailJson = AssetJson & { versions: VersionJson[] };
export type UploadedJson = { asset: AssetJson; version: VersionJson };

/** What a grid card or list row needs: the asset, its latest version's state and a thumbnail. */
export type AssetCard = AssetJson & {
	version: Pick<VersionJson, 'id' | 'number' | 'status' | 'failureReason' | 'originalName' | 'size' | 'mime'> | null;
	thumb: Thumb | null;
};
export type Thumb = { webp: string | null; jpeg: string | null; width: number; height: number };

export type FacetValue = { value: string; label?: string; count: number };
export type Facets = Partial<Record<'type' | 'tag' | 'status' | 'collection' | 'uploader', FacetValue[]>> & {
	/** Counts of select and multi-select custom fields, by field key. */
	fields?: Record<string, FacetValue[]>;
	total?: number;
	/** True when the counts are estimated (broad searches in very large libraries). */
	approximate?: boolean;
};

export type CardPage = { items: AssetCard[]; nextCursor: string | null; facets: Facets | null };

/** The list filters the library keeps in its URL, in the API's parameter names. */
export const FILTER_KEYS = ['q', 'type', 'tag', 'status', 'collection', 'uploader', 'from', 'to', 'trashed'] as const;
/** Custom field filters are `field.<key>`; their keys depend on the workspace. */
export type FieldFilterKey = `field.${string}`;
export type FilterKey = (typeof FILTER_KEYS)[number] | FieldFilterKey;
export const FIELD_PREFIX = 'field.';
export const isFieldKey = (k: string): k is FieldFilterKey => k.startsWith(FIELD_PREFIX) && k.length > FIELD_PREFIX.length;

export const PAGE_SIZE = 48;

export const statusLabel: Record<AssetStatus, string> = { draft: 'Draft', in_review: 'In review', approved: 'Approved', archived: 'Archived' };
export const statuses = Object.keys(statusLabel) as AssetStatus[];
export const kindLabel: Record<AssetKind, string> = { image: 'Image', pdf: 'PDF', video: 'Video', audio: 'Audio', other: 'Other' };

export function thumbOf(renditions: RenditionJson[]): Thumb | null {
	const webp = renditions.find((r) => r.name === 'thumb');
	const jpeg = renditions.find((r) => r.name === 'thumb-jpeg');
	const any = webp ?? jpeg;
	return any ? { webp: webp?.url ?? null, jpeg: jpeg?.url ?? null, width: any.width, height: any.height } : null;
}

/** A freshly uploaded asset as a card, before any page load has seen it. */
export function cardFromUpload({ asset, version }: UploadedJson): AssetCard {
	const { id, number, status, failureReason, originalName, size, mime } = version;
	return { ...asset, version: { id, number, status, failureReason, originalName, size, mime }, thumb: thumbOf(version.renditions) };
}
