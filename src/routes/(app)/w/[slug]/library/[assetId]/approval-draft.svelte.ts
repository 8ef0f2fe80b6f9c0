import type { StageRule } from '#lib/shared/proofs.ts';
import { splitEmails } from './approval-form.ts';

export type StageDraft = {
	key: number;
	name: string;
	/** Member emails ticked in the list. */
	reviewers: string[];
	/** Guest emails as typed. */
	guests: string;
	rule: StageRule;
	quorum: number;
	gatekeeper: string;
	due: string;
	withPrevious: boolean;
	/** One checklist item per line. */
	checklist: string;
};

const names = ['Creative', 'Brand', 'Legal'];

/** The stages someone is building in the "Request approval" dialog; starts as one "Creative" stage where all decide. */
export class ApprovalDraft {
	title = $state('');
	stages = $state<StageDraft[]>([]);
	#next = 0;

	constructor(title: string) {
		this.title = title;
		this.stages = [this.#stage(0)];
	}

	#stage(position: number): StageDraft {
		return { key: this.#next++, name: names[position] ?? `Stage ${position + 1}`, reviewers: [], guests: '', rule: 'all', quorum: 1, gatekeeper: '', due: '', withPrevious: false, checklist: '' };
	}

	add() {
		if (this.stages.length < 10) this.stages.push(this.#stage(this.stages.length));
	}

	remove(index: number) {
		if (this.stages.length > 1) this.stages.splice(index, 1);
	}

	/** Everyone reviewing stage `index` so far, members then guests: the gatekeeper is one of them. */
	people(index: number): string[] {
		const s = this.stages[index];
		return s ? [...new Set([...s.reviewers, ...splitEmails(s.guests)])] : [];
	}
}
