/**
 * The n8n editor the way a clinic admin meets it, in a real browser (Playwright driving the system's
 * Chromium) on the newest supported n8n: log in, open each example, find each node in the node
 * creator and open its parameters, create the Heidi and AWS credentials through the form and test them
 * against the sandbox (and create the FHIR one, which has no test), run examples 05 and 06 from the
 * editor and read the output panel. Each step leaves a screenshot in e2e/artifacts/editor/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { launchChromium, SCREENSHOT_DIR, type Browser, type Page } from '../../scripts/n8n/browser';
import type { RunningN8n } from '../../scripts/n8n/cli';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health/seed';
import { CREDENTIALS } from '../../scripts/n8n/credentials';
import { expandDateTokens } from '../../nodes/common/datePrefix';
import { CONNECT_HEALTH_OUTPUT } from '../../scripts/n8n/scenario';
import { freePort } from '../../scripts/n8n/env';
import { prepareInstance, type Instance } from '../../scripts/n8n/instance';
import { n8nRuntime } from '../../scripts/n8n/paths';
import { N8nRest, SANDBOX_OWNER } from '../../scripts/n8n/rest';
import { startSmtpSink, type SmtpSink } from '../../scripts/smtp/sink';

const MINUTE = 60_000;
const runtime = n8nRuntime('latest');
/** The entries the node creator shows for this package (trigger and action node merged under one name). */
const NODE_ENTRIES = ['AWS HealthScribe', 'Amazon Connect Health', 'Heidi'];

let sandbox: Sandbox;
let smtp: SmtpSink;
let userFolder: string;
let instance: Instance;
let n8n: RunningN8n;
let browser: Browser;
let page: Page;
let step = 0;

const shot = async (name: string): Promise<void> => {
	step += 1;
	const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	await page.screenshot({
		path: path.join(SCREENSHOT_DIR, `${String(step).padStart(2, '0')}-${slug}.png`),
	});
};

const field = (name: string) =>
	page.getByTestId(`parameter-input-${name}`).locator('input').first();

/** Credentials → Create credential → the type, as a clinic admin picks it. */
const openNewCredential = async (type: string): Promise<void> => {
	await page.goto(`${n8n.url}/home/credentials`);
	await page.getByText('Create credential').first().click();
	await page.getByTestId('new-credential-type-select').locator('input').fill(type);
	await page
		.getByTestId('new-credential-type-select-option')
		.filter({ hasText: type })
		.first()
		.click();
	await page.getByTestId('new-credential-type-button').click();
};

beforeAll(async () => {
	rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	sandbox = await startSandbox({ ports: 0 });
	smtp = await startSmtpSink();
	userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-editor-'));
	instance = await prepareInstance({
		userFolder,
		sandbox,
		smtpPort: smtp.port,
		port: await freePort(),
		brokerPort: await freePort(),
		log: () => undefined,
		runtime,
	});
	n8n = await instance.cli.start();
	await new N8nRest(n8n.url).signIn(SANDBOX_OWNER);
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	// Generous: the machine is shared and n8n's editor loads a few MB of scripts.
	page.setDefaultTimeout(2 * MINUTE);
}, 30 * MINUTE);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await smtp?.stop();
	await sandbox?.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

