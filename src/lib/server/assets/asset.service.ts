import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { DomainError, isDomainError, notFound } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { assetUpdateInput, assetUploadFields } from '#lib/shared/asset-schemas.ts';
import type { Access } from '../access/access.ts';
import { auditActor, type AuditInput, type AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import { createAssetList, type SearchTuning } from './asset-list.ts';

import type { TaxonomyService } from './taxonomy.service.ts';
import { mergeFieldValues, missingRequired } from './fields.ts';
import { renderName } from './naming.ts';
import type { ByteRange, Storage } from '../storage/storage.ts';
import { detectType, extensionContradicts, SNIFF_BYTES } from '../ingest/file-type.ts';
import { peek } from '../ingest/sniff.ts';

export type IncomingFile = { name: string; stream: Readable | AsyncIterable<Uint8Array> };
/** Multipart fields may follow the file, so they are read after the file has been stored. */
export type Upload = { file: IncomingFile; fields: () => Promise<Record<string, string>> };
export type Enqueue = (name: string, data: object) => Promise<unknown>;

const uploaded = (actor: Actor, a: { id: string; workspaceId: string; title: string }, v: { id: string; number: number; originalName: string; sha256: string; size: number }): AuditInput => ({
	workspaceId: a.workspaceId,
	type: 'version.uploaded',
	actor: auditActor(actor),
	subject: `version:${v.id}`,
	data: { assetId: a.id, asset: a.title, version: v.number, file: v.originalName, sha256: v.sha256, size: v.size }
});

const originalKey = (workspaceId: string, versionId: string) => `ws/${workspaceId}/${versionId}/original`;

export function createAssetService(deps: {
	repos: Repositories;
	transact: Transact;
	access: Access;
	storage: Storage;
	enqueue: Enqueue;
	/** Renders a PDF page that ingest left for later. */
	ensurePage: (versionId: string, n: number) => Promise<{ key: string; size: number; mime: string } | null>;
	taxonomy: Pick<TaxonomyService, 'assertCollectionIn'>;
	audit: Pick<AuditService, 'record' | 'log'>;
	/** Called once a new version of an existing asset is committed (proofs open their next round). */
	afterNewVersion: (actor: Actor, assetId: string, versionId: string) => Promise<unknown>;
	searchTuning?: Partial<SearchTuning>;
	maxUploadBytes: number;
	now: () => Date;
}) {
	const { repos, access, storage } = deps;

	const lister = createAssetList({ repos, access, now: deps.now, tuning: deps.searchTuning });
	const forgetFacets = lister.forgetFacets;

	/** An asset not in the trash, after the access check; outsiders learn only "not found". */
	async function liveAsset(actor: Actor, assetId: string, action: 'asset.read' | 'asset.write' | 'asset.delete') {
		const a = await repos.assets.assetById(assetId);
		if (!a || a.deletedAt) throw notFound('Asset');
		try {
			await access.require(actor, action, a.workspaceId);
		} catch (e) {
			throw isDomainError(e) && e.code === 'forbidden' ? e : notFound('Asset');
		}
		return a;
	}

	async function version(actor: Actor, versionId: string) {
		const v = await repos.assets.versionById(versionId);
		if (!v) throw notFound('Version');
		const asset = await liveAsset(actor, v.assetId, 'asset.read');
		return { asset, version: v, renditions: await repos.assets.renditions(v.id) };
	}

	/** Types the bytes, refuses contradictions before anything is kept, and streams the rest to storage. */
	async function receive(workspaceId: string, versionId: string, file: IncomingFile) {
		const name = (file.name || 'file').replace(/[\u0000-\u001f\\/]/g, '_').slice(0, 255);
		const { head, stream } = await peek(file.stream, SNIFF_BYTES);
		if (head.length === 0) throw new DomainError('invalid', 'The file is empty.');
		const detected = await detectType(head);
		if (extensionContradicts(name, detected)) {
			throw new DomainError('unsupported_media_type', `"${name}" is named like a different type than its contents (${detected.mime}). Rename it or upload the right file.`);
		}
		const stored = await storage.put(originalKey(workspaceId, versionId), stream, { maxBytes: deps.maxUploadBytes });
		return { name, detected, stored };
	}

	type Received = Awaited<ReturnType<typeof receive>>;
	const versionRow = (id: string, assetId: string, workspaceId: string, number: number, r: Received, actor: Actor) => ({
		id,
		assetId,
		workspaceId,
		number,
		originalName: r.name,
		mime: r.detected.mime,
		kind: r.detected.kind,
		size: r.stored.size,
		sha256: r.stored.sha256,
		fileKey: r.stored.key,
		createdBy: actor.user.id
	});

	async function refuseDuplicate(workspaceId: string, sha256: string, key: string, allow: boolean) {
		if (allow) return;
		const dup = await repos.assets.duplicateOf(workspaceId, sha256);
		if (!dup) return;
		await storage.delete(key);
		throw new DomainError('conflict', `This file is already in the library as "${dup.title}" (v${dup.versionNumber}).`, {
			details: { duplicateOf: dup.assetId }
		});
	}

	return {
		maxUploadBytes: deps.maxUploadBytes,

		async upload(actor: Actor, workspaceId: string, upload: Upload) {
			await access.require(actor, 'asset.write', workspaceId);
			const versionId = randomUUID();
			const received = await receive(workspaceId, versionId, upload.file);
			const { name, detected, stored } = received;
			try {
				const fields = parse(assetUploadFields, await upload.fields());
				await deps.taxonomy.assertCollectionIn(workspaceId, fields.collectionId);
				await refuseDuplicate(workspaceId, stored.sha256, stored.key, fields.allowDuplicate);
				const result = await deps.transact(async (r) => {
					const a = await r.assets.insertAsset({
						workspaceId,
						title: fields.title || name.replace(/\.[^.]+$/, ''),
						description: fields.description,
						kind: detected.kind,
						collectionId: fields.collectionId ?? null,
						createdBy: actor.user.id
					});
					const version = await r.assets.insertVersion(versionRow(versionId, a.id, workspaceId, 1, received, actor));
					await deps.audit.record(r, uploaded(actor, a, version));
					const tags = await r.assets.ensureTags(workspaceId, fields.tags);
					await r.assets.setTags(a.id, tags.map((t) => t.id));
					return { asset: a, version, tags: tags.map((t) => t.name) };
				});
				await repos.search.refresh(result.asset.id);
				forgetFacets(workspaceId);
				await deps.enqueue('ingest-version', { versionId });
				return result;
			} catch (e) {
				await storage.delete(stored.key).catch(() => {});
				throw e;
			}
		},

		/** Fails unless `actor` may add a version to the asset; lets resumable uploads refuse early. */
		async assertCanAddVersion(actor: Actor, assetId: string) {
			await liveAsset(actor, assetId, 'asset.write');
		},

		/** Every earlier version stays, with its renditions and metadata. */
		async uploadVersion(actor: Actor, assetId: string, upload: Upload) {
			const a = await liveAsset(actor, assetId, 'asset.write');
			const versionId = randomUUID();
			const received = await receive(a.workspaceId, versionId, upload.file);
			const { detected, stored } = received;
			try {
				const fields = parse(assetUploadFields, await upload.fields());
				await refuseDuplicate(a.workspaceId, stored.sha256, stored.key, fields.allowDuplicate);
				const version = await deps.transact(async (r) => {
					const locked = await r.assets.lockAsset(a.id);
					const number = (locked?.latestVersion ?? 0) + 1;
					await r.assets.updateAsset(a.id, { latestVersion: number, kind: detected.kind, updatedAt: deps.now() });
					const v = await r.assets.insertVersion(versionRow(versionId, a.id, a.workspaceId, number, received, actor));
					await deps.audit.record(r, uploaded(actor, a, v));
					return v;
				});
				await repos.search.refresh(a.id);
				await deps.enqueue('ingest-version', { versionId });
				await deps.afterNewVersion(actor, a.id, version.id);
				return { asset: (await repos.assets.assetById(a.id))!, version };
			} catch (e) {
				await storage.delete(stored.key).catch(() => {});
				throw e;
			}
		},

		async get(actor: Actor, assetId: string) {
			const a = await liveAsset(actor, assetId, 'asset.read');
			const versions = await repos.assets.versions(a.id);
			const renditions = await repos.assets.renditionsFor(versions.map((v) => v.version.id));
			const tags = (await repos.assets.tagsFor([a.id])).map((t) => t.name);
			return { asset: a, tags, versions: versions.map((v) => ({ ...v.version, uploaderName: v.uploaderName, renditions: renditions.filter((r) => r.versionId === v.version.id) })) };
		},

		/** Edits metadata; an asset cannot be approved while required custom fields are empty. */
		async update(actor: Actor, assetId: string, input: unknown) {
			const a = await liveAsset(actor, assetId, 'asset.write');
			const data = parse(assetUpdateInput, input);
			await deps.taxonomy.assertCollectionIn(a.workspaceId, data.collectionId);
			const defs = await repos.taxonomy.fields(a.workspaceId);
			const fields = data.fields ? mergeFieldValues(defs, a.fields, data.fields) : a.fields;
			if ((data.status ?? a.status) === 'approved') {
				const missing = missingRequired(defs, fields);
				if (missing.length) {
					throw new DomainError('invalid', `Fill in ${missing.map((d) => d.label).join(', ')} before approving.`, {
						fields: Object.fromEntries(missing.map((d) => [`fields.${d.key}`, 'Required before approval.']))
					});
				}
			}
			return deps.transact(async (r) => {
				const { tags, fields: _patch, ...rest } = data;
				const updated = await r.assets.updateAsset(a.id, { ...rest, fields, updatedAt: deps.now() });
				if (tags) await r.assets.setTags(a.id, (await r.assets.ensureTags(a.workspaceId, tags)).map((t) => t.id));
				await r.search.refresh(a.id);
				forgetFacets(a.workspaceId);
				return updated!;
			});
		},

		/** To the trash; restorable for 30 days, then purged with its files. */
		async trash(actor: Actor, assetId: string) {
			const a = await liveAsset(actor, assetId, 'asset.delete');
			await repos.assets.updateAsset(a.id, { deletedAt: deps.now() });
			forgetFacets(a.workspaceId);
		},

		async restore(actor: Actor, assetId: string) {
			const a = await repos.assets.assetById(assetId);
			if (!a?.deletedAt) throw notFound('Asset in the trash');
			await access.require(actor, 'asset.delete', a.workspaceId);
			await repos.assets.updateAsset(a.id, { deletedAt: null });
			forgetFacets(a.workspaceId);
		},

		/** Removes assets trashed more than 30 days ago, files first, then rows. */
		async purgeExpired() {
			const before = new Date(deps.now().getTime() - 30 * 24 * 3600_000);
			let purged = 0;
			for (const a of await repos.assets.purgeable(before)) {
				for (const { version: v } of await repos.assets.versions(a.id)) await storage.deletePrefix(`ws/${a.workspaceId}/${v.id}`);
				await repos.assets.deleteAsset(a.id);
				purged++;
			}
			return purged;
		},

		list: lister.list,

		/** A version the actor may read, with its asset and renditions; 404 otherwise. */
		version,

		/** The original bytes, for download; `open(range)` lets video players seek. */
		/** The original bytes, named by the workspace's naming template when it has one. */
		async original(actor: Actor, versionId: string) {
			const { version: v } = await version(actor, versionId);
			const a = (await repos.assets.assetById(v.assetId))!;
			const ws = await repos.workspaces.byId(a.workspaceId);
			const coll = a.collectionId ? await repos.taxonomy.collectionById(a.collectionId) : undefined;
			const name = renderName(ws?.namingTemplate ?? null, {
				workspace: ws?.name ?? '',
				collection: coll?.name ?? null,
				title: a.title,
				original: v.originalName,
				version: v.number,
				date: v.createdAt,
				status: a.status,
				id: a.id
			});
			return {
				size: v.size,
				mime: v.mime,
				name,
				open: (range?: ByteRange) => storage.get(v.fileKey, range),
				/** Recorded in the audit trail by the caller once it sends the whole file (not for each range a player fetches). */
				downloaded: () =>
					deps.audit.log({
						workspaceId: a.workspaceId,
						type: 'original.downloaded',
						actor: auditActor(actor),
						subject: `version:${v.id}`,
						data: { assetId: a.id, asset: a.title, version: v.number, name }
					})
			};
		},

		async rendition(actor: Actor, versionId: string, name: string) {
			const { version: v, renditions } = await version(actor, versionId);
			const r = renditions.find((x) => x.name === name);
			if (!r) throw notFound('Rendition');
			const base = v.originalName.replace(/\.[^.]+$/, '');
			return { size: r.size, mime: r.mime, name: `${base}-${r.name}.${r.key.split('.').pop()}`, open: (range?: ByteRange) => storage.get(r.key, range) };
		},

		/** Runs ingest again for a version that failed (or got stuck), e.g. after a fix or an upgrade. */
		async retry(actor: Actor, versionId: string) {
			const { version: v } = await version(actor, versionId);
			await access.require(actor, 'asset.write', v.workspaceId);
			if (v.status === 'ready') throw new DomainError('conflict', 'This version is already processed.');
			await repos.assets.setVersionResult(v.id, { status: 'processing', failureReason: null });
			await deps.enqueue('ingest-version', { versionId: v.id });
			return (await version(actor, versionId)).version;
		},

		/** One page of a PDF version as an image, rendered on first request when ingest did not. */
		async page(actor: Actor, versionId: string, n: number) {
			const { version: v } = await version(actor, versionId);
			if (v.kind !== 'pdf') throw new DomainError('not_found', 'This version is not a PDF.');
			if (v.status !== 'ready') throw new DomainError('conflict', v.status === 'failed' ? 'This PDF could not be processed.' : 'This PDF is still being processed.');
			const r = await deps.ensurePage(v.id, n);
			if (!r) throw new DomainError('not_found', `Page ${n} not found; the document has ${Number(v.metadata.pageCount ?? 0)} pages.`);
			const base = v.originalName.replace(/\.[^.]+$/, '');
			return { size: r.size, mime: r.mime, name: `${base}-page-${n}.webp`, open: (range?: ByteRange) => storage.get(r.key, range) };
		},

		/** Which workspace an API call means when it names none: the only one the user has. */
		async workspaceFor(actor: Actor, explicit: string | null | undefined) {
			if (explicit) return explicit;
			const mine = await repos.workspaces.forUser(actor.user.id);
			if (mine.length === 1) return mine[0]!.id;
			throw new DomainError('invalid', mine.length ? 'You belong to several workspaces: pass workspaceId.' : 'You are not a member of any workspace.', {
				fields: { workspaceId: 'Required.' }
			});
		},

	};
}

export type AssetService = ReturnType<typeof createAssetService>;
