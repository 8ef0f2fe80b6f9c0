import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import tailwindcss from '@tailwindcss/vite';
import { loupeDev } from './bin/dev-plugin.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit({
			// KIT_-prefixed variables are set by bin/serve.ts, never by users.
			adapter: adapter({ out: 'build', envPrefix: 'KIT_' }),
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// Svelte transitions write inline styles.
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self', 'data:'],
					'connect-src': ['self'],
					'worker-src': ['self', 'blob:'],
					'media-src': ['self', 'blob:'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		}),
		loupeDev()
	],
	server: { port: 5173 },
	test: {
		// One test file at a time: integration and e2e files start servers, ffmpeg, pdf.js
		// and Chromium, and on a two-core machine running them side by side starves them.
		maxWorkers: 1,
		projects: [
			{ extends: false, test: { name: 'unit', include: ['src/**/*.spec.ts', 'bin/**/*.spec.ts', 'collab-server/**/*.spec.ts'], environment: 'node' } },
			{
				extends: false,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false,
					globalSetup: ['tests/helpers/ensure-build.ts']
				}
			},
			{
				extends: false,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 90_000,
					hookTimeout: 180_000,
					fileParallelism: false,
					globalSetup: ['tests/e2e/global-setup.ts'],
					setupFiles: ['tests/e2e/show-server-output.ts']
				}
			}
		]
	}
});
