import type { Plugin } from 'vite';

/**
 * `npm run dev`: composes the same app as `npm start` inside Vite's server and attaches
 * /collab to Vite's http server, so hot reload and live markup work together.
 */
export function loupeDev(): Plugin {
	return {
		name: 'loupe-dev',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST) return;
			const { loadConfig } = await import('../src/lib/server/config.ts');
			const { setAppContext } = await import('../src/lib/server/app-context.ts');
			const { createApp } = await import('./compose.ts');
			const { createCollab } = await import('../collab-server/collab.ts');
			const config = loadConfig(process.env);
			const app = await createApp(config);
			setAppContext({ config, services: app.services });
			const collab = createCollab({ services: app.services, log: (m) => app.log('error', m) });
			server.httpServer?.on('upgrade', (req, socket, head) => {
				collab.handleUpgrade(req, socket, head);
			});
			server.httpServer?.on('close', () => {
				void collab.close().then(() => app.close());
			});
		}
	};
}
