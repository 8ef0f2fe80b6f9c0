// Which page of a multi-page document is shown, 1-based; arrows and the strip move it.
export class PageNav {
	current = $state(1);
	readonly count: number;

	constructor(count: number) {
		this.count = Math.max(1, count);
	}

	get hasPrevious() {
		return this.current > 1;
	}
	get hasNext() {
		return this.current < this.count;
	}

	go = (n: number) => {
		this.current = Math.min(this.count, Math.max(1, Math.round(n)));
	};
	previous = () => this.go(this.current - 1);
	next = () => this.go(this.current + 1);

	/** Arrow keys and PageUp/PageDown, unless someone is typing or a widget used the key (a zoomed image pans). */
	key = (e: KeyboardEvent) => {
		if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
		const t = e.target as HTMLElement | null;
		if (t?.closest('input, textarea, select, [contenteditable="true"], video, audio')) return;
		const step = { ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1 }[e.key];
		if (!step) return;
		e.preventDefault();
		this.go(this.current + step);
	};
}
