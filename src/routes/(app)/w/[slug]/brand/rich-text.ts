// Formatting commands for the guidelines' HTML textarea: each turns the selection into an
// edit (the text to put in its place, and what to select afterwards). Pure, so tested alone.

export type Format = 'bold' | 'italic' | 'h2' | 'h3' | 'ul' | 'ol' | 'link';
export type Edit = { text: string; select: [start: number, end: number] };

const inline: Partial<Record<Format, [string, string, string]>> = {
	bold: ['<strong>', '</strong>', 'bold text'],
	italic: ['<em>', '</em>', 'emphasis'],
	h2: ['<h2>', '</h2>', 'Heading'],
	h3: ['<h3>', '</h3>', 'Subheading']
};

/** The replacement for `selected` (which starts at offset `at` in the textarea). */
export function formatEdit(format: Format, selected: string, at: number): Edit {
	const wrap = inline[format];
	if (wrap) {
		const [open, close, placeholder] = wrap;
		const inner = selected || placeholder;
		return { text: `${open}${inner}${close}`, select: [at + open.length, at + open.length + inner.length] };
	}
	if (format === 'link') {
		const label = selected || 'link text';
		const open = '<a href="https://">';
		// The address is what still needs typing: it is selected, ready to be replaced.
		return { text: `${open}${label}</a>`, select: [at + '<a href="'.length, at + open.length - 2] };
	}
	const tag = format === 'ol' ? 'ol' : 'ul';
	const lines = selected.split('\n').map((l) => l.trim()).filter(Boolean);
	const items = (lines.length ? lines : ['List item']).map((l) => `  <li>${l}</li>`).join('\n');
	const text = `<${tag}>\n${items}\n</${tag}>`;
	return { text, select: [at + text.length, at + text.length] };
}
