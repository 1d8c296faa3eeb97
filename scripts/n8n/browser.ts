/**
 * A real browser for the editor test: Playwright (`playwright-core`, the library without bundled
 * browsers) from e2e/browser/, installed there with `npm ci` from its committed lock on first use, and
 * the system's Chromium (`scripts/setup.sh` installs Debian's where missing; CHROMIUM_PATH overrides).
 * Only the few Playwright calls the test makes are typed here, so type-checking does not need it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACT_DIR, REPO_ROOT } from './paths';
import { runOrThrow } from './proc';

export const BROWSER_DIR = path.join(REPO_ROOT, 'e2e', 'browser');
/** Screenshots of each step, for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = path.join(ARTIFACT_DIR, 'editor');

export interface Locator {
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string): Promise<void>;
	first(): Locator;
	last(): Locator;
	nth(index: number): Locator;
	count(): Promise<number>;
	waitFor(options?: {
		state?: 'attached' | 'detached' | 'visible' | 'hidden';
		timeout?: number;
	}): Promise<void>;
	innerText(): Promise<string>;
	isVisible(): Promise<boolean>;
	scrollIntoViewIfNeeded(): Promise<void>;
	filter(options: { hasText: string | RegExp }): Locator;
	locator(selector: string): Locator;
	getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
	getByTestId(id: string): Locator;
}

export interface Page extends Pick<Locator, 'locator' | 'getByText' | 'getByTestId'> {
	goto(
		url: string,
		options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' },
	): Promise<unknown>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
	keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
	waitForURL(url: RegExp, options?: { timeout?: number }): Promise<void>;
	setDefaultTimeout(ms: number): void;
	url(): string;
}

export interface Browser {
	newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
	close(): Promise<void>;
}

interface Playwright {
	chromium: {
		launch(options: {
			executablePath: string;
			args?: string[];
			headless?: boolean;
		}): Promise<Browser>;
	};
	selectors: { setTestIdAttribute(name: string): void };
}

const CHROMIUM_CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
];

/** The Chromium to drive: CHROMIUM_PATH, else Debian's. Throws with the set-up step when there is none. */
export function chromiumPath(): string {
	const found = [process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES].find(
		(candidate) => candidate && existsSync(candidate),
	);
	if (!found)
		throw new Error(
			'no Chromium found: run scripts/setup.sh (installs Debian’s chromium) or set CHROMIUM_PATH',
		);
	return found;
}

/** Installs playwright-core into e2e/browser when missing (seconds) and launches headless Chromium. */
export async function launchChromium(): Promise<Browser> {
	const executablePath = chromiumPath();
	const module = path.join(BROWSER_DIR, 'node_modules', 'playwright-core');
	if (!existsSync(path.join(module, 'package.json'))) {
		await runOrThrow(
			process.platform === 'win32' ? 'npm.cmd' : 'npm',
			['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: BROWSER_DIR },
		);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time from its own folder
	const { chromium, selectors } = require(module) as Playwright;
	// n8n's editor marks its elements with data-test-id (Playwright's default is data-testid).
	selectors.setTestIdAttribute('data-test-id');
	// --no-sandbox: test machines run as root, where Chromium's sandbox refuses to start.
	return await chromium.launch({
		executablePath,
		headless: true,
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
}
