import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { isDomainError, statusOf } from '#lib/shared/errors.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import type { Services } from '#lib/server/services.ts';
import { errorBody } from './http.ts';
import { assetOut, versionOut } from './present-assets.ts';

export const TUS_PATH = '/api/v1/uploads';
const DAY = 24 * 60 * 60 * 1000;

type Meta = Record<string, string | null | undefined>;

/** tus hooks run inside the request's async context, so they know who is uploading. */
const current = new AsyncLocalStorage<Actor>();
const actor = () => {
	const a = current.getStore();
	if (!a) throw { status_code: 401, body: JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in to upload.' } }) };
	return a;
};

/** tus wants `{status_code, body}` thrown; domain errors keep the API's error shape. */
function tusError(e: unknown): never {
	if (isDomainError(e)) throw { status_code: statusOf[e.code], body: JSON.stringify(errorBody(e)) };
	throw e;
}

/**
 * Resumable uploads (tus 1.0): large files arrive in chunks that survive a dropped
 * connection. The finished file goes through the same `assets.upload` as a multipart POST.
 * Metadata: filename, workspaceId or assetId (a new version), title, description, tags,
 * collectionId, allowDuplicate.
 */
export function createTusServer(services: Services, filesDir: string) {
	const directory = path.join(filesDir, '.uploads');
	fs.mkdirSync(directory, { recursive: true });
	const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: DAY });

	const server = new Server({
		path: TUS_PATH,
		datastore,
		maxSize: services.assets.maxUploadBytes,
		relativeLocation: true,
		async onUploadCreate(_req, upload) {
			const who = actor();
			const meta: Meta = upload.metadata ?? {};
			try {
				if (meta.assetId) await services.assets.assertCanAddVersion(who, meta.assetId);
				else await services.access.require(who, 'asset.write', await services.assets.workspaceFor(who, meta.workspaceId));
			} catch (e) {
				tusError(e);
			}
			return { metadata: { ...meta, uploadedBy: who.user.id } };
		},
		async onUploadFinish(_req, upload) {
			const who = actor();
			const meta: Meta = upload.metadata ?? {};
			const file = { name: meta.filename ?? 'file', stream: datastore.read(upload.id) };
			const fields: Record<string, string> = {};
			for (const k of ['title', 'description', 'tags', 'collectionId', 'allowDuplicate']) if (meta[k]) fields[k] = meta[k]!;
			try {
				const result = meta.assetId
					? await services.assets.uploadVersion(who, meta.assetId, { file, fields: async () => fields })
					: await services.assets.upload(who, await services.assets.workspaceFor(who, meta.workspaceId), { file, fields: async () => fields });
				const fresh = await services.assets.version(who, result.version.id);
				const tags = (await services.repos.assets.tagsFor([result.asset.id])).map((t) => t.name);
				return {
					status_code: 200,
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ asset: assetOut(result.asset, tags), version: versionOut(fresh.version, fresh.renditions) })
				};
			} catch (e) {
				tusError(e);
			} finally {
				await datastore.remove(upload.id).catch(() => {});
			}
		}
	});

	// Abandoned partial uploads are swept every few hours by whichever process serves tus.
	setInterval(() => void datastore.deleteExpired().catch(() => {}), 6 * 3600_000).unref();

	return {
		/** Handles one tus request as `who`; chunks of someone else's upload are not found. */
		async handle(request: Request, who: Actor): Promise<Response> {
			const id = new URL(request.url).pathname.slice(TUS_PATH.length + 1);
			if (id && request.method !== 'OPTIONS') {
				const owner = await datastore.getUpload(id).then(
					(u) => u.metadata?.uploadedBy,
					() => undefined
				);
				if (owner !== who.user.id) return Response.json({ error: { code: 'not_found', message: 'No such upload.' } }, { status: 404 });
			}
			return current.run(who, () => server.handleWeb(request));
		}
	};
}

export type TusServer = ReturnType<typeof createTusServer>;
