import { DomainError } from '#lib/shared/errors.ts';
import type { CustomField, FieldValue } from '../db/schema/index.ts';

/**
 * Applies a patch of custom field values (null clears) and checks each against its
 * field's type. Returns the merged values.
 */
export function mergeFieldValues(defs: CustomField[], current: Record<string, FieldValue>, patch: Record<string, FieldValue | null>) {
	const byKey = new Map(defs.map((d) => [d.key, d]));
	const next: Record<string, FieldValue> = { ...current };
	const issues: Record<string, string> = {};
	for (const [key, raw] of Object.entries(patch)) {
		const def = byKey.get(key);
		if (!def) {
			issues[`fields.${key}`] = 'No such field in this workspace.';
			continue;
		}
		if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
			delete next[key];
			continue;
		}
		const checked = checkValue(def, raw);
		if (typeof checked === 'object' && checked !== null && 'error' in checked) issues[`fields.${key}`] = checked.error;
		else next[key] = checked as FieldValue;
	}
	if (Object.keys(issues).length) throw new DomainError('invalid', Object.values(issues)[0]!, { fields: issues });
	return next;
}

function checkValue(def: CustomField, v: FieldValue): FieldValue | { error: string } {
	switch (def.type) {
		case 'text':
			return typeof v === 'string' ? v.trim().slice(0, 2000) : { error: `${def.label} takes text.` };
		case 'number': {
			const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
			return Number.isFinite(n) ? n : { error: `${def.label} takes a number.` };
		}
		case 'date':
			return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : { error: `${def.label} takes a date as YYYY-MM-DD.` };
		case 'select':
			return typeof v === 'string' && def.options.includes(v) ? v : { error: `${def.label} must be one of: ${def.options.join(', ')}.` };
		case 'multiselect': {
			const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
			const bad = list.filter((x) => !def.options.includes(x));
			return list.length && !bad.length ? [...new Set(list)] : { error: `${def.label} takes values from: ${def.options.join(', ')}.` };
		}
	}
}

/** Required fields that are empty; an asset cannot be approved while any are. */
export const missingRequired = (defs: CustomField[], values: Record<string, FieldValue>) =>
	defs.filter((d) => d.required && (values[d.key] === undefined || values[d.key] === ''));
