import { z } from 'zod';

/** A brand guidelines section is prose, a palette or a set of library assets (logos, approved imagery). */
export const brandKinds = ['text', 'colours', 'assets'] as const;
export type BrandKind = (typeof brandKinds)[number];
export const brandKindLabel: Record<BrandKind, string> = { text: 'Text', colours: 'Colours', assets: 'Assets' };

export const BRAND_BODY_MAX = 50_000;

/** "#1a2b3c", "1A2B3C" or "#abc" in; "#1A2B3C" out, so a palette reads and compares alike. */
export const hexColour = z
	.string()
	.trim()
	.regex(/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'A colour is a hex code such as #1A2B3C.' })
	.transform((v) => {
		const h = v.replace('#', '').toUpperCase();
		return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
	});

export const brandColour = z.object({
	name: z.string().trim().min(1, { error: 'Name each colour.' }).max(60),
	hex: hexColour,
	note: z.string().trim().max(200).optional()
});
export type BrandColour = z.output<typeof brandColour>;

const fields = {
	title: z.string().trim().min(1, { error: 'Give the section a title.' }).max(120),
	/** HTML (p, h2, h3, strong, em, ul, ol, li, a, br); anything else is removed on save. */
	body: z.string().max(BRAND_BODY_MAX, { error: `Keep the text under ${BRAND_BODY_MAX.toLocaleString('en')} characters.` }),
	colours: z.array(brandColour).max(60, { error: 'At most 60 colours in a section.' }),
	assetIds: z
		.array(z.uuid({ error: 'Not a valid asset id.' }))
		.max(100, { error: 'At most 100 assets in a section.' })
		.transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
};

export const brandSectionInput = z.object({
	kind: z.enum(brandKinds, { error: `kind is one of: ${brandKinds.join(', ')}.` }),
	title: fields.title,
	body: fields.body.default(''),
	colours: fields.colours.default([]),
	assetIds: fields.assetIds.default([])
});
/** A section keeps its kind; everything else can change. */
export const brandSectionUpdate = z.object(fields).partial();
export const brandOrderInput = z.object({ ids: z.array(z.uuid()).min(1).max(500) });

/** Why an embedded asset is no longer fit to show: members below manager do not see it at all. */
export const brandAssetFlags = ['removed', 'expired', 'not_approved'] as const;
export type BrandAssetFlag = (typeof brandAssetFlags)[number];
export const brandFlagLabel: Record<BrandAssetFlag, string> = { removed: 'Removed from the library', expired: 'Rights expired', not_approved: 'No longer approved' };

const isoTime = z.iso.datetime();
export const brandAssetOut = z.object({
	id: z.uuid(),
	title: z.string(),
	kind: z.enum(['image', 'pdf', 'video', 'audio', 'other']),
	expiresAt: isoTime.nullable(),
	/** The newest version: its thumbnail, and the original to download while the asset is fit for use. */
	versionId: z.uuid().nullable(),
	thumb: z.object({ webp: z.string().nullable(), jpeg: z.string().nullable(), width: z.number().int(), height: z.number().int() }).nullable(),
	downloadUrl: z.string().nullable(),
	flag: z.enum(brandAssetFlags).nullable()
});
export const brandSectionOut = z.object({
	id: z.uuid(),
	workspaceId: z.uuid(),
	position: z.number().int(),
	kind: z.enum(brandKinds),
	title: z.string(),
	body: z.string(),
	colours: z.array(z.object({ name: z.string(), hex: z.string(), note: z.string().optional() })),
	/** In order; for members below manager, only those fit to show. */
	assets: z.array(brandAssetOut),
	updatedAt: isoTime
});
export type BrandSectionJson = z.output<typeof brandSectionOut>;
export type BrandAssetJson = z.output<typeof brandAssetOut>;
