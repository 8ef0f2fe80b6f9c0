import type { Database } from '../db/client.ts';

export type JobHandler = (data: unknown) => Promise<unknown>;
export type JobDefinition = { name: string; handler: JobHandler; cron?: string };

type Log = (level: 'info' | 'error', message: string) => void;

/**
 * pg-boss on the same database as everything else: PGlite in the embedded default, so a
 * user installs no queue server. Workers run in this process unless `work` is false.
 */
export async function startJobs(opts: { database: Database; databaseUrl?: string; jobs: JobDefinition[]; work: boolean; log: Log }) {
	const { PgBoss, fromPglite } = await import('pg-boss');
	const boss =
		opts.database.kind === 'pglite'
			? new PgBoss({ db: fromPglite(opts.database.pglite! as never), backend: 'pglite', schema: 'pgboss' })
			: new PgBoss({ connectionString: opts.databaseUrl!, max: 4, schema: 'pgboss' });
	boss.on('error', (err: unknown) => opts.log('error', `jobs: ${err instanceof Error ? err.message : String(err)}`));
	await boss.start();
	for (const job of opts.jobs) {
		await boss.createQueue(job.name);
		if (job.cron) await boss.schedule(job.name, job.cron);
		if (opts.work) {
			await boss.work(job.name, async (batch: { data: unknown }[]) => {
				for (const item of batch) await job.handler(item.data);
			});
		}
	}
	return {
		send: (name: string, data: object) => boss.send(name, data),
		stop: () => boss.stop({ graceful: true, timeout: 5000 })
	};
}

export type Jobs = Awaited<ReturnType<typeof startJobs>>;
