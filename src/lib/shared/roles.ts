export const roles = ['admin', 'manager', 'creator', 'reviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Higher outranks lower; used for "at least" checks and for who may assign which role. */
export const rank: Record<Role, number> = { admin: 5, manager: 4, creator: 3, reviewer: 2, viewer: 1 };

export const roleLabel: Record<Role, string> = {
	admin: 'Admin',
	manager: 'Manager',
	creator: 'Creator',
	reviewer: 'Reviewer',
	viewer: 'Viewer'
};

export const roleHelp: Record<Role, string> = {
	admin: 'Everything, including members, roles and workspace settings.',
	manager: 'Runs briefs and proofs, invites creators, reviewers and viewers.',
	creator: 'Uploads assets and versions, requests reviews, resolves comments.',
	reviewer: 'Marks up proofs, comments and decides on assigned stages.',
	viewer: 'Sees the workspace read-only.'
};

export const atLeast = (role: Role, min: Role) => rank[role] >= rank[min];
