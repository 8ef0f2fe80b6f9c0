export type ErrorCode =
	| 'invalid'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'too_large'
	| 'unsupported_media_type'
	| 'rate_limited'
	| 'setup_required'
	| 'internal';

export const statusOf: Record<ErrorCode, number> = {
	invalid: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	setup_required: 409,
	internal: 500
};

// The CLI and the collab server load domain code from source while the web bundle has
// its own copy, so `instanceof` cannot be trusted across them; a registered symbol can.
const brand = Symbol.for('loupe.DomainError');

export type FieldIssues = Record<string, string>;

export class DomainError extends Error {
	readonly [brand] = true;
	readonly code: ErrorCode;
	readonly fields: FieldIssues | undefined;
	/** Seconds a client should wait before retrying (rate limits). */
	readonly retryAfter: number | undefined;
	/** Machine-readable context, e.g. `{ duplicateOf: assetId }`. */
	readonly details: Record<string, unknown> | undefined;

	constructor(code: ErrorCode, message: string, extra: { fields?: FieldIssues; retryAfter?: number; details?: Record<string, unknown> } = {}) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.fields = extra.fields;
		this.retryAfter = extra.retryAfter;
		this.details = extra.details;
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[brand] === true;
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`);
