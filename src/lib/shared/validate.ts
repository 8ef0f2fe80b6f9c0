import type { z } from 'zod';
import { DomainError } from './errors.ts';

/** Parses input against a schema, turning failures into one `invalid` error with per-field messages. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const key = issue.path.join('.') || '_';
		fields[key] ??= issue.message;
	}
	const first = result.error.issues[0];
	const where = first?.path.length ? `${first.path.join('.')}: ` : '';
	throw new DomainError('invalid', `${where}${first?.message ?? 'Invalid input.'}`, { fields });
}
