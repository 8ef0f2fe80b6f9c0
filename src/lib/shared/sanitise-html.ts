// An allow-list HTML sanitiser for the brand portal's rich text. Isomorphic (no DOM, no
// Node), so the editor's preview shows exactly what the server will store.
//
// Safety does not rest on parsing HTML the way a browser would: the output is rebuilt from
// scratch, so whatever the tokenizer makes of odd input, only the allowed tags (with no
// attributes except a checked href) are ever written, every piece of text is escaped, and
// every tag opened is closed. Mis-parsed markup degrades to visible text, never to markup.

const ALLOWED = new Set(['p', 'h2', 'h3', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'br']);
/** Common synonyms pasted from other editors, kept as their allowed equivalent. */
const ALIAS: Record<string, string> = { b: 'strong', i: 'em', h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3' };
/** Elements whose content is code or foreign markup: dropped whole, not unwrapped. */
const DROP_CONTENT = new Set(['script', 'style', 'template', 'textarea', 'title', 'iframe', 'noscript', 'noembed', 'noframes', 'object', 'xmp', 'svg', 'math', 'select', 'head']);
const SAFE_SCHEME = /^(https?:|mailto:)/i;

// Attribute names stop at "<" and tags are read within a bounded window, so a flood of
// unterminated tags costs linear time rather than a rescan of the rest of the input each.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const TAG_WINDOW = 4096;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<![^>]*(?:>|$)|<\?[^>]*(?:>|$)/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Character references are left as they are in text: a browser never reads them back as markup. */
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iy;

const escapeText = (s: string) => s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escapes `&` unless it starts a well-formed character reference, and `<`/`>` always. */
function text(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c !== '&') {
			out += escapeText(c);
			continue;
		}
		ENTITY.lastIndex = i;
		const m = ENTITY.exec(s);
		if (m) {
			out += m[0];
			i += m[0].length - 1;
		} else out += '&amp;';
	}
	return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', nbsp: ' ' };

/** An attribute value as the browser would read it, enough to judge its URL scheme. */
function decodeAttr(v: string): string {
	return v.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);?/gi, (m, ref: string) => {
		if (ref[0] === '#') {
			const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
		}
		return NAMED[ref.toLowerCase()] ?? m;
	});
}

/**
 * A link target we keep: http, https or mailto. The scheme is judged with the whitespace and
 * control characters a browser skips removed ("java\tscript:" is javascript:).
 */
export function safeHref(raw: string): string | null {
	const decoded = decodeAttr(raw);
	if (!SAFE_SCHEME.test(decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))) return null;
	const v = decoded.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/ /g, '%20');
	return SAFE_SCHEME.test(v) ? v : null;
}

function hrefOf(attrs: string): string | null {
	for (const m of attrs.matchAll(ATTR)) {
		if (m[1]!.toLowerCase() === 'href') return safeHref(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return null;
}

/** Plain text typed without any tags: blank lines make paragraphs, single newlines line breaks. */
function fromPlainText(s: string): string {
	return s
		.split(/\n\s*\n/)
		.map((para) => para.trim())
		.filter(Boolean)
		.map((para) => `<p>${para.split('\n').map(text).join('<br>')}</p>`)
		.join('');
}

/**
 * Keeps p, h2, h3, strong, em, ul, ol, li, br and links to http(s)/mailto; everything else
 * goes, with the text of unknown elements kept and the content of scripts and styles dropped.
 */
export function sanitiseHtml(input: string): string {
	const src = input.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
	if (!/<[a-zA-Z/!?]/.test(src)) return fromPlainText(src);

	let out = '';
	const open: string[] = [];
	let i = 0;
	while (i < src.length) {
		const lt = src.indexOf('<', i);
		if (lt === -1) {
			out += text(src.slice(i));
			break;
		}
		out += text(src.slice(i, lt));
		COMMENT.lastIndex = lt;
		const comment = COMMENT.exec(src);
		if (comment) {
			i = lt + comment[0].length;
			continue;
		}
		TAG.lastIndex = 0;
		const tag = TAG.exec(src.slice(lt, lt + TAG_WINDOW));
		if (!tag) {
			out += '&lt;';
			i = lt + 1;
			continue;
		}
		i = lt + tag[0].length;
		const closing = tag[1] === '/';
		const raw = tag[2]!.toLowerCase();
		if (DROP_CONTENT.has(raw)) {
			if (!closing) {
				const end = src.slice(i).search(new RegExp(`</${raw}\\s*>`, 'i'));
				i = end === -1 ? src.length : i + end;
			}
			continue;
		}
		const name = ALIAS[raw] ?? raw;
		if (!ALLOWED.has(name)) continue;
		if (name === 'br') {
			if (!closing) out += '<br>';
			continue;
		}
		if (closing) {
			const at = open.lastIndexOf(name);
			if (at === -1) continue;
			while (open.length > at) out += `</${open.pop()}>`;
			continue;
		}
		if (name === 'a') {
			const href = hrefOf(tag[3] ?? '');
			// A link without a safe target keeps its text; its closing tag finds nothing open and is dropped.
			if (!href) continue;
			out += `<a href="${escapeAttr(href)}" rel="noopener noreferrer nofollow" target="_blank">`;
		} else out += `<${name}>`;
		open.push(name);
	}
	while (open.length) out += `</${open.pop()}>`;
	return out.trim();
}

/** The visible text of sanitised HTML, e.g. to tell whether a body says anything at all. */
export const htmlText = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
