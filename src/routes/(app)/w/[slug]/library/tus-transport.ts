// Large files go up resumably (tus 1.0): in chunks that survive a dropped connection, and
// a retry of the same file, even after a reload, carries on from where it stopped.
import { Upload, type DetailedError } from 'tus-js-client';
import { apiError } from './api-client.ts';
import { UploadCancelled, xhrTransport, type UploadTransport } from './upload-queue.svelte.ts';
import type { UploadedJson } from './library-types.ts';

/** Below this a single request is simpler and as fast. */
export const RESUMABLE_FROM = 20 * 1024 * 1024;
const CHUNK = 16 * 1024 * 1024;

const parse = (text: string | undefined): unknown => {
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return null;
	}
};

export const tusTransport: UploadTransport = {
	send({ file, target, fields, onProgress }) {
		let upload: Upload | undefined;
		let cancelled = false;
		let fail: (e: unknown) => void = () => {};
		const metadata: Record<string, string> = { filename: file.name, ...fields };
		if (target.kind === 'asset') metadata.workspaceId = target.workspaceId;
		else metadata.assetId = target.assetId;

		const result = new Promise<UploadedJson>((resolve, reject) => {
			fail = reject;
			upload = new Upload(file, {
				endpoint: '/api/v1/uploads',
				chunkSize: CHUNK,
				retryDelays: [0, 1000, 3000, 5000, 10000],
				metadata,
				removeFingerprintOnSuccess: true,
				onProgress: (sent, total) => onProgress(sent, total),
				onSuccess: ({ lastResponse }) => resolve(parse(lastResponse.getBody()) as UploadedJson),
				onError: (err) => {
					if (cancelled) return reject(new UploadCancelled('Cancelled'));
					const res = (err as DetailedError).originalResponse;
					reject(apiError(res?.getStatus() ?? 0, parse(res?.getBody())));
				}
			});
			const u = upload;
			void u.findPreviousUploads().then((previous) => {
				if (previous[0]) u.resumeFromPreviousUpload(previous[0]);
				if (!cancelled) u.start();
			});
		});
		return {
			result,
			abort: () => {
				cancelled = true;
				// Terminate: a cancelled upload should not linger on the server until it expires.
				void upload?.abort(true).finally(() => fail(new UploadCancelled('Cancelled')));
			}
		};
	}
};

/** Small files in one multipart request, large ones resumably. */
export const autoTransport: UploadTransport = {
	send: (req) => (req.file.size >= RESUMABLE_FROM ? tusTransport : xhrTransport).send(req)
};
