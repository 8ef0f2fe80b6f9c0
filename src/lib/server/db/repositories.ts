import type { Db } from './client.ts';
import { createUserRepository } from '../auth/user.repository.ts';
import { createThrottleRepository } from '../auth/throttle.repository.ts';
import { createWorkspaceRepository } from '../workspaces/workspace.repository.ts';
import { createApiTokenRepository } from '../tokens/api-token.repository.ts';
import { createAssetRepository } from '../assets/asset.repository.ts';
import { createAssetSearchRepository } from '../assets/asset-search.repository.ts';
import { createTaxonomyRepository } from '../assets/taxonomy.repository.ts';
import { createReviewRepository } from '../review/review.repository.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createProofRepository } from '../proofs/proof.repository.ts';
import { createBriefRepository } from '../briefs/brief.repository.ts';
import { createBrandRepository } from '../brand/brand.repository.ts';
import { createNotificationRepository } from '../notifications/notification.repository.ts';
import { createCollabRepository, createSettingRepository } from '../collab/collab.repository.ts';

export function createRepositories(db: Db) {
	return {
		users: createUserRepository(db),
		throttle: createThrottleRepository(db),
		workspaces: createWorkspaceRepository(db),
		tokens: createApiTokenRepository(db),
		collab: createCollabRepository(db),
		settings: createSettingRepository(db),
		assets: createAssetRepository(db),
		search: createAssetSearchRepository(db),
		taxonomy: createTaxonomyRepository(db),
		review: createReviewRepository(db),
		audit: createAuditRepository(db),
		proofs: createProofRepository(db),
		briefs: createBriefRepository(db),
		brand: createBrandRepository(db),
		notifications: createNotificationRepository(db)
	};
}

export type Repositories = ReturnType<typeof createRepositories>;
/** Runs `fn` in one transaction with repositories bound to it. */
export type Transact = <T>(fn: (repos: Repositories) => Promise<T>) => Promise<T>;

export const transactor =
	(db: Db): Transact =>
	(fn) =>
		db.transaction((tx) => fn(createRepositories(tx as unknown as Db)));
