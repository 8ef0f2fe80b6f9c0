// Files dragged from the desktop anywhere over the window. Counting enter/leave pairs keeps
// the overlay steady while the pointer crosses child elements.
export class FileDrop {
	#depth = $state(0);
	readonly active = $derived(this.#depth > 0);
	readonly #accept: () => boolean;
	readonly #onFiles: (files: File[]) => void;

	constructor(accept: () => boolean, onFiles: (files: File[]) => void) {
		this.#accept = accept;
		this.#onFiles = onFiles;
	}

	static hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

	enter = (e: DragEvent) => {
		if (!FileDrop.hasFiles(e)) return;
		e.preventDefault();
		if (this.#accept()) this.#depth++;
	};

	over = (e: DragEvent) => {
		if (!FileDrop.hasFiles(e)) return;
		// Without this the browser would open the file in place of the app.
		e.preventDefault();
		if (e.dataTransfer) e.dataTransfer.dropEffect = this.#accept() ? 'copy' : 'none';
	};

	leave = (e: DragEvent) => {
		if (!FileDrop.hasFiles(e)) return;
		this.#depth = Math.max(0, this.#depth - 1);
	};

	drop = (e: DragEvent) => {
		if (!FileDrop.hasFiles(e)) return;
		e.preventDefault();
		this.#depth = 0;
		const files = [...(e.dataTransfer?.files ?? [])];
		if (files.length && this.#accept()) this.#onFiles(files);
	};

	cancel = () => {
		this.#depth = 0;
	};
}
