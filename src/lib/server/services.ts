import type { Database } from './db/client.ts';
import { createRepositories, transactor } from './db/repositories.ts';
import { createAccess } from './access/access.ts';
import { createAuthService } from './auth/auth.service.ts';
import { createSessionService } from './auth/session.service.ts';
import { createLoginThrottle } from './auth/throttle.ts';
import { createCollabTickets } from './auth/collab-ticket.ts';
import { createWorkspaceService } from './workspaces/workspace.service.ts';
import { createJoinService } from './workspaces/join.service.ts';
import { createApiTokenService } from './tokens/api-token.service.ts';
import type { JobDefinition } from './jobs/jobs.ts';
import { createEvents } from './events.ts';
import { createDispatcher } from './jobs/dispatcher.ts';
import { createAssetService } from './assets/asset.service.ts';
import { createIngestService } from './ingest/ingest.service.ts';
import { createTaxonomyService } from './assets/taxonomy.service.ts';
import { createReviewService } from './review/review.service.ts';
import { createAuditService } from './audit/audit.service.ts';
import { createProofService } from './proofs/proof.service.ts';
import { createReportService } from './proofs/report.service.ts';
import { createCompareService } from './compare/compare.service.ts';
import { createBriefService } from './briefs/brief.service.ts';
import { createDeliverableService } from './briefs/deliverable.service.ts';
import { createBriefReminders } from './briefs/reminders.ts';
import { createBriefCommentService } from './briefs/comments.service.ts';
import { createBrandService } from './brand/brand.service.ts';
import { createNotificationService } from './notifications/notification.service.ts';
import type { Mailer } from './notifications/mailer.ts';
import type { Storage } from './storage/storage.ts';
import type { SearchTuning } from './assets/asset-list.ts';

export type ServiceOptions = {
	now?: () => Date;
	sessionDays?: number;
	storage: Storage;
	maxUploadBytes?: number;
	/** The ffmpeg binary for video and audio ingest. */
	ffmpeg?: string;
	searchTuning?: Partial<SearchTuning>;
	log?: (m: string) => void;
	/** Where links in mail point (LOUPE_PUBLIC_URL). */
	publicUrl?: string;
	/** Outgoing mail; without it notifications stay in-app and mail waits in the queue. */
	mailer?: Mailer | null;
};

/** Wires repositories and services over one database; shared by the web app, collab server, CLI and workers. */
export function createServices(database: Database, opts: ServiceOptions) {
	const now = opts.now ?? (() => new Date());
	const publicUrl = opts.publicUrl ?? 'http://localhost:3000';
	const repos = createRepositories(database.db);
	const transact = transactor(database.db);
	const access = createAccess({ workspaces: repos.workspaces });
	const audit = createAuditService({ repos, transact, access, now });
	const sessions = createSessionService({ repo: repos.users, now, days: opts.sessionDays ?? 30 });
	const throttle = createLoginThrottle({ repo: repos.throttle, now });
	const auth = createAuthService({ repos, transact, sessions, throttle, now });
	const events = createEvents();
	const workspaces = createWorkspaceService({ repos, transact, access, now, events, audit });
	const join = createJoinService({ auth, sessions, workspaces });
	const tokens = createApiTokenService({ repo: repos.tokens, now });
	const tickets = createCollabTickets({ settings: repos.settings, users: repos.users, now });
	const dispatcher = createDispatcher();
	const storage = opts.storage;
	const taxonomy = createTaxonomyService({ repos, access });
	// Set below: a new version of an asset under review opens the proof's next round.
	let proofs: ReturnType<typeof createProofService> | undefined;
	const ingest = createIngestService({ repos, storage, ffmpeg: opts.ffmpeg ?? 'ffmpeg', now, log: opts.log });
	const assets = createAssetService({
		repos,
		transact,
		access,
		storage,
		enqueue: dispatcher.enqueue,
		ensurePage: ingest.ensurePage,
		taxonomy,
		audit,
		afterNewVersion: (actor, assetId, versionId) => proofs!.newVersion(actor, assetId, versionId),
		searchTuning: opts.searchTuning,
		maxUploadBytes: opts.maxUploadBytes ?? 5 * 1024 ** 3,
		now
	});

	const review = createReviewService({ repos, assets, access, storage, now, audit });
	const compare = createCompareService({ assets, repos, storage, ensurePage: ingest.ensurePage, log: opts.log });
	const notifications = createNotificationService({
		repos,
		transact,
		mailer: opts.mailer ?? null,
		publicUrl,
		now,
		guestLink: (reviewerId) => proofs!.guestLink(reviewerId),
		log: opts.log
	});
	proofs = createProofService({ repos, transact, access, audit, notifications, enqueue: dispatcher.enqueue, publicUrl, events, now, carryOver: (from, to) => review.carryOver(from, to), ensurePage: ingest.ensurePage, storage });

	const briefs = createBriefService({ repos, transact, access, audit, now, events });
	const deliverables = createDeliverableService({ repos, transact, access, audit, now, briefs, proofs: proofs! });

	const brand = createBrandService({ repos, transact, access, audit, now });

	const briefComments = createBriefCommentService({ repos, transact, access, briefs, notifications, now });
	const briefReminders = createBriefReminders({ repos, transact, notifications, enqueue: dispatcher.enqueue, now });
	const reports = createReportService({ repos, proofs: proofs!, review, assets, audit, now });

	const jobs: JobDefinition[] = [
		{
			name: 'maintenance-purge-sessions',
			cron: '17 * * * *',
			handler: async () => {
				await sessions.purgeExpired();
				await repos.throttle.purgeOlderThan(new Date(now().getTime() - 24 * 3600_000));
			}
		},
		{ name: 'maintenance-purge-trash', cron: '41 3 * * *', handler: async () => void (await assets.purgeExpired()) },
		// A safety net: mail is also sent right after each change that queues it.
		{ name: 'send-emails', cron: '* * * * *', handler: async () => notifications.deliver() },
		{ name: 'email-digest', cron: '0 * * * *', handler: async () => notifications.digest() },
		{ name: 'proof-reminders', cron: '*/10 * * * *', handler: async () => proofs!.sendReminders() },
		{ name: 'brief-reminders', cron: '*/10 * * * *', handler: async () => briefReminders.sendReminders() },
		{
			name: 'ingest-version',
			handler: async (data) => {
				const { versionId } = data as { versionId: string };
				await ingest.process(versionId);
				// Reviewers' first comparison (this version against the one before) is ready before they ask.
				await dispatcher.enqueue('precompute-compare', { versionId });
			}
		},
		{ name: 'precompute-compare', handler: async (data) => void (await compare.precompute((data as { versionId: string }).versionId)) }
	];
	dispatcher.register(jobs);

	return { repos, access, events, sessions, auth, workspaces, join, tokens, tickets, assets, taxonomy, ingest, review, audit, proofs: proofs!, notifications, compare, reports, briefs, deliverables, briefReminders, briefComments, brand, storage, dispatcher, collabDocs: repos.collab, jobs, now };
}

export type Services = ReturnType<typeof createServices>;
