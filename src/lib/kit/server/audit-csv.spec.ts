import { describe, expect, test } from 'vitest';
import type { AuditRow } from '#lib/server/audit/audit.repository.ts';
import { auditCsvResponse, csvField } from './audit-csv.ts';

const row = (seq: number, extra: Partial<AuditRow> = {}): AuditRow => ({
	workspaceId: 'w',
	seq,
	at: new Date(Date.UTC(2030, 0, 1, 12, 0, seq)),
	type: 'decision.made',
	actorId: 'u',
	actorKind: 'user',
	actorName: 'Ann',
	proofId: 'p',
	subject: `decision:${seq}`,
	data: { note: 'Lovely, "really"', n: seq },
	prevHash: `h${seq - 1}`,
	hash: `h${seq}`,
	...extra
});

describe('audit CSV', () => {
	test('fields are quoted per RFC 4180 only when they must be, and formulas are defused', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('@Ann')).toBe("'@Ann");
	});

	test('every page is fetched through the cursor and streamed after one header line', async () => {
		const pages: Record<string, { items: AuditRow[]; nextCursor: string | null }> = {
			first: { items: [row(3), row(2)], nextCursor: '2' },
			'2': { items: [row(1)], nextCursor: null }
		};
		const asked: (string | undefined)[] = [];
		const res = await auditCsvResponse('proof 1/activity.csv', async (cursor) => {
			asked.push(cursor);
			return pages[cursor ?? 'first']!;
		});
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="proof-1-activity.csv"');
		const lines = (await res.text()).split('\r\n');
		expect(asked).toEqual([undefined, '2']);
		expect(lines[0]).toBe('seq,at,type,actor,actor kind,subject,proof,details,hash,previous hash');
		expect(lines[1]).toBe('3,2030-01-01T12:00:03.000Z,decision.made,Ann,user,decision:3,p,"{""note"":""Lovely, \\""really\\"""",""n"":3}",h3,h2');
		expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['3', '2', '1']);
		expect(lines[4]).toBe('');
		expect(lines).toHaveLength(5);
	});

	test('a refusal on the first page is thrown before any response is made', async () => {
		await expect(auditCsvResponse('x.csv', () => Promise.reject(new Error('forbidden')))).rejects.toThrow('forbidden');
	});
});
