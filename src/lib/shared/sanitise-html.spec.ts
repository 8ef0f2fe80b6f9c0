import { describe, expect, test } from 'vitest';
import { htmlText, safeHref, sanitiseHtml } from './sanitise-html.ts';

describe('sanitiseHtml', () => {
	test('keeps the allowed subset as it is', () => {
		const html = '<h2>Logo</h2><p>Use the <strong>full</strong> logo on <em>white</em>.<br>Never stretch it.</p><ul><li>One</li></ul><ol><li>Two</li></ol><h3>Clear space</h3>';
		expect(sanitiseHtml(html)).toBe(html);
	});

	test('removes scripts, event handlers and styles, with their code', () => {
		expect(sanitiseHtml('<p onclick="alert(1)">Hi<script>alert(1)</script></p>')).toBe('<p>Hi</p>');
		expect(sanitiseHtml('<img src=x onerror=alert(1)><p>After</p>')).toBe('<p>After</p>');
		expect(sanitiseHtml('<style>p{color:red}</style><p style="color:red">Text</p>')).toBe('<p>Text</p>');
		expect(sanitiseHtml('<svg><script>alert(1)</script></svg>ok')).toBe('ok');
		expect(sanitiseHtml('<SCRIPT>alert(1)</SCRIPT >x')).toBe('x');
		expect(sanitiseHtml('<script>never closed <p>hidden</p>')).toBe('');
		expect(sanitiseHtml('<iframe src="https://evil.test"></iframe><p>a</p>')).toBe('<p>a</p>');
	});

	test('keeps http, https and mailto links only, whatever the spelling of the scheme', () => {
		expect(sanitiseHtml('<a href="https://brand.example/guide?a=1&amp;b=2" title="x">Guide</a>')).toBe(
			'<a href="https://brand.example/guide?a=1&amp;b=2" rel="noopener noreferrer nofollow" target="_blank">Guide</a>'
		);
		expect(sanitiseHtml("<a href='mailto:brand@example.test'>Mail</a>")).toContain('href="mailto:brand@example.test"');
		for (const evil of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', '&#106;avascript:alert(1)', 'javascript&colon;alert(1)', '&#x6A;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.test', '/relative']) {
			expect(sanitiseHtml(`<a href="${evil}">Click</a>`), evil).toBe('Click');
		}
		expect(sanitiseHtml('<a>No target</a>')).toBe('No target');
	});

	test('escapes text and attribute values so nothing turns back into markup', () => {
		expect(sanitiseHtml('<p>1 < 2 & 3 > 2</p>')).toBe('<p>1 &lt; 2 &amp; 3 &gt; 2</p>');
		expect(sanitiseHtml('<p>&lt;script&gt; &amp; &eacute;</p>')).toBe('<p>&lt;script&gt; &amp; &eacute;</p>');
		expect(sanitiseHtml('<a href="https://x.test/?q=&quot;&gt;&lt;script&gt;">x</a>')).toContain('href="https://x.test/?q=&quot;&gt;&lt;script&gt;"');
		expect(sanitiseHtml('<p title="a>b">x</p>')).toBe('<p>x</p>');
		// Split tags do not reassemble: what survives is text.
		expect(sanitiseHtml('<<script>script>alert(1)<</script>/script>')).toBe('&lt;/script&gt;');
	});

	test('unwraps unknown elements, maps synonyms and drops comments', () => {
		expect(sanitiseHtml('<div><span class="x">Text</span></div>')).toBe('Text');
		expect(sanitiseHtml('<b>Bold</b> <i>it</i> <h1>Big</h1><h4>Small</h4>')).toBe('<strong>Bold</strong> <em>it</em> <h2>Big</h2><h3>Small</h3>');
		expect(sanitiseHtml('<p>a<!-- <script>alert(1)</script> -->b</p>')).toBe('<p>ab</p>');
		expect(sanitiseHtml('<!DOCTYPE html><p>x</p>')).toBe('<p>x</p>');
	});

	test('closes what it opens and ignores stray closing tags', () => {
		expect(sanitiseHtml('<p><strong>Open')).toBe('<p><strong>Open</strong></p>');
		expect(sanitiseHtml('</p></a>Text</em>')).toBe('Text');
		expect(sanitiseHtml('<ul><li>One<li>Two</ul>')).toBe('<ul><li>One<li>Two</li></li></ul>');
		expect(sanitiseHtml('<a href="https://x.test">Unclosed link')).toBe('<a href="https://x.test" rel="noopener noreferrer nofollow" target="_blank">Unclosed link</a>');
	});

	test('turns plain text into paragraphs', () => {
		expect(sanitiseHtml('First line\nsecond line\n\nNext paragraph & more')).toBe('<p>First line<br>second line</p><p>Next paragraph &amp; more</p>');
		expect(sanitiseHtml('   ')).toBe('');
	});

	test('stays fast on hostile input', () => {
		const started = performance.now();
		for (const flood of ['<a x="'.repeat(8000), '<a b '.repeat(10000), '<!'.repeat(25000), '<p>'.repeat(16000)]) sanitiseHtml(flood);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

test('safeHref and htmlText', () => {
	expect(safeHref('  https://x.test/a b ')).toBe('https://x.test/a%20b');
	expect(safeHref('\u0001javascript:x')).toBeNull();
	expect(htmlText('<p>Hello&nbsp;<strong>world</strong></p><p></p>')).toBe('Hello world');
	expect(htmlText('<p></p><br>')).toBe('');
});
