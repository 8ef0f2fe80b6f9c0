import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { decisionLabel, proofStatusLabel, type Decision, type ProofStatus } from '#lib/shared/proofs.ts';
import type { ProofDetail } from './proof.service.ts';

export type ReportThread = {
	id: string;
	page: number;
	time: number | null;
	resolved: boolean;
	addressed: boolean | null;
	carriedFrom: { number: number } | null;
	markKind: string | null;
	comments: { authorName: string; body: string; createdAt: string; deleted: boolean }[];
};
export type ReportVersion = { versionId: string; title: string; number: number; round: number; current: boolean; thumb: Uint8Array | null; threads: ReportThread[] };
export type ReportEvent = { seq: number; at: Date; type: string; actorName: string; actorKind: string; summary: string };
export type ReportData = {
	proof: ProofDetail;
	workspace: string;
	creator: string;
	generatedAt: Date;
	versions: ReportVersion[];
	events: ReportEvent[];
	/** The newest audit event of the proof at the time of the report: its chain position and hash. */
	last: { seq: number; hash: string } | null;
};

const when = (d: Date | string | null) => (d ? new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–');
const ruleText = (s: ProofDetail['stages'][number]) =>
	s.rule === 'all' ? 'everyone decides' : s.rule === 'any' ? 'any one decides' : s.rule === 'quorum' ? `quorum of ${s.quorum}` : 'gatekeeper decides';
const outcomeText = (s: ProofDetail['stages'][number]) => (s.outcome ? decisionLabel[s.outcome as Decision] : s.status === 'open' ? 'In review' : s.status === 'waiting' ? 'Waiting' : 'Closed');
const timecode = (t: number | null) => (t === null ? '' : `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, '0')}`);
const place = (t: ReportThread) => (t.time !== null ? `at ${timecode(t.time)}` : `page ${t.page}`);
const threadState = (t: ReportThread) => [t.resolved ? 'resolved' : 'open', t.carriedFrom ? `from v${t.carriedFrom.number}` : '', t.addressed === true ? 'addressed' : t.addressed === false ? 'not addressed' : ''].filter(Boolean).join(' · ');
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A reviewer's name by id, for decisions. */
function names(proof: ProofDetail) {
	const m = new Map<string, string>();
	for (const s of proof.stages) for (const r of s.reviewers) m.set(r.id, `${r.name}${r.guest ? ' (guest)' : ''}`);
	return m;
}

/** The report as one printable HTML page (images inline), the same content as the PDF. */
export function reportHtml(d: ReportData): string {
	const p = d.proof;
	const who = names(p);
	const stageName = new Map(p.stages.map((s) => [s.id, s.name]));
	const versionNo = new Map(p.versions.map((v) => [v.versionId, `${v.title} v${v.number}`]));
	const img = (v: ReportVersion) => (v.thumb ? `<img src="data:image/jpeg;base64,${Buffer.from(v.thumb).toString('base64')}" alt="">` : '<div class="noimg">No preview</div>');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Proof report: ${esc(p.title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2937;max-width:900px;margin:32px auto;padding:0 24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.meta{color:#6b7280}.badge{display:inline-block;padding:2px 8px;border-radius:999px;background:#eef2ff;color:#3730a3;font-weight:600;font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #f1f5f9;vertical-align:top}th{font-size:12px;color:#6b7280;text-transform:uppercase;letter-spacing:.03em}
.version{display:flex;gap:16px;margin:16px 0;break-inside:avoid}.version img,.noimg{width:160px;height:120px;object-fit:contain;background:#f3f4f6;border-radius:6px;flex:none}.noimg{display:grid;place-items:center;color:#9ca3af}
.thread{margin:6px 0 10px;padding-left:10px;border-left:3px solid #e5e7eb}.thread small{color:#6b7280}.hash{font-family:ui-monospace,monospace;word-break:break-all;font-size:12px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}.version,.thread,tr{break-inside:avoid}}
</style></head><body>
<h1>${esc(p.title)}</h1>
<p class="meta">${esc(d.workspace)} · requested by ${esc(d.creator)} on ${when(p.createdAt)} · round ${p.round} · <span class="badge">${esc(proofStatusLabel[p.status as ProofStatus])}</span>${p.closedAt ? ` · closed ${when(p.closedAt)}` : ''}</p>
<h2>Stages</h2>
<table><thead><tr><th>Stage</th><th>Rule</th><th>Reviewers</th><th>Opened</th><th>Due</th><th>Closed</th><th>Outcome</th></tr></thead><tbody>
${p.stages.map((s) => `<tr><td>${esc(s.name)}</td><td>${ruleText(s)}</td><td>${s.reviewers.map((r) => `${esc(r.name)}${r.guest ? ' (guest)' : ''}${r.gatekeeper ? ' ★' : ''}`).join(', ')}</td><td>${when(s.openedAt)}</td><td>${when(s.dueAt)}</td><td>${when(s.closedAt)}</td><td>${esc(outcomeText(s))}</td></tr>`).join('\n')}
</tbody></table>
<h2>Decisions</h2>
${p.decisions.length ? `<table><thead><tr><th>When</th><th>Who</th><th>Stage</th><th>Version</th><th>Decision</th><th>Note</th></tr></thead><tbody>
${p.decisions.map((x) => `<tr><td>${when(x.decidedAt)}</td><td>${esc(who.get(x.reviewerId) ?? '')}</td><td>${esc(stageName.get(x.stageId) ?? '')}</td><td>${esc(versionNo.get(x.versionId) ?? '')} (round ${x.round})</td><td>${esc(decisionLabel[x.decision])}</td><td>${esc(x.note)}</td></tr>`).join('\n')}
</tbody></table>` : '<p class="meta">No decisions yet.</p>'}
<h2>Versions, marks and threads</h2>
${d.versions
	.map(
		(v) => `<div class="version">${img(v)}<div><strong>${esc(v.title)} v${v.number}</strong> <span class="meta">round ${v.round}${v.current ? ' · current' : ''} · ${v.threads.length} thread${v.threads.length === 1 ? '' : 's'}</span>
${v.threads
	.map(
		(t) => `<div class="thread"><small>${t.markKind ? esc(t.markKind) : 'general comment'} · ${place(t)} · ${esc(threadState(t))}</small>${t.comments
			.filter((c) => !c.deleted)
			.map((c) => `<div><b>${esc(c.authorName)}</b> <small>${when(c.createdAt)}</small><br>${esc(c.body)}</div>`)
			.join('')}</div>`
	)
	.join('\n')}</div></div>`
	)
	.join('\n')}
<h2>Activity</h2>
<table><thead><tr><th>#</th><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>
${d.events.map((e) => `<tr><td>${e.seq}</td><td>${when(e.at)}</td><td>${esc(e.actorName)}${e.actorKind === 'guest' ? ' (guest)' : ''}</td><td>${esc(e.summary)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Audit</h2>
<p>This report covers the workspace audit trail up to event #${d.last?.seq ?? '–'}, whose SHA-256 chain hash is</p>
<p class="hash">${d.last?.hash ?? '–'}</p>
<p class="meta">Generated ${when(d.generatedAt)}. Check the trail with <code>loupe audit verify</code>: any later change to an event covered here breaks the chain at that event.</p>
</body></html>`;
}

// Helvetica (the PDF standard font) covers WinAnsi only: other characters are replaced.
const WIN_ANSI = /[^\x20-\x7e\xa0-\xff‘’“”–—…•€™]/g;
const safe = (s: string) => s.replace(/\s+/g, ' ').replace(WIN_ANSI, '?');

/** The same report as a PDF: A4, Helvetica, thumbnails embedded, page numbers. */
export async function reportPdf(d: ReportData): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.setTitle(`Proof report: ${safe(d.proof.title)}`);
	pdf.setProducer('Loupe');
	pdf.setCreationDate(d.generatedAt);
	const regular = await pdf.embedFont(StandardFonts.Helvetica);
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
	const mono = await pdf.embedFont(StandardFonts.Courier);
	const W = 595.28;
	const H = 841.89;
	const M = 48;
	const grey = rgb(0.42, 0.45, 0.5);
	let page: PDFPage = pdf.addPage([W, H]);
	let y = H - M;

	const need = (h: number) => {
		if (y - h < M + 20) {
			page = pdf.addPage([W, H]);
			y = H - M;
		}
	};
	const lines = (text: string, font: PDFFont, size: number, width: number) => {
		const out: string[] = [];
		let line = '';
		for (const word of safe(text).split(' ')) {
			const next = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(next, size) > width && line) {
				out.push(line);
				line = word;
			} else line = next;
		}
		if (line) out.push(line);
		return out.length ? out : [''];
	};
	const text = (s: string, o: { font?: PDFFont; size?: number; x?: number; width?: number; color?: ReturnType<typeof rgb>; gap?: number } = {}) => {
		const font = o.font ?? regular;
		const size = o.size ?? 10;
		const x = o.x ?? M;
		for (const l of lines(s, font, size, o.width ?? W - x - M)) {
			need(size + 3);
			page.drawText(l, { x, y: y - size, size, font, color: o.color ?? rgb(0.12, 0.16, 0.22) });
			y -= size + 3;
		}
		y -= o.gap ?? 0;
	};
	const heading = (s: string) => {
		need(40);
		y -= 12;
		text(s, { font: bold, size: 14, gap: 2 });
		page.drawLine({ start: { x: M, y }, end: { x: W - M, y }, thickness: 0.5, color: rgb(0.9, 0.91, 0.92) });
		y -= 8;
	};

	const p = d.proof;
	const who = names(p);
	const stageName = new Map(p.stages.map((s) => [s.id, s.name]));
	const versionNo = new Map(p.versions.map((v) => [v.versionId, `${v.title} v${v.number}`]));

	text(p.title, { font: bold, size: 20, gap: 4 });
	text(`${d.workspace} · requested by ${d.creator} on ${when(p.createdAt)} · round ${p.round}`, { color: grey });
	text(`Status: ${proofStatusLabel[p.status as ProofStatus]}${p.closedAt ? ` (closed ${when(p.closedAt)})` : ''}`, { font: bold, gap: 4 });

	heading('Stages');
	for (const s of p.stages) {
		text(`${s.position + 1}. ${s.name} — ${ruleText(s)} — ${outcomeText(s)}`, { font: bold });
		text(`Opened ${when(s.openedAt)} · due ${when(s.dueAt)} · closed ${when(s.closedAt)}`, { color: grey, x: M + 12 });
		text(`Reviewers: ${s.reviewers.map((r) => `${r.name}${r.guest ? ' (guest)' : ''}${r.gatekeeper ? ' (gatekeeper)' : ''}`).join(', ')}`, { x: M + 12, gap: 4 });
	}

	heading('Decisions');
	if (!p.decisions.length) text('No decisions yet.', { color: grey });
	for (const x of p.decisions) {
		text(`${when(x.decidedAt)} · ${who.get(x.reviewerId) ?? ''} · ${stageName.get(x.stageId) ?? ''} · ${versionNo.get(x.versionId) ?? ''} (round ${x.round})`, { color: grey });
		text(`${decisionLabel[x.decision]}${x.note ? `: "${x.note}"` : ''}`, { x: M + 12, gap: 4 });
	}

	heading('Versions, marks and threads');
	for (const v of d.versions) {
		let image: PDFImage | null = null;
		if (v.thumb) image = await pdf.embedJpg(v.thumb).catch(() => null);
		const boxH = 90;
		need(boxH + 8);
		const top = y;
		if (image) {
			const s = Math.min(120 / image.width, boxH / image.height);
			page.drawImage(image, { x: M, y: top - image.height * s, width: image.width * s, height: image.height * s });
		}
		const startPage = page;
		text(`${v.title} v${v.number}`, { font: bold, x: M + 132 });
		text(`round ${v.round}${v.current ? ' · current' : ''} · ${v.threads.length} thread${v.threads.length === 1 ? '' : 's'}`, { x: M + 132, color: grey });
		if (page === startPage) y = Math.min(y, top - boxH - 6);
		for (const t of v.threads) {
			text(`${t.markKind ?? 'general comment'} · ${place(t)} · ${threadState(t)}`, { x: M + 12, color: grey, size: 9 });
			for (const c of t.comments.filter((c) => !c.deleted)) text(`${c.authorName} (${when(c.createdAt)}): ${c.body}`, { x: M + 24 });
			y -= 4;
		}
		y -= 6;
	}

	heading('Activity');
	for (const e of d.events) text(`#${e.seq}  ${when(e.at)}  ${e.actorName}${e.actorKind === 'guest' ? ' (guest)' : ''}: ${e.summary}`, { size: 9 });

	heading('Audit');
	text(`This report covers the workspace audit trail up to event #${d.last?.seq ?? '–'}, whose SHA-256 chain hash is:`);
	text(d.last?.hash ?? '–', { font: mono, size: 9, gap: 4 });
	text(`Generated ${when(d.generatedAt)}. Check the trail with "loupe audit verify": any later change to an event covered here breaks the chain at that event.`, { color: grey });

	const pages = pdf.getPages();
	pages.forEach((pg, i) => pg.drawText(`${safe(p.title)} · page ${i + 1} of ${pages.length}`, { x: M, y: 24, size: 8, font: regular, color: grey }));
	return pdf.save();
}
