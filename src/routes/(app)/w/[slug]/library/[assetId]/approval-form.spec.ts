import { describe, expect, test } from 'vitest';
import { approvalInput, templateNameOf, templateStages, endOfDay, readableMessage, splitEmails, stageErrors } from './approval-form.ts';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

describe('request approval form', () => {
	test('flat fields become stages, with ticked members and typed guests as one list of reviewers', () => {
		const input = approvalInput(
			form([
				['title', '  Spring hero  '],
				['versionId', 'v-1'],
				['tz', '-120'],
				['stages.0.name', 'Creative'],
				['stages.0.reviewers', 'Ann@Example.com'],
				['stages.0.guests', 'x@agency.com, ann@example.com;  y@agency.com'],
				['stages.0.rule', 'quorum'],
				['stages.0.quorum', '2'],
				['stages.0.due', '2030-03-01'],
				['stages.1.name', 'Brand'],
				['stages.1.reviewers', 'ben@example.com'],
				['stages.1.rule', 'gatekeeper'],
				['stages.1.gatekeeper', 'Ben@example.com'],
				['stages.1.withPrevious', 'on']
			])
		);
		expect(input.title).toBe('Spring hero');
		expect(input.versionIds).toEqual(['v-1']);
		expect(input.stages[0]).toEqual({ name: 'Creative', reviewers: ['ann@example.com', 'x@agency.com', 'y@agency.com'], rule: 'quorum', quorum: 2, dueAt: '2030-03-01T21:59:59.000Z', start: 'after_previous' });
		expect(input.stages[1]).toEqual({ name: 'Brand', reviewers: ['ben@example.com'], rule: 'gatekeeper', gatekeeper: 'ben@example.com', start: 'with_previous' });
	});

	test('the first stage never starts "with the previous", a quorum is only sent for a quorum rule, an empty title is the asset’s', () => {
		const input = approvalInput(form([['title', ' '], ['versionId', 'v'], ['stages.0.name', 'A'], ['stages.0.withPrevious', 'on'], ['stages.0.quorum', '3'], ['stages.0.rule', 'nonsense']]));
		expect(input.title).toBeUndefined();
		expect(input.stages).toEqual([{ name: 'A', reviewers: [], rule: 'all', start: 'after_previous' }]);
	});

	test('a due date is the end of that day where the requester is', () => {
		expect(endOfDay('2030-01-31', 0)).toBe('2030-01-31T23:59:59.000Z');
		expect(endOfDay('2030-01-31', 300)).toBe('2030-02-01T04:59:59.000Z');
		expect(endOfDay('31/01/2030', 0)).toBe('31/01/2030');
	});

	test('guest emails split on commas, semicolons and spaces', () => {
		expect(splitEmails(' a@x.com,b@x.com ;\nC@X.com ,, ')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
	});

	test("the service's field errors find their stage and field", () => {
		const fields = { 'stages.1.reviewers.0': 'Each reviewer is an email address.', 'stages.1.dueAt': 'Invalid date', 'stages.0.name': 'Name each stage.', title: 'Too long' };
		expect(stageErrors(fields, 1)).toEqual({ reviewers: 'Each reviewer is an email address.', due: 'Invalid date' });
		expect(stageErrors(fields, 0)).toEqual({ name: 'Name each stage.' });
		expect(stageErrors(undefined, 0)).toEqual({});
	});

	test('messages name stages as people count them', () => {
		expect(readableMessage('stages.1.reviewers.0: Each reviewer is an email address.')).toBe('Stage 2: Each reviewer is an email address.');
		expect(readableMessage('stages: A proof needs at least one stage.')).toBe('A proof needs at least one stage.');
		expect(readableMessage('Ann <a@x.com> is a viewer in this workspace and cannot review.')).toBe('Ann <a@x.com> is a viewer in this workspace and cannot review.');
	});

	test('saved as a template, a due date becomes days after the request', () => {
		const stages = [
			{ name: 'Brand', reviewers: ['b@x.com'], rule: 'all' as const, start: 'after_previous' as const, dueAt: '2030-01-04T23:59:59.000Z' },
			{ name: 'Legal', reviewers: ['l@x.com'], rule: 'any' as const, start: 'after_previous' as const }
		];
		expect(templateStages(stages, new Date('2030-01-01T12:00:00Z'))).toEqual([
			{ name: 'Brand', reviewers: ['b@x.com'], rule: 'all', start: 'after_previous', dueInDays: 3 },
			{ name: 'Legal', reviewers: ['l@x.com'], rule: 'any', start: 'after_previous' }
		]);
		// Whatever the hour of the request: due at the end of the 4th, asked on the 1st, is 3 days.
		for (const at of ['2030-01-01T00:30:00Z', '2030-01-01T23:30:00Z']) expect(templateStages(stages, new Date(at))[0]!.dueInDays).toBe(3);
		const f = new FormData();
		expect(templateNameOf(f)).toBeNull();
		f.set('saveTemplate', 'on');
		f.set('templateName', '  Brand then Legal ');
		expect(templateNameOf(f)).toBe('Brand then Legal');
	});
});
