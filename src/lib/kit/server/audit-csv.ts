// The audit trail as CSV (RFC 4180), for the proof and workspace "Export CSV" links.
import type { AuditRow } from '#lib/server/audit/audit.repository.ts';

export type AuditPage = { items: AuditRow[]; nextCursor: string | null };

export const auditCsvHeader = ['seq', 'at', 'type', 'actor', 'actor kind', 'subject', 'proof', 'details', 'hash', 'previous hash'];

/**
 * One field: quoted when it holds a comma, a quote or a line break, quotes doubled. A name
 * starting with = + - @ would run as a formula in a spreadsheet, so it gets a leading
 * apostrophe (OWASP's advice for CSV exports); no other column can start that way.
 */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (fields: string[]) => fields.map(csvField).join(',') + '\r\n';

export const auditCsvLine = (e: AuditRow) =>
	csvLine([String(e.seq), e.at.toISOString(), e.type, e.actorName, e.actorKind, e.subject, e.proofId ?? '', JSON.stringify(e.data ?? {}), e.hash, e.prevHash]);

/**
 * Streams every page of a trail, newest first, following the cursor. The first page is read
 * before answering, so "forbidden" or "not found" still become the right status; a later
 * failure cuts the download short rather than passing off a partial file as whole.
 */
export async function auditCsvResponse(filename: string, page: (cursor: string | undefined) => Promise<AuditPage>): Promise<Response> {
	const first = await page(undefined);
	const encoder = new TextEncoder();
	let next: AuditPage | null = first;
	let started = false;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode(csvLine(auditCsvHeader)));
			}
			if (!next) return controller.close();
			const current: AuditPage = next;
			if (current.items.length) controller.enqueue(encoder.encode(current.items.map(auditCsvLine).join('')));
			next = current.nextCursor ? await page(current.nextCursor) : null;
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
