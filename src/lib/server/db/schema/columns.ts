import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PGlite hands back Uint8Array and postgres.js a Buffer; callers always get Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (v) => (v instanceof Uint8Array && v.constructor !== Uint8Array ? new Uint8Array(v) : v)
});

export const id = () => uuid().primaryKey().defaultRandom();
export const at = () => timestamp({ withTimezone: true, mode: 'date' });
export const createdAt = () => at().notNull().defaultNow();

/** A full-text search vector (GIN-indexed where it is queried). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