describe(`the n8n ${runtime.version} editor in Chromium`, () => {
	test(
		'the clinic admin logs in',
		async () => {
			await page.goto(`${n8n.url}/signin`);
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill(SANDBOX_OWNER.email);
			await page.getByTestId('password').locator('input').fill(SANDBOX_OWNER.password);
			await shot('signin');
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL(/\/home\//);
			await shot('home');
		},
		5 * MINUTE,
	);

	test(
		'each example opens on the canvas with all of its nodes',
		async () => {
			for (const example of instance.examples) {
				await page.goto(`${n8n.url}/workflow/${example.id}`);
				const nodes = example.workflow.nodes.filter(
					(node) => node.type !== 'n8n-nodes-base.stickyNote',
				);
				await page.getByTestId('canvas-node').first().waitFor();
				expect({
					example: example.file,
					nodes: await page.getByTestId('canvas-node').count(),
				}).toEqual({ example: example.file, nodes: nodes.length });
				// A node type n8n does not know is drawn with this notice.
				expect(await page.getByText(/not currently installed|Install this node/i).count()).toBe(0);
				await shot(`example-${example.file.replace(/\.json$/, '')}`);
			}
		},
		10 * MINUTE,
	);

	test(
		'each node is found in the node creator, added, and its parameters open',
		async () => {
			await page.goto(`${n8n.url}/workflow/new`);
			for (const [index, entry] of NODE_ENTRIES.entries()) {
				await page
					.getByTestId(index === 0 ? 'canvas-plus-button' : 'node-creator-plus-button')
					.click();
				await page.getByTestId('node-creator-search-bar').fill(entry);
				const item = page
					.getByTestId('node-creator-item-name')
					.filter({ hasText: new RegExp(`^${entry}$`) })
					.first();
				await item.waitFor();
				await shot(`creator-search-${entry}`);
				await item.click();
				// The entry opens its list of triggers (first node of a workflow) or actions; the first one is added.
				await item.waitFor({ state: 'detached' });
				const action = page
					.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]')
					.first();
				await action.waitFor();
				await shot(`creator-actions-${entry}`);
				await action.click();
				await page.getByTestId('node-parameters').waitFor();
				await shot(`parameters-${entry}`);
				await page.getByTestId('ndv-close-button').click();
				await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
			}
			expect(await page.getByTestId('canvas-node').count()).toBe(NODE_ENTRIES.length);
			await shot('creator-all-added');
		},
		10 * MINUTE,
	);

	test(
		'a Heidi credential created in the editor tests successfully against the sandbox',
		async () => {
			const before = sandbox.log.entries().at(-1)?.seq ?? 0;
			await openNewCredential('Heidi API');
			await field('apiKey').fill(sandbox.credentials.heidi.apiKey);
			await page.getByTestId('parameter-input-environment').click();
			await page.getByText('Custom Base URL', { exact: true }).last().click();
			await field('baseUrl').fill(sandbox.urls.heidi);
			await field('email').fill(sandbox.credentials.heidi.email);
			await field('userId').fill(sandbox.credentials.heidi.userId);
			await shot('credential-create-heidi');
			await page.getByTestId('credential-save-button').click();
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			await shot('credential-created-heidi');
			const answered = sandbox.log
				.entries({ since: before })
				.filter((entry) => entry.service === 'heidi' && entry.status < 300);
			expect(answered.length).toBeGreaterThan(0);
		},
		5 * MINUTE,
	);

	test(
		'an AWS Clinical Services credential created in the editor, its Region picked from the list, tests successfully against the sandbox',
		async () => {
			const before = sandbox.log.entries().at(-1)?.seq ?? 0;
			await openNewCredential('AWS Clinical Services');
			await page.getByTestId('parameter-input-region').click();
			// The Region list (n8n's own AWS credential offers one too), narrowed by typing, then picked.
			await page.getByTestId('parameter-input-region').locator('input').first().fill('N. Virginia');
			const region = page
				.getByText(`US East (N. Virginia) - ${sandbox.credentials.aws.region}`)
				.last();
			await region.waitFor();
			await shot('credential-aws-region-list');
			await region.click();
			await field('accessKeyId').fill(sandbox.credentials.aws.accessKeyId);
			await field('secretAccessKey').fill(sandbox.credentials.aws.secretAccessKey);
			await page.getByTestId('parameter-input-customEndpoints').locator('.el-switch').click();
			await field('transcribeEndpoint').fill(sandbox.urls.transcribe);
			await field('connectHealthEndpoint').fill(sandbox.urls.connectHealth);
			await page
				.getByTestId('parameter-input-connectHealthHostPrefix')
				.locator('.el-switch')
				.click();
			await field('s3Endpoint').fill(sandbox.urls.s3);
			await field('stsEndpoint').fill(sandbox.urls.sts);
			await shot('credential-create-aws');
			await page.getByTestId('credential-save-button').click();
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			await shot('credential-created-aws');
			// The test is STS GetCallerIdentity, signed for the Region picked, answered by the sandbox.
			const answered = sandbox.log
				.entries({ since: before, service: 'sts' })
				.filter((entry) => entry.status < 300);
			expect(answered.map((entry) => entry.auth?.region)).toEqual(
				answered.map(() => sandbox.credentials.aws.region),
			);
			expect(answered.length).toBeGreaterThan(0);
		},
		5 * MINUTE,
	);

	test(
		'a Connect Health EHR (FHIR) credential is created in the editor (it has no test: n8n never calls the EHR itself)',
		async () => {
			await openNewCredential('Connect Health EHR (FHIR) API');
			await field('fhirEndpoint').fill(sandbox.urls.fhir);
			await field('oauthToken').fill('sandbox-ehr-token');
			await shot('credential-create-connect-health-fhir');
			await page.getByTestId('credential-save-button').click();
			await page.getByText('Credential successfully created').first().waitFor();
			await page.goto(`${n8n.url}/home/credentials`);
			await page.getByText('Connect Health EHR (FHIR) account').first().waitFor();
			await shot('credential-created-connect-health-fhir');
		},
		5 * MINUTE,
	);

	test(
		'both sandbox credentials test successfully against the sandbox',
		async () => {
			for (const credential of [CREDENTIALS.aws, CREDENTIALS.heidi]) {
				const before = sandbox.log.entries().at(-1)?.seq ?? 0;
				await page.goto(`${n8n.url}/home/credentials/${credential.id}`);
				await page.getByTestId('credential-save-button').click();
				await page.getByTestId('credentials-config-container-test-success').waitFor();
				await shot(`credential-${credential.type}`);
				// The test reached the sandbox and was answered there (STS for AWS, the Heidi API for Heidi).
				const service = credential.type === 'heidiApi' ? 'heidi' : 'sts';
				const answered = sandbox.log
					.entries({ since: before })
					.filter((entry) => entry.service === service && entry.status < 300);
				expect({ credential: credential.type, answered: answered.length > 0 }).toEqual({
					credential: credential.type,
					answered: true,
				});
			}
		},
		5 * MINUTE,
	);

	test(
		'example 05 runs from the editor and its output panel shows the pre-visit brief the sandbox produced',
		async () => {
			await page.goto(`${n8n.url}/workflow/csExChInsights`);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.getByTestId('execute-workflow-button').click();
			const brief = page.getByTestId('canvas-node').filter({ hasText: 'Pre-Visit Brief' });
			await brief.getByTestId('canvas-node-status-success').waitFor({ timeout: 5 * MINUTE });
			await shot('example-05-run');
			await brief.dblclick();
			const output = page.getByTestId('output-panel');
			await output.waitFor();
			await shot('example-05-output');
			const text = await output.innerText();
			const key = /s3:\/\/sandbox-connect-health-output\/(\S+\/insights\.json)/.exec(text)?.[1];
			expect(key).toBeDefined();
			const stored = sandbox.store.get('sandbox-connect-health-output', key!);
			expect(stored).toBeDefined();
			const insights = JSON.parse(stored!.body.toString('utf8')) as {
				summary: string;
				sections: Array<{ title: string }>;
			};
			expect(text).toContain(insights.summary);
			for (const section of insights.sections) expect(text).toContain(section.title);
		},
		10 * MINUTE,
	);

	test(
		'example 06 runs from the editor: the output panel shows the simplified note, flat fields under a header saying which encounter it is',
		async () => {
			// A session the clinic finished an hour ago, its outputs under example 06's dated location.
			const { sessionId } = sandbox.connectHealth.addListeningSession({
				domainId: CONNECT_HEALTH_DEMO.domainId,
				subscriptionId: CONNECT_HEALTH_DEMO.subscriptionId,
				encounter: 'enc-primary-care-001',
				at: sandbox.clock.now() - 60 * MINUTE,
				outputS3Uri: expandDateTokens(CONNECT_HEALTH_OUTPUT, Date.now() - 60 * MINUTE),
				noteTemplateSettings: { managedTemplate: { templateType: 'PHYSICAL_SOAP' } },
			});
			sandbox.connectHealth.advance();
			await page.goto(`${n8n.url}/workflow/csExChNotes`);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.getByTestId('execute-workflow-button').click();
			const trigger = page.getByTestId('canvas-node').filter({ hasText: 'Session Note Ready' });
			await trigger.getByTestId('canvas-node-status-success').waitFor({ timeout: 5 * MINUTE });
			await page
				.getByTestId('canvas-node')
				.filter({ hasText: 'File the Note' })
				.getByTestId('canvas-node-status-success')
				.waitFor({ timeout: 5 * MINUTE });
			await shot('example-06-run');
			await trigger.dblclick();
			const output = page.getByTestId('output-panel');
			await output.waitFor();
			// The event's note is its last column: scrolled into view, as a person would.
			await output
				.locator('th')
				.filter({ hasText: /^\s*note\s*$/ })
				.first()
				.scrollIntoViewIfNeeded();
			await shot('example-06-output-table');
			const table = await output.innerText();
			// The newest finished session under the watched location (a manual run fetches one test event), named in the note's header.
			const session = sessionId;
			expect(table).toContain(`**Session:** ${session}`);
			expect(table).toContain('**Vendor:** Amazon Connect Health');
			// Simplify (on by default): title, markdown, sections by name as text, vendor ids; no nested items with evidence.
			for (const field of [
				'title:',
				'markdown:# ',
				'sections',
				'SUBJECTIVE:',
				'ASSESSMENT:',
				'PLAN:',
				`sessionId:${session}`,
			])
				expect(table).toContain(field);
			expect(table).not.toContain('evidence');
			await output.getByText('SUBJECTIVE', { exact: true }).first().scrollIntoViewIfNeeded();
			await shot('example-06-output-sections');
			await page.getByTestId('ndv-close-button').click();
		},
		10 * MINUTE,
	);
});
