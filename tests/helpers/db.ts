import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import { resolveFfmpeg } from '#lib/server/ingest/ffmpeg-path.ts';
import { openDatabase, type Database } from '#lib/server/db/client.ts';
import { migrate } from '#lib/server/db/migrate.ts';
import { createServices, type Services } from '#lib/server/services.ts';
import type { Actor, ActorUser } from '#lib/server/auth/actor.ts';

/** Postgres for the integration suite: .ci/run points this at the machine's server. */
export const postgresUrl = process.env.LOUPE_TEST_DATABASE_URL || undefined;

export type Backend = { name: 'pglite' | 'postgres'; open: () => Promise<TestDb> };
export type TestDb = { database: Database; url?: string; close: () => Promise<void> };

async function freshPostgres(base: string): Promise<TestDb> {
	const { default: postgres } = await import('postgres');
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	const name = `loupe_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	await admin.unsafe(`create database ${name}`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: url.href });
	await migrate(database);
	return {
		database,
		url: url.href,
		close: async () => {
			await database.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

async function freshPglite(): Promise<TestDb> {
	const database = await openDatabase({ dbDir: 'memory://' });
	await migrate(database);
	return { database, close: () => database.close() };
}

/** PGlite always (it is the default); Postgres too when LOUPE_TEST_DATABASE_URL is set. */
export const backends: Backend[] = [
	{ name: 'pglite', open: freshPglite },
	...(postgresUrl ? [{ name: 'postgres' as const, open: () => freshPostgres(postgresUrl) }] : [])
];

/** Scaled mode (several collab processes joined by Redis) is tested when this is set. */
export const redisUrl = process.env.LOUPE_TEST_REDIS_URL || undefined;
if (!redisUrl && process.env.CI) throw new Error('CI must set LOUPE_TEST_REDIS_URL so scaled mode is tested');

if (!postgresUrl && process.env.CI) throw new Error('CI must set LOUPE_TEST_DATABASE_URL so the Postgres backend is tested');

/** A clock the test moves by hand. */
export function testClock(start = new Date('2026-06-01T10:00:00Z')) {
	let t = start.getTime();
	return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (d: Date) => (t = d.getTime()) };
}

export const DAY = 24 * 60 * 60 * 1000;

export function makeServices(db: TestDb, clock = testClock()) {
	const storage = createLocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-files-')));
	return { services: createServices(db.database, { now: clock.now, sessionDays: 30, storage, ffmpeg: resolveFfmpeg(undefined) }), clock };
}

export const actorOf = (user: ActorUser, sessionId = 'test'): Actor => ({ user, via: { kind: 'session', sessionId } });

let n = 0;
/** A user with a workspace of their own, as after setup or sign-up. */
export async function userWithWorkspace(services: Services, name = `User${++n}`) {
	const user = await services.auth.createUser({ email: `${name.toLowerCase()}-${n}-${Date.now()}@example.test`, name, password: 'a good long password' });
	const actor = actorOf(user);
	const ws = await services.workspaces.create(actor, { name: `${name}'s workspace` });
	return { user, actor, ws };
}

export async function member(services: Services, workspaceId: string, role: import('#lib/shared/roles.ts').Role, name = `M${++n}`) {
	const user = await services.auth.createUser({ email: `${name.toLowerCase()}-${n}-${Date.now()}@example.test`, name, password: 'a good long password' });
	await services.repos.workspaces.addMember(workspaceId, user.id, role);
	return actorOf(user);
}

/** A workspace with one member of every role (Ada the admin owns it), for tables of who may do what. */
export async function teamOfEveryRole(services: Services) {
	const o = await userWithWorkspace(services, 'Ada');
	const wsId = o.ws.id;
	return {
		wsId,
		admin: o.actor,
		manager: await member(services, wsId, 'manager', 'Max'),
		creator: await member(services, wsId, 'creator', 'Cleo'),
		reviewer: await member(services, wsId, 'reviewer', 'Rita'),
		viewer: await member(services, wsId, 'viewer', 'Vic')
	};
}

/** The error code a call fails with, or 'ok': for tables of who may do what. */
export const outcome = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: { code?: string }) => e.code ?? String(e)
	);
