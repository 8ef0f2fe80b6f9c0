import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

const IPAD_UA =
	'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPHONE_UA =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Debian's Chromium, not a downloaded one. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });

export const desktopContext = (browser: Browser, baseURL?: string): Promise<BrowserContext> =>
	browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });

/** An iPad in portrait: touch, no hover, 2× pixels. */
export const tabletContext = (browser: Browser, baseURL?: string): Promise<BrowserContext> =>
	browser.newContext({ baseURL, viewport: { width: 834, height: 1194 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, userAgent: IPAD_UA });

/** A phone in portrait, for the navigation drawer. */
export const phoneContext = (browser: Browser, baseURL?: string): Promise<BrowserContext> =>
	browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3, userAgent: IPHONE_UA });
