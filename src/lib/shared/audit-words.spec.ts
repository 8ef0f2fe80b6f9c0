import { describe, expect, test } from 'vitest';
import { auditFamilies, describeEvent, familyOf, typesOf, type AuditEventView } from './audit-words.ts';
import { auditTypes } from '../server/audit/audit.service.ts';

const ev = (type: string, data: Record<string, unknown>, name = 'Ann'): AuditEventView => ({ seq: 1, at: '2030-01-01T00:00:00Z', type, actor: { id: 'u', kind: 'user', name }, proofId: 'p', subject: 's', data });

describe('audit events in words', () => {
	test('decisions, stages and proofs read as sentences', () => {
		expect(describeEvent(ev('decision.made', { stage: 'Creative', version: 1, decision: 'approved', note: 'Lovely' }))).toBe('Ann approved v1 in Creative: “Lovely”');
		expect(describeEvent(ev('decision.made', { stage: 'Brand', version: 2, decision: 'changes_required', note: '' }))).toBe('Ann asked for changes on v2 in Brand');
		expect(describeEvent(ev('decision.changed', { stage: 'Brand', version: 2, decision: 'approved', previous: 'rejected' }))).toBe('Ann changed their decision on v2 in Brand to approved (was rejected)');
		expect(describeEvent(ev('stage.closed', { stage: 'Creative', outcome: 'approved' }))).toBe('Creative closed: approved');
		expect(describeEvent(ev('proof.closed', { status: 'changes_required' }))).toBe('Proof closed: changes required');
		expect(describeEvent(ev('member.role_changed', { user: { name: 'Ben' }, from: 'reviewer', to: 'creator' }))).toBe('Ann changed Ben’s role from reviewer to creator');
		expect(describeEvent(ev('brand.updated', { action: 'created', section: 'Palette' }))).toBe('Ann added “Palette” to the brand guidelines');
		expect(describeEvent(ev('brand.updated', { action: 'reordered', sections: 3 }))).toBe('Ann reordered the brand guidelines');
		expect(describeEvent(ev('brief.created', { title: 'Spring', template: 'Creative brief' }))).toBe('Ann created the brief “Spring” from the Creative brief template');
		expect(describeEvent(ev('brief.updated', { changed: ['Objectives', 'the title'] }))).toBe('Ann changed Objectives, the title');
		expect(describeEvent(ev('brief.status_changed', { from: 'draft', to: 'in_production', note: 'Go' }))).toBe('Ann moved the brief from draft to in production: “Go”');
		expect(describeEvent(ev('brief.signed_off', { kind: 'budget', decision: 'approved' }))).toBe('Ann signed off the budget');
		expect(describeEvent(ev('brief.signed_off', { kind: 'brief', decision: 'rejected', note: 'Too vague' }))).toBe('Ann rejected the brief: “Too vague”');
		expect(describeEvent(ev('brief.approval_requested', { deliverable: 'Story', version: 2 }))).toBe('Ann requested approval of “Story” v2');
		expect(describeEvent(ev('something.new', {}))).toBe('Ann: something.new');
	});

	test('every event type the trail records belongs to one family', () => {
		const all = Object.values(auditFamilies).flatMap((f) => f.types as readonly string[]);
		expect([...all].sort()).toEqual([...auditTypes].sort());
		expect(new Set(all).size).toBe(all.length);
	});

	test('an unknown family in the address means everything', () => {
		expect(familyOf(auditFamilies, 'decisions')).toBe('decisions');
		expect(familyOf(auditFamilies, 'toString')).toBeNull();
		expect(typesOf(auditFamilies, null)).toBeUndefined();
		expect(typesOf(auditFamilies, 'uploads')).toEqual(['version.uploaded']);
	});
});
