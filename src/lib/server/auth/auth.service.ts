import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { changePasswordInput, loginInput, profileInput, registerInput, setupInput } from '#lib/shared/schemas.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { Actor } from './actor.ts';
import { toActorUser } from './actor.ts';
import { decoyHash, hashPassword, verifyPassword } from './crypto.ts';
import type { LoginThrottle } from './throttle.ts';
import type { SessionService } from './session.service.ts';
import { uniqueSlug } from '../workspaces/slug.ts';

type Meta = { ip?: string | null; userAgent?: string | null };

export function createAuthService(deps: {
	repos: Repositories;
	transact: Transact;
	sessions: SessionService;
	throttle: LoginThrottle;
	now: () => Date;
}) {
	const { repos } = deps;

	return {
		needsSetup: async () => (await repos.users.count()) === 0,

		/** First run: the admin account and the first workspace, once, whoever races. */
		async setup(input: unknown, meta: Meta = {}) {
			const data = parse(setupInput, input);
			const passwordHash = await hashPassword(data.password);
			const result = await deps.transact(async (r) => {
				if (!(await r.settings.insertOnce('setup_done', deps.now().toISOString())) || (await r.users.count()) > 0) {
					throw new DomainError('conflict', 'Loupe is already set up. Sign in instead.');
				}
				const user = await r.users.insert({ email: data.email, name: data.name, passwordHash, isInstanceAdmin: true });
				const slug = await uniqueSlug(data.workspaceName, r.workspaces.slugTaken);
				const workspace = await r.workspaces.insert({ name: data.workspaceName, slug, createdBy: user.id });
				await r.workspaces.addMember(workspace.id, user.id, 'admin');
				return { user, workspace };
			});
			const { token, session } = await deps.sessions.create(result.user.id, meta);
			return { user: toActorUser(result.user), workspace: result.workspace, token, session };
		},

		async login(input: unknown, meta: Meta = {}) {
			const data = parse(loginInput, input);
			const ip = meta.ip ?? null;
			await deps.throttle.check(data.email, ip);
			const user = await repos.users.byEmail(data.email);
			const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), data.password);
			if (!user || !ok) {
				await deps.throttle.failed(data.email, ip);
				throw new DomainError('unauthenticated', 'That email and password do not match an account.');
			}
			await deps.throttle.succeeded(data.email);
			const { token, session } = await deps.sessions.create(user.id, meta);
			return { user: toActorUser(user), token, session };
		},

		logout: (actor: Actor) => (actor.via.kind === 'session' ? deps.sessions.invalidate(actor.via.sessionId) : Promise.resolve()),

		/** Used by invitation sign-up and the CLI; email uniqueness is the database's to enforce. */
		async createUser(input: unknown, opts: { instanceAdmin?: boolean } = {}) {
			const data = parse(registerInput, input);
			if (await repos.users.byEmail(data.email)) throw new DomainError('conflict', `An account for ${data.email} already exists.`);
			const user = await repos.users.insert({
				email: data.email,
				name: data.name,
				passwordHash: await hashPassword(data.password),
				isInstanceAdmin: !!opts.instanceAdmin
			});
			return toActorUser(user);
		},

		/** Ends every other session of the user: a changed password must lock out whoever knew the old one. */
		async changePassword(actor: Actor, input: unknown) {
			const data = parse(changePasswordInput, input);
			const user = await repos.users.byId(actor.user.id);
			if (!user) throw new DomainError('unauthenticated', 'Your account no longer exists.');
			if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
				throw new DomainError('invalid', 'Your current password is not correct.', { fields: { currentPassword: 'Not correct.' } });
			}
			await repos.users.update(user.id, { passwordHash: await hashPassword(data.newPassword), passwordChangedAt: deps.now() });
			await deps.sessions.invalidateOthers(user.id, actor.via.kind === 'session' ? actor.via.sessionId : null);
		},

		async updateProfile(actor: Actor, input: unknown) {
			const data = parse(profileInput, input);
			const other = await repos.users.byEmail(data.email);
			if (other && other.id !== actor.user.id) throw new DomainError('conflict', `${data.email} belongs to another account.`, { fields: { email: 'Already in use.' } });
			const user = await repos.users.update(actor.user.id, { name: data.name, email: data.email });
			if (!user) throw new DomainError('unauthenticated', 'Your account no longer exists.');
			return toActorUser(user);
		}
	};
}

export type AuthService = ReturnType<typeof createAuthService>;
