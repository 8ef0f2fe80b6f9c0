import type { StageRule } from '#lib/shared/proofs.ts';

/** A workspace template's stage, as the templates API gives it. */
export type TemplateStage = { name: string; reviewers: string[]; rule?: StageRule; quorum?: number; gatekeeper?: string; dueInDays?: number; start?: string; checklist?: string[] };
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

	/**
	 * Replaces the stages with a template's: members stay ticked, other addresses become
	 * guests, and a due date `dueInDays` after today.
	 */
	useTemplate(stages: TemplateStage[], memberEmails: string[], today = new Date()) {
		const members = new Set(memberEmails);
		this.stages = stages.map((t, i) => ({
			...this.#stage(i),
			name: t.name,
			reviewers: t.reviewers.filter((e) => members.has(e)),
			guests: t.reviewers.filter((e) => !members.has(e)).join(', '),
			rule: t.rule ?? 'all',
			quorum: t.quorum ?? 1,
			gatekeeper: t.gatekeeper ?? '',
			due: t.dueInDays === undefined ? '' : new Date(today.getTime() + t.dueInDays * 86_400_000).toISOString().slice(0, 10),
			withPrevious: t.start === 'with_previous',
			checklist: (t.checklist ?? []).join('\n')
		}));
	}

	/** Back to one new "Creative" stage. */
	reset() {
		this.stages = [this.#stage(0)];
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
