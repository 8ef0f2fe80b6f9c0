// Search latency on 1,000,000 synthetic assets in PostgreSQL: Loupe's full-text + trigram
// search with facets, against the same filters done as ILIKE scans, in one run.
//   LOUPE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/search.ts [--assets 1000000] [--rounds 5]
import { parseArgs } from 'node:util';
import os from 'node:os';
import postgres from 'postgres';
import { openDatabase } from '#lib/server/db/client.ts';
import { migrate } from '#lib/server/db/migrate.ts';
import { createServices } from '#lib/server/services.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import { machine, percentile, writeSection } from './results.ts';

const { values } = parseArgs({ options: { assets: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '5' }, drop: { type: 'boolean' } } });
const N = Number(values.assets);
const ROUNDS = Number(values.rounds);
const base = process.env.LOUPE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'loupe_bench_search';

const WORDS = 'summer winter spring autumn beach mountain city river forest desert ocean island harbour bridge tower castle garden market festival concert portrait landscape product packaging banner poster brochure flyer billboard catalogue lookbook campaign launch teaser hero lifestyle studio outdoor night sunrise sunset coffee chocolate bakery fashion denim sneaker watch jewellery perfume skincare kitchen furniture lamp sofa bicycle scooter electric hybrid family children friends team office meeting conference keynote webinar newsletter social story reel carousel thumbnail logo wordmark icon pattern texture gradient minimal bold vintage modern retro neon pastel monochrome'.split(' ');
const TERMS = ['beach', 'summer campaign', 'mountain', 'logo', 'coffee', 'festival', 'portrait', 'packaging', 'sneaker', 'billboard', 'neon', 'harbour', 'keynote', 'skincare', 'vintage poster', 'bicycle', 'lookbook', 'sunrise', 'castle', 'chocolate', 'teaser', 'denim', 'perfume', 'carousel', 'webinar', 'pastel', 'island', 'brochure', 'furniture', 'electric scooter', 'banr', 'mountan', 'chocolat', 'festivl', 'jewelery', 'catalog', 'hero lifestyle', 'retro neon', 'night city', 'family outdoor'];

const admin = postgres(base, { max: 1, onnotice: () => {} });
const url = new URL(base);
url.pathname = `/${dbName}`;

if ((await admin`select 1 from pg_database where datname = ${dbName}`).length === 0) await admin.unsafe(`create database ${dbName}`);
const database = await openDatabase({ databaseUrl: url.href, maxConnections: 4 });
await migrate(database);
const services = createServices(database, { storage: createLocalStorage(os.tmpdir()) });
const sql = postgres(url.href, { max: 2, onnotice: () => {} });

let [ws] = await sql`select id from workspace where slug = 'bench'`;
let [u] = await sql`select id, email, name from "user" where email = 'bench@example.test'`;
if (!u) [u] = await sql`insert into "user" (email, name, password_hash) values ('bench@example.test', 'Bench', 'x') returning id, email, name`;
if (!ws) {
	[ws] = await sql`insert into workspace (name, slug, created_by) values ('Bench', 'bench', ${u!.id}) returning id`;
	await sql`insert into membership (workspace_id, user_id, role) values (${ws!.id}, ${u!.id}, 'admin')`;
}
const wsId = ws!.id as string;
const have = Number((await sql`select count(*)::int as n from asset where workspace_id = ${wsId}`)[0]!.n);

