// A change applied to many assets, one request at a time, with progress a person can watch.
export class BulkRun {
	running = $state(false);
	label = $state('');
	done = $state(0);
	total = $state(0);
	failures = $state.raw<{ id: string; message: string }[]>([]);
	/** What the last run did, for a notice once it has finished. */
	summary = $state<string | null>(null);

	readonly progress = $derived(this.total ? this.done / this.total : 0);

	async run(label: string, ids: readonly string[], step: (id: string) => Promise<void>, summarise: (ok: number) => string): Promise<string[]> {
		if (this.running) return [];
		this.running = true;
		this.label = label;
		this.done = 0;
		this.total = ids.length;
		this.failures = [];
		this.summary = null;
		const succeeded: string[] = [];
		for (const id of ids) {
			try {
				await step(id);
				succeeded.push(id);
			} catch (e) {
				this.failures = [...this.failures, { id, message: e instanceof Error ? e.message : String(e) }];
			}
			this.done++;
		}
		this.running = false;
		this.summary = summarise(succeeded.length);
		return succeeded;
	}

	dismiss() {
		this.summary = null;
		this.failures = [];
	}
}
