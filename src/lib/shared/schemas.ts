import { z } from 'zod';
import { roles } from './roles.ts';

export const email = z
	.string({ error: 'Enter an email address.' })
	.trim()
	.toLowerCase()
	.max(254)
	.pipe(z.email({ error: 'Enter a valid email address.' }));
export const password = z
	.string({ error: 'Enter a password.' })
	.min(10, { error: 'Use at least 10 characters.' })
	.max(256, { error: 'Use at most 256 characters.' });
export const personName = z.string().trim().min(1, { error: 'Enter a name.' }).max(100);
export const workspaceName = z.string().trim().min(1, { error: 'Enter a workspace name.' }).max(80);
export const slug = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, { error: 'Use 1–48 lowercase letters, digits and dashes.' });
export const role = z.enum(roles, { error: `Role must be one of: ${roles.join(', ')}.` });
export const uuid = z.uuid({ error: 'Not a valid id.' });

export const setupInput = z.object({ email, name: personName, password, workspaceName });
export const loginInput = z.object({ email, password: z.string().min(1, { error: 'Enter your password.' }).max(256) });
export const registerInput = z.object({ email, name: personName, password });
export const changePasswordInput = z.object({
	currentPassword: z.string().min(1, { error: 'Enter your current password.' }).max(256),
	newPassword: password
});
export const profileInput = z.object({ name: personName, email });

export const workspaceCreateInput = z.object({ name: workspaceName, slug: slug.optional() });
export const workspaceUpdateInput = z.object({ name: workspaceName, namingTemplate: z.string().trim().max(200).nullable() }).partial();
export const invitationCreateInput = z.object({
	role: role.default('reviewer'),
	email: email.optional(),
	expiresInDays: z.coerce.number().int().min(1).max(30).default(7),
	maxUses: z.coerce.number().int().min(1).max(500).default(1)
});
export const memberAddInput = z.object({ email, role });
export const memberUpdateInput = z.object({ role });
export const tokenCreateInput = z.object({
	name: z.string().trim().min(1, { error: 'Name the token.' }).max(80),
	expiresInDays: z.coerce.number().int().min(1).max(3650).nullable().default(null)
});

// Response shapes, used for the OpenAPI document.
const isoDate = z.iso.datetime();
export const userOut = z.object({ id: uuid, email: z.string(), name: z.string(), isInstanceAdmin: z.boolean() });
export const workspaceOut = z.object({ id: uuid, name: z.string(), slug: z.string(), role, createdAt: isoDate, namingTemplate: z.string().nullable().optional() });
export const meOut = z.object({ user: userOut, workspaces: z.array(workspaceOut) });
export const memberOut = z.object({ userId: uuid, email: z.string(), name: z.string(), role, joinedAt: isoDate });
export const invitationOut = z.object({
	id: uuid,
	role,
	email: z.string().nullable(),
	maxUses: z.number().int(),
	uses: z.number().int(),
	createdAt: isoDate,
	expiresAt: isoDate,
	revokedAt: isoDate.nullable(),
	status: z.enum(['active', 'expired', 'revoked', 'used'])
});
export const invitationCreatedOut = z.object({ invitation: invitationOut, token: z.string(), url: z.string() });
export const tokenOut = z.object({
	id: uuid,
	name: z.string(),
	prefix: z.string(),
	createdAt: isoDate,
	lastUsedAt: isoDate.nullable(),
	expiresAt: isoDate.nullable()
});
export const tokenCreatedOut = z.object({ token: z.string(), apiToken: tokenOut });
export const ticketOut = z.object({ ticket: z.string(), expiresAt: isoDate });
export const errorOut = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		fields: z.record(z.string(), z.string()).optional(),
		details: z.record(z.string(), z.unknown()).optional()
	})
});

export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