if (have < N) {
	console.log(`generating ${N - have} assets…`);
	const t0 = Date.now();
	await sql`insert into tag (workspace_id, name) select ${wsId}, w from unnest(${WORDS}::text[]) w on conflict do nothing`;
	const words = sql.array(WORDS);
	const batch = 100_000;
	for (let from = have; from < N; from += batch) {
		const to = Math.min(N, from + batch);
		await sql`
			with g as (
				select i,
					(${words}::text[])[1 + (hashint4(i) & 2147483647) % ${WORDS.length}] as w1,
					(${words}::text[])[1 + (hashint4(i * 7 + 1) & 2147483647) % ${WORDS.length}] as w2,
					(${words}::text[])[1 + (hashint4(i * 13 + 2) & 2147483647) % ${WORDS.length}] as w3,
					(${words}::text[])[1 + (hashint4(i * 17 + 3) & 2147483647) % ${WORDS.length}] as w4
				from generate_series(${from + 1}::int, ${to}::int) i
			)
			insert into asset (workspace_id, title, description, kind, status, created_by, created_at, search)
			select ${wsId}, initcap(w1 || ' ' || w2) || ' ' || i, 'A ' || w3 || ' shot with ' || w4 || ' mood',
				(array['image','image','image','pdf','video','audio','other'])[1 + i % 7],
				(array['draft','in_review','approved','archived'])[1 + i % 4],
				${u!.id}, now() - (i || ' seconds')::interval,
				setweight(to_tsvector('english', w1 || ' ' || w2 || ' ' || i), 'A') || setweight(to_tsvector('english', w3 || ' ' || w4), 'B')
					|| setweight(to_tsvector('simple', w1 || ' ' || w2 || ' jpg'), 'B')
			from g`;
		process.stdout.write(`  ${to}\r`);
	}
	console.log('tagging…');
	await sql`
		insert into asset_tag (asset_id, tag_id)
		select a.id, t.id from asset a join tag t on t.workspace_id = a.workspace_id
			and t.name = split_part(lower(a.title), ' ', 1)
		where a.workspace_id = ${wsId} on conflict do nothing`;
	await sql`insert into search_word (workspace_id, word) select distinct ${wsId}::uuid, w from asset, unnest(tsvector_to_array(search)) w where workspace_id = ${wsId} and length(w) between 2 and 32 on conflict do nothing`;
	await sql`vacuum analyze asset`;
	await sql`vacuum analyze search_word`;
	await sql`vacuum analyze asset_tag`;
	console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const actor = { user: { id: u!.id as string, email: u!.email as string, name: u!.name as string, isInstanceAdmin: false }, via: { kind: 'cli' as const } };

/** The baseline: the same filters and facet counts as ILIKE scans over title and description. */
async function ilike(term: string) {
	const like = `%${term}%`;
	const match = sql`workspace_id = ${wsId} and deleted_at is null and (title ilike ${like} or description ilike ${like})`;
	await Promise.all([
		sql`select * from asset where ${match} order by created_at desc, id desc limit 50`,
		sql`select kind, count(*) from asset where ${match} group by kind`,
		sql`select status, count(*) from asset where ${match} group by status`,
		sql`select t.name, count(*) from asset_tag at join tag t on t.id = at.tag_id where at.asset_id in (select id from asset where ${match}) group by t.name order by count(*) desc limit 50`
	]);
}

const loupe = (term: string) => services.assets.list(actor, wsId, { q: term, limit: '50' });

// Warm both paths, then alternate them term by term so neither gets a cache advantage.
for (const t of TERMS.slice(0, 5)) {
	await loupe(t);
	await ilike(t);
}
const times = { loupe: [] as number[], ilike: [] as number[] };
let hits = 0;
for (let r = 0; r < ROUNDS; r++) {
	for (const term of TERMS) {
		let t = performance.now();
		const res = await loupe(term);
		times.loupe.push(performance.now() - t);
		if (r === 0 && res.items.length) hits++;
		t = performance.now();
		await ilike(term);
		times.ilike.push(performance.now() - t);
	}
}

const row = (name: string, xs: number[]) => `| ${name} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} |`;
const p95 = percentile(times.loupe, 95);
const md = `## Search: ${N.toLocaleString('en')} assets on PostgreSQL

${new Date().toISOString().slice(0, 10)} · ${machine()} · ${TERMS.length} rotating terms (10 of them misspelt or partial) × ${ROUNDS} rounds, each a page of 50 results **plus facet counts** (type, status, tag, collection, uploader). Terms with results: ${hits}/${TERMS.length}. Each bench word is in about 4.5 % of assets, so most single-word terms are broad (~45,000 matches).

| query path | p50 ms | p95 ms | p99 ms |
|---|---|---|---|
${row('Loupe: full text (GIN), misspellings via word list; exact ranked page + facets up to 5,000 matches, above that newest-first page + facets from a 2 % sample', times.loupe)}
${row('Baseline: ILIKE scans, same page + type/status/tag counts', times.ilike)}

p95 ratio Loupe / ILIKE: **${(p95 / percentile(times.ilike, 95)).toFixed(2)}×**. Target p95 ≤ 50 ms: **${p95 <= 50 ? 'met' : 'not met'}** (${p95.toFixed(1)} ms).
Reproduce: \`LOUPE_BENCH_DATABASE_URL=postgres://… node bench/search.ts\` (generates the data once, in a database named ${dbName}).`;
writeSection('search', md);
console.log(md);

await sql.end();
await database.close();
// The generated data is kept for the next run unless asked otherwise (it takes minutes to make).
if (values.drop) await admin.unsafe(`drop database ${dbName} with (force)`);
await admin.end();
