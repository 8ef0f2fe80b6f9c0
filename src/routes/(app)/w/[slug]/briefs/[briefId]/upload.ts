/**
 * Uploads a file to the library from the browser with progress: a new asset, or the next
 * version of `assetId`. Resolves to the asset's id; rejects with the server's message.
 */
export function uploadFile(file: File, to: { workspaceId: string; assetId?: string | null }, onProgress: (share: number) => void): Promise<string> {
	const url = to.assetId ? `/api/v1/assets/${to.assetId}/versions` : `/api/v1/assets?workspaceId=${to.workspaceId}`;
	const body = new FormData();
	body.append('file', file, file.name);
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.responseType = 'json';
		xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
		xhr.onerror = () => reject(new Error('The connection broke during the upload. Try again.'));
		xhr.onload = () => {
			const res = xhr.response as { asset?: { id: string }; error?: { message: string } } | null;
			if (xhr.status >= 200 && xhr.status < 300 && res?.asset) resolve(res.asset.id);
			else reject(new Error(res?.error?.message ?? `The upload failed (${xhr.status}).`));
		};
		xhr.send(body);
	});
}

/** Files from a drop, or none when what was dropped is not files (text, links). */
export const droppedFiles = (e: DragEvent) => [...(e.dataTransfer?.files ?? [])];
