import { DomainError, isDomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { rank } from '#lib/shared/roles.ts';
import { brandOrderInput, brandSectionInput, brandSectionUpdate, type BrandKind } from '#lib/shared/brand.ts';
import { sanitiseHtml } from '#lib/shared/sanitise-html.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import { auditActor, type AuditService } from '../audit/audit.service.ts';
import type { BrandSectionRow } from './brand.repository.ts';
import { flagOf, presentSection, type AssetFacts } from './brand-present.ts';

export type BrandDeps = { repos: Repositories; transact: Transact; access: Access; audit: Pick<AuditService, 'record'>; now: () => Date };

const flagReason = { removed: 'is in the trash', expired: 'has expired rights', not_approved: 'is not approved' } as const;

/**
 * The workspace's brand guidelines portal: ordered sections of text, colour palettes and
 * library assets, read by every member and kept by managers. An asset is embedded only while
 * it is approved, live and within its rights; one that stops being so later stays in the
 * section but is hidden from members and flagged to managers.
 */
export function createBrandService(deps: BrandDeps) {
	const { repos, transact, access, audit, now } = deps;

	async function facts(workspaceId: string, ids: string[]): Promise<AssetFacts> {
		const unique = [...new Set(ids)];
		const [assets, versions] = await Promise.all([repos.assets.byIds(unique), repos.assets.latestVersions(unique)]);
		const renditions = await repos.assets.renditionsFor(versions.map((v) => v.id));
		return {
			// Ids were checked when embedded; another workspace's asset is never shown all the same.
			assets: new Map(assets.filter((a) => a.workspaceId === workspaceId).map((a) => [a.id, a])),
			latest: new Map(versions.map((v) => [v.assetId, { ...v, renditions: renditions.filter((r) => r.versionId === v.id) }]))
		};
	}

	/** A section of a workspace the actor manages; outsiders learn only "not found". */
	async function managed(actor: Actor, sectionId: string) {
		const s = await repos.brand.byId(sectionId);
		if (!s) throw new DomainError('not_found', 'Section not found.');
		await access.require(actor, 'brand.manage', s.workspaceId).catch((e: unknown) => {
			throw isDomainError(e) && e.code === 'not_found' ? new DomainError('not_found', 'Section not found.') : e;
		});
		return s;
	}

	/** Refuses newly embedded assets that are not fit for use, naming the first such asset. */
	async function checkEmbeddable(workspaceId: string, ids: string[]) {
		if (!ids.length) return;
		const { assets } = await facts(workspaceId, ids);
		for (const id of ids) {
			const a = assets.get(id);
			if (!a) throw new DomainError('invalid', `assetIds: asset ${id} is not in this workspace's library.`, { fields: { assetIds: 'Unknown asset.' }, details: { assetId: id } });
			const flag = flagOf(a, now());
			if (flag) throw new DomainError('invalid', `assetIds: “${a.title}” ${flagReason[flag]}; only approved assets within their rights can be embedded.`, { fields: { assetIds: `“${a.title}” ${flagReason[flag]}.` }, details: { assetId: id, reason: flag } });
		}
	}

	/** Each kind keeps only its own content; a body is an introduction any section may have. */
	function contentFor(kind: BrandKind, body: { colours?: unknown[]; assetIds?: string[] }) {
		if (kind !== 'colours' && body.colours?.length) throw new DomainError('invalid', 'colours: only a colours section has colours.', { fields: { colours: 'Not for this kind of section.' } });
		if (kind !== 'assets' && body.assetIds?.length) throw new DomainError('invalid', 'assetIds: only an assets section has assets.', { fields: { assetIds: 'Not for this kind of section.' } });
	}

	const event = (actor: Actor, s: Pick<BrandSectionRow, 'id' | 'workspaceId' | 'title' | 'kind'>, action: 'created' | 'updated' | 'deleted') => ({
		workspaceId: s.workspaceId,
		type: 'brand.updated',
		actor: auditActor(actor),
		subject: `brand_section:${s.id}`,
		data: { action, section: s.title, kind: s.kind }
	});

	async function present(rows: BrandSectionRow[], workspaceId: string, showFlagged: boolean) {
		const f = await facts(workspaceId, rows.flatMap((r) => r.assetIds));
		return rows.map((r) => presentSection(r, f, { now: now(), showFlagged }));
	}

	return {
		/** The portal in order; managers also see embedded assets that are no longer fit for use, flagged. */
		async list(actor: Actor, workspaceId: string) {
			const role = await access.require(actor, 'brand.read', workspaceId);
			return present(await repos.brand.list(workspaceId), workspaceId, rank[role] >= rank.manager);
		},

		/** The sections' ids and titles in order, for pages that link to them (no asset lookups). */
		async titles(actor: Actor, workspaceId: string) {
			await access.require(actor, 'brand.read', workspaceId);
			return (await repos.brand.list(workspaceId)).map((r) => ({ id: r.id, title: r.title }));
		},

		async create(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'brand.manage', workspaceId);
			const body = parse(brandSectionInput, input);
			contentFor(body.kind, body);
			await checkEmbeddable(workspaceId, body.assetIds);
			const row = await transact(async (tx) => {
				const s = await tx.brand.insert({ workspaceId, kind: body.kind, title: body.title, body: sanitiseHtml(body.body), colours: body.colours, assetIds: body.assetIds, updatedBy: actor.user.id, updatedAt: now() });
				await audit.record(tx, event(actor, s, 'created'));
				return s;
			});
			return (await present([row], workspaceId, true))[0]!;
		},

		/** Assets already in the section may stay whatever became of them; only new ones are checked. */
		async update(actor: Actor, sectionId: string, input: unknown) {
			const s = await managed(actor, sectionId);
			const body = parse(brandSectionUpdate, input);
			contentFor(s.kind, body);
			if (body.assetIds) await checkEmbeddable(s.workspaceId, body.assetIds.filter((id) => !s.assetIds.includes(id)));
			const row = await transact(async (tx) => {
				const updated = await tx.brand.update(s.id, {
					...(body.title !== undefined ? { title: body.title } : {}),
					...(body.body !== undefined ? { body: sanitiseHtml(body.body) } : {}),
					...(body.colours ? { colours: body.colours } : {}),
					...(body.assetIds ? { assetIds: body.assetIds } : {}),
					updatedBy: actor.user.id,
					updatedAt: now()
				});
				if (!updated) throw new DomainError('not_found', 'Section not found.');
				await audit.record(tx, event(actor, updated, 'updated'));
				return updated;
			});
			return (await present([row], s.workspaceId, true))[0]!;
		},

		async remove(actor: Actor, sectionId: string) {
			const s = await managed(actor, sectionId);
			await transact(async (tx) => {
				await tx.brand.delete(s.id);
				await audit.record(tx, event(actor, s, 'deleted'));
			});
		},

		/** `ids` names every section of the workspace once, in the new order. */
		async reorder(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'brand.manage', workspaceId);
			const { ids } = parse(brandOrderInput, input);
			const wanted = ids.map((id) => id.toLowerCase());
			await transact(async (tx) => {
				const current = (await tx.brand.lockAll(workspaceId)).map((r) => r.id);
				const unknown = wanted.find((id) => !current.includes(id));
				if (unknown) throw new DomainError('invalid', `ids: section ${unknown} is not in this workspace.`, { fields: { ids: 'Unknown section.' } });
				if (new Set(wanted).size !== wanted.length) throw new DomainError('invalid', 'ids: name each section once.', { fields: { ids: 'Name each section once.' } });
				if (wanted.length !== current.length) {
					throw new DomainError('conflict', 'The sections changed while you were ordering them; reload and try again.', { fields: { ids: 'Name every section once.' } });
				}
				for (const [position, id] of wanted.entries()) await tx.brand.setPosition(id, position);
				await audit.record(tx, { workspaceId, type: 'brand.updated', actor: auditActor(actor), subject: `brand:${workspaceId}`, data: { action: 'reordered', sections: wanted.length } });
			});
			return present(await repos.brand.list(workspaceId), workspaceId, true);
		}
	};
}

export type BrandService = ReturnType<typeof createBrandService>;
