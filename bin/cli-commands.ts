import type { Config } from '#lib/server/config.ts';
import { DomainError } from '#lib/shared/errors.ts';
import { roles, type Role } from '#lib/shared/roles.ts';
import { isUuid } from '#lib/shared/schemas.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { createApp } from './compose.ts';
import { serve, serveCollab, onShutdownSignals } from './serve.ts';

export type Values = Record<string, string | boolean | undefined>;
/** Returns the exit code, or -1 to keep running (serve). */
export type Command = (config: Config, values: Values) => Promise<number>;

function need(values: Values, ...keys: string[]) {
	const missing = keys.filter((k) => typeof values[k] !== 'string' || values[k] === '');
	if (missing.length) throw new DomainError('invalid', `Missing ${missing.map((k) => `--${k}`).join(', ')}.`);
}

async function withApp<T>(config: Config, fn: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
	const app = await createApp({ ...config, log: 'error' });
	try {
		return await fn(app);
	} finally {
		await app.close();
	}
}

export const commands: Record<string, Command> = {
	async serve(config) {
		const running = await serve(config);
		onShutdownSignals(running.close, config.shutdownMs);
		return -1;
	},

	async collab(config) {
		if (!config.redis || !config.databaseUrl) throw new DomainError('invalid', '`loupe collab` runs beside other Loupe processes: set DATABASE_URL and REDIS_URL.');
		const running = await serveCollab(config);
		onShutdownSignals(running.close, config.shutdownMs);
		return -1;
	},

	async migrate(config) {
		await withApp(config, async () => {});
		console.log('Database is up to date.');
		return 0;
	},

	async 'user create'(config, v) {
		need(v, 'email', 'name', 'password');
		if (v.role !== undefined && !roles.includes(v.role as Role)) throw new DomainError('invalid', `--role must be one of: ${roles.join(', ')}.`);
		return withApp(config, async ({ services }) => {
			const user = await services.auth.createUser({ email: v.email, name: v.name, password: v.password }, { instanceAdmin: !!v.admin });
			console.log(`Created ${user.name} <${user.email}>${v.admin ? ' (instance admin)' : ''}.`);
			if (typeof v.workspace === 'string') {
				const actor: Actor = { user, via: { kind: 'cli' } };
				const wanted = v.workspace;
				const existing = (await services.repos.workspaces.bySlug(wanted.toLowerCase())) ?? undefined;
				if (existing) {
					const role = (v.role as Role | undefined) ?? 'creator';
					await services.repos.workspaces.addMember(existing.id, user.id, role);
					console.log(`Added to workspace "${existing.name}" as ${role}.`);
				} else {
					const ws = await services.workspaces.create(actor, { name: wanted });
					if (v.role && v.role !== 'admin') await services.repos.workspaces.setRole(ws.id, user.id, v.role as Role);
					console.log(`Created workspace "${ws.name}" (/${ws.slug}) with ${user.name} as ${v.role ?? 'admin'}.`);
				}
			}
			return 0;
		});
	},

	async 'token create'(config, v) {
		need(v, 'email');
		return withApp(config, async ({ services }) => {
			const user = await services.repos.users.byEmail(String(v.email).trim().toLowerCase());
			if (!user) throw new DomainError('not_found', `No account uses ${v.email}.`);
			const days = v['expires-days'] === undefined ? null : Number(v['expires-days']);
			const { token } = await services.tokens.createFor(user.id, { name: v.name ?? 'CLI token', expiresInDays: days });
			console.log(token);
			return 0;
		});
	},

	async 'audit verify'(config, v) {
		return withApp(config, async ({ services }) => {
			let workspaceId: string | undefined;
			if (typeof v.workspace === 'string') {
				const ws = (await services.repos.workspaces.bySlug(v.workspace.toLowerCase())) ?? (isUuid(v.workspace) ? await services.repos.workspaces.byId(v.workspace) : undefined);
				workspaceId = ws?.id ?? (isUuid(v.workspace) ? v.workspace : undefined);
				if (!workspaceId) throw new DomainError('not_found', `No workspace is called ${v.workspace}.`);
			}
			const started = performance.now();
			const tty = process.stderr.isTTY;
			const report = await services.audit.verify({ workspaceId, onProgress: tty ? (n) => process.stderr.write(`\r${n.toLocaleString('en')} events checked…`) : undefined });
			if (tty) process.stderr.write('\n');
			const seconds = ((performance.now() - started) / 1000).toFixed(1);
			if (report.ok) {
				console.log(`Audit trail intact: ${report.events.toLocaleString('en')} events in ${report.workspaces} workspace${report.workspaces === 1 ? '' : 's'} (${seconds} s).`);
				return 0;
			}
			const b = report.broken!;
			const what = b.type ? ` (${b.type}${b.at ? `, ${b.at.toISOString()}` : ''})` : '';
			console.error(`Audit trail BROKEN in workspace ${b.workspaceId} at event #${b.seq}${what}: ${b.reason}.`);
			console.error(`${report.events.toLocaleString('en')} events before it check out.`);
			return 1;
		});
	}
};
