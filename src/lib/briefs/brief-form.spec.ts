import { describe, expect, test } from 'vitest';
import type { TemplateSection } from '#lib/shared/briefs.ts';
import { fieldsFromForm } from './brief-form.ts';

const sections: TemplateSection[] = [
	{
		title: 'All',
		fields: [
			{ key: 'audience', label: 'Audience', type: 'text', required: true },
			{ key: 'count', label: 'Count', type: 'number', required: false },
			{ key: 'budget', label: 'Budget', type: 'money', required: false },
			{ key: 'paid', label: 'Paid', type: 'checkbox', required: false },
			{ key: 'refs', label: 'Refs', type: 'asset', required: false },
			{ key: 'owner', label: 'Owner', type: 'user', required: false }
		]
	}
];

describe('the brief intake form', () => {
	test('turns flat form fields into typed values, empties into null', () => {
		const f = new FormData();
		f.set('audience', '  Families ');
		f.set('count', '12');
		f.set('budget.amount', '2500');
		f.set('budget.currency', 'gbp');
		f.set('paid', 'on');
		f.append('refs', 'a');
		f.append('refs', 'b');
		expect(fieldsFromForm(sections, f)).toEqual({ audience: 'Families', count: 12, budget: { amount: 2500, currency: 'GBP' }, paid: true, refs: ['a', 'b'], owner: null });
		expect(fieldsFromForm(sections, new FormData())).toEqual({ audience: null, count: null, budget: null, paid: false, refs: [], owner: null });
	});

	test('keeps what is not a number as typed, for the service to name', () => {
		const f = new FormData();
		f.set('count', 'twelve');
		expect(fieldsFromForm(sections, f).count).toBe('twelve');
	});
});
