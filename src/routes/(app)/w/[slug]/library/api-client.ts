// The few REST calls the library pages make from the browser (the session cookie signs them).
import type { AssetDetailJson, AssetStatus, CollectionJson, FieldValue, VersionJson } from './library-types.ts';

export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly details: Record<string, unknown> | undefined;
	/** Messages per input, e.g. `fields.<key>` for a custom field value. */
	readonly fields: Record<string, string>;
	constructor(status: number, code: string, message: string, details?: Record<string, unknown>, fields: Record<string, string> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.fields = fields;
	}
}

type ErrorBody = { error?: { code?: string; message?: string; details?: Record<string, unknown>; fields?: Record<string, string> } };

/** The server's `{error}` body as an ApiError; a body that is not ours still gets a readable message. */
export function apiError(status: number, body: unknown): ApiError {
	const e = (body as ErrorBody | null)?.error;
	if (e?.message) return new ApiError(status, e.code ?? 'error', e.message, e.details, e.fields);
	if (status === 0) return new ApiError(0, 'network', 'The connection to the server was lost. Check the network and retry.');
	if (status === 413) return new ApiError(status, 'too_large', 'The file is larger than the server accepts.');
	return new ApiError(status, 'error', `The server answered ${status}.`);
}

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw apiError(0, null);
	}
	if (res.status === 204) return undefined as T;
	const json = await res.json().catch(() => null);
	if (!res.ok) throw apiError(res.status, json);
	return json as T;
}

export type AssetPatch = { title?: string; description?: string; status?: AssetStatus; tags?: string[]; collectionId?: string | null; expiresAt?: string | null; fields?: Record<string, FieldValue> };

export const patchAsset = (id: string, patch: AssetPatch) => call<AssetDetailJson>('PATCH', `/api/v1/assets/${id}`, patch);
export const trashAsset = (id: string) => call<void>('DELETE', `/api/v1/assets/${id}`);
export const restoreAsset = (id: string) => call<void>('POST', `/api/v1/assets/${id}/restore`);
export const getVersion = (id: string) => call<VersionJson>('GET', `/api/v1/versions/${id}`);
export const retryVersion = (id: string) => call<VersionJson>('POST', `/api/v1/versions/${id}/retry`);
export const getJson = <T>(url: string) => call<T>('GET', url);

export const createCollection = (workspaceId: string, body: { name: string; parentId?: string | null }) =>
	call<CollectionJson>('POST', `/api/v1/collections?workspaceId=${workspaceId}`, body);
export const updateCollection = (id: string, body: { name?: string; parentId?: string | null }) => call<CollectionJson>('PATCH', `/api/v1/collections/${id}`, body);
export const deleteCollection = (id: string) => call<void>('DELETE', `/api/v1/collections/${id}`);
