import type { Config } from './config.ts';
import type { Services } from './services.ts';

export type AppContext = { config: Config; services: Services };

// The composition root (bin/ or the dev plugin) and the web bundle load separate copies of
// this module; a registered symbol on globalThis is the one place both can see.
const key = Symbol.for('loupe.app');
type Holder = { [key]?: AppContext };

export const setAppContext = (ctx: AppContext | undefined) => {
	(globalThis as Holder)[key] = ctx;
};

export function getAppContext(): AppContext {
	const ctx = (globalThis as Holder)[key];
	if (!ctx) throw new Error('Loupe was started without its services. Start it with `npm start` or `npm run dev`.');
	return ctx;
}
