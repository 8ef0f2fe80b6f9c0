import { ArrowUpRight, Circle, Highlighter, MapPin, Minus, MousePointer2, Pencil, Square } from '@lucide/svelte';
import type { Tool } from '#lib/review/stage.ts';

export const TOOLS: { id: Tool; label: string; key: string; icon: typeof Square; pdfOnly?: boolean }[] = [
	{ id: 'select', label: 'Select and move', key: 'V', icon: MousePointer2 },
	{ id: 'pin', label: 'Pin a comment', key: 'C', icon: MapPin },
	{ id: 'rect', label: 'Rectangle', key: 'R', icon: Square },
	{ id: 'ellipse', label: 'Ellipse', key: 'O', icon: Circle },
	{ id: 'arrow', label: 'Arrow', key: 'A', icon: ArrowUpRight },
	{ id: 'line', label: 'Line', key: 'L', icon: Minus },
	{ id: 'pen', label: 'Freehand pen', key: 'P', icon: Pencil },
	{ id: 'highlight', label: 'Highlight text', key: 'H', icon: Highlighter, pdfOnly: true }
];

export const COLOURS = [
	{ value: '#e5484d', label: 'Red' },
	{ value: '#f76b15', label: 'Orange' },
	{ value: '#ffc53d', label: 'Yellow' },
	{ value: '#30a46c', label: 'Green' },
	{ value: '#0090ff', label: 'Blue' },
	{ value: '#8e4ec6', label: 'Purple' },
	{ value: '#111827', label: 'Black' }
];

/** Stroke widths as fractions of the page width: thin, medium, thick. */
export const STROKES = [
	{ value: 0.002, label: 'Thin' },
	{ value: 0.004, label: 'Medium' },
	{ value: 0.008, label: 'Thick' }
];

export const SHORTCUTS: [string, string][] = [
	...TOOLS.map((t): [string, string] => [t.key, t.label]),
	['Space + drag', 'Pan'],
	['Wheel / pinch', 'Zoom'],
	['+ / −', 'Zoom in / out'],
	['0', 'Fit to screen'],
	['Ctrl Z', 'Undo your last change'],
	['Ctrl Shift Z', 'Redo'],
	['Delete', 'Delete the selected mark (yours)'],
	['Esc', 'Deselect, or stop drawing'],
	['← / →', 'Previous / next page, or frame in a video'],
	['K', 'Play / pause video or audio'],
	['N', 'New general comment'],
	['?', 'This help']
];
