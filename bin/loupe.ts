#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#lib/server/config.ts';
import { isDomainError } from '#lib/shared/errors.ts';
import { roles } from '#lib/shared/roles.ts';
import { commands, type Command } from './cli-commands.ts';

const HELP = `Usage: npm run loupe -- <command> [options]

Commands:
  serve                      Run Loupe (pages, API, /collab, jobs) on one port
  collab                     Run only /collab (scaled mode: needs DATABASE_URL and REDIS_URL)
  migrate                    Apply database migrations and exit
  user create                Create an account
      --email E --name N --password P [--admin] [--workspace W] [--role R]
      --workspace adds the user to workspace W (slug or name), creating it if needed;
      --role is one of ${roles.join(', ')} (default: admin for a new workspace, else creator)
  token create               Create an API token for an account; prints it once
      --email E [--name N] [--expires-days D]
  audit verify               Check the audit trail's hash chains; exit code 1 names the
      [--workspace W]        first broken event (W: slug or id; default: every workspace)

Options:
  -h, --help                 Show this help

Configuration comes from the environment (see README): PORT, HOST, LOUPE_DATA_DIR,
DATABASE_URL, LOUPE_PUBLIC_URL, LOUPE_TRUST_PROXY, REDIS_URL, LOUPE_REDIS_PREFIX.`;

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: true,
		options: {
			help: { type: 'boolean', short: 'h' },
			email: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' },
			admin: { type: 'boolean' },
			workspace: { type: 'string' },
			role: { type: 'string' },
			'expires-days': { type: 'string' },
			port: { type: 'string' }
		}
	});
	if (values.help || positionals.length === 0) {
		console.log(HELP);
		return positionals.length === 0 && !values.help ? 2 : 0;
	}
	const key = positionals.slice(0, 2).join(' ');
	const command: Command | undefined = commands[positionals[0]!] ?? commands[key];
	if (!command) throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
	const env = { ...process.env, ...(values.port ? { PORT: values.port } : {}) };
	return command(loadConfig(env), values);
}

main(process.argv.slice(2)).then(
	(code) => {
		if (code !== -1) process.exit(code);
	},
	(e: unknown) => {
		if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
			console.error(`loupe: ${e.message}\nRun "npm run loupe -- --help" for usage.`);
			process.exit(2);
		}
		if (e instanceof ConfigError || isDomainError(e)) {
			console.error(`loupe: ${e.message}`);
			process.exit(1);
		}
		console.error(e);
		process.exit(1);
	}
);
