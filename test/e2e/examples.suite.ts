/**
 * The package inside the real client, on one supported n8n version (the test files name it): the
 * pinned n8n (installed here when missing, ≈4–5 min the first time), a fresh user folder with the packed tarball installed as a community package, the
 * sandbox credentials and every example workflow imported from examples/. Trigger examples are
 * published on a running `n8n start`; action examples run with `n8n execute` while it runs, and
 * their results are the new events the triggers must emit exactly once.
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health/seed';
import { freePort } from '../../scripts/n8n/env';
import { settingValue } from '../../scripts/n8n/examples';
import { prepareInstance, type Instance } from '../../scripts/n8n/instance';
import { ensureN8n } from '../../scripts/n8n/install';
import { logProblems, withoutRunData } from '../../scripts/n8n/logCheck';
import { packPackage, PACKAGE_NAME } from '../../scripts/n8n/package';
import { ARTIFACT_DIR, n8nRuntime, REPO_ROOT, type N8nLine } from '../../scripts/n8n/paths';
import { nodeItems, nodeOutputs, type Json } from '../../scripts/n8n/runData';
import { IN_APP_TEMPLATE_ID } from '../../scripts/n8n/scenario';
import {
	runShowcase,
	type ActionRun,
	type ShowcaseReport,
	type TriggerRun,
} from '../../scripts/n8n/showcase';
import { startSmtpSink, type SmtpSink } from '../../scripts/smtp/sink';

const MINUTE = 60_000;
const H_AND_P_TEMPLATE_ID = '659b8042fe093d6592b41ef7';
const H_AND_P_HEADINGS = [
	'Chief complaint',
	'History of present illness',
	'Review of systems',
	'Past medical history',
	'Physical examination',
	'Assessment',
	'Plan',
];

let sandbox: Sandbox;
let smtp: SmtpSink;
let userFolder: string;
let instance: Instance;
let report: ShowcaseReport;
const phases: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		phases[label] = (Date.now() - started) / 1000;
	}
}

const action = (id: string): ActionRun => {
	const run = report.actions.find((a) => a.example.id === id);
	if (!run) throw new Error(`example ${id} was not run`);
	return run;
};
const trigger = (id: string): TriggerRun => {
	const run = report.triggers.find((t) => t.example.id === id);
	if (!run) throw new Error(`example ${id} was not published`);
	return run;
};
/** Items a node of a trigger workflow output over all of its executions. */
/** The sandbox log entries an action example's run made (with any trigger polls in that time). */
const during = (run: ActionRun, filter: Parameters<Sandbox['log']['entries']>[0] = {}) =>
	sandbox.log
		.entries({ ...filter, since: run.sandboxLog.since })
		.filter((entry) => entry.seq <= run.sandboxLog.until);
const triggerItems = (id: string, node: string): Json[] =>
	trigger(id).executions.flatMap((execution) => nodeItems(execution.data, node));
const sorted = (values: string[]) => [...values].sort();

/** The receipt's locations name a DocumentReference and a Composition the FHIR receiver now holds. */
function expectFiledInFhir(receipt: Json, author?: string): void {
	expect(receipt.status).toBe('transaction-response');
	const read = (location: unknown) => {
		const [type, id] = String(location)
			.replace(/^\/fhir\//, '')
			.split('/_history')[0]
			.split('/');
		return sandbox.fhir.read(type, id);
	};
	const documentReference = read(receipt.documentReference);
	const composition = read(receipt.composition);
	expect(documentReference?.resourceType).toBe('DocumentReference');
	expect(composition?.resourceType).toBe('Composition');
	if (author) expect(composition?.author).toEqual([{ reference: author }]);
	// What an EHR's FHIR API takes (issue 15): the patient, plain text + HTML, a stable identifier for conditional create.
	expect(String((documentReference?.subject as Json | undefined)?.reference)).toMatch(/^Patient\//);
	const contentTypes = ((documentReference?.content as Json[] | undefined) ?? []).map(
		(content) => (content.attachment as Json).contentType,
	);
	expect(contentTypes).toEqual(
		expect.arrayContaining(['text/plain; charset=utf-8', 'text/html; charset=utf-8']),
	);
	expect(documentReference?.identifier).toEqual([
		expect.objectContaining({ value: expect.any(String) }),
	]);
}

/** The whole e2e suite on one supported n8n (one test file per version, so jest can run them side by side). */
export function describeExamplesOn(line: N8nLine): void {
	const runtime = n8nRuntime(line);

	beforeAll(async () => {
		// No skipping: without n8n this suite fails with npm's own error.
		await timed('ensureN8n', () =>
			ensureN8n((text) => process.stderr.write(`[e2e ${runtime.version}] ${text}\n`), runtime),
		);
		sandbox = await startSandbox({ ports: 0 });
		smtp = await startSmtpSink();
		userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-e2e-'));
		const tarball = await timed('pack', () => packPackage(path.join(userFolder, 'package')));
		instance = await timed('prepare', async () =>
			prepareInstance({
				userFolder,
				sandbox,
				smtpPort: smtp.port,
				port: await freePort(),
				brokerPort: await freePort(),
				tarball,
				log: () => undefined,
				runtime,
			}),
		);
		report = await timed('showcase', () =>
			runShowcase({ instance, sandbox, confirmPolls: 1, log: () => undefined }),
		);
	}, 30 * MINUTE);

	afterAll(async () => {
		await smtp?.stop();
		await sandbox?.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		if (report) {
			// What n8n printed, for a person to read when the log check fails.
			mkdirSync(ARTIFACT_DIR, { recursive: true });
			writeFileSync(path.join(ARTIFACT_DIR, `n8n-${runtime.version}.log`), report.n8nLog);
		}
		const detail = { ...instance?.timings, ...report?.timings };
		process.stderr.write(
			`[e2e ${runtime.version}] phases (s): ${JSON.stringify(phases)}\n[e2e ${runtime.version}] detail (s): ${JSON.stringify(detail)}\n`,
		);
	});

	describe(`the package installed in n8n ${runtime.version} as a community package`, () => {
		test('the tarball is what is installed, and n8n loads all six nodes and every credential type of the package', () => {
			const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
			const ours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
				version: string;
				n8n: { nodes: string[]; credentials: string[] };
			};
			expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(
				ours.version,
			);
			expect(existsSync(path.join(installed, 'nodes'))).toBe(false); // only dist is packed
			const names = ours.n8n.nodes.map(
				(file) =>
					`${PACKAGE_NAME}.${path.basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase())}`,
			);
			expect(names).toHaveLength(6);
			expect(report.nodeTypes).toEqual(expect.arrayContaining(names));
			// The build's n8n metadata: n8n reads it at start and requires a node's code only when a workflow uses it.
			const known = JSON.parse(
				readFileSync(path.join(installed, 'dist', 'known', 'nodes.json'), 'utf8'),
			) as Record<string, { sourcePath: string }>;
			expect(sorted(Object.values(known).map((node) => node.sourcePath))).toEqual(
				sorted(ours.n8n.nodes),
			);
			// Credential type names as the built classes declare them (n8n lists them by that name).
			const credentialTypes = ours.n8n.credentials.map((file) => {
				const exported = require(path.join(REPO_ROOT, file)) as Record<
					string,
					new () => { name: string }
				>;
				return new exported[path.basename(file, '.credentials.js')]().name;
			});
			expect(credentialTypes).toEqual(expect.arrayContaining(['awsClinicalApi', 'heidiApi']));
			expect(report.credentialTypes).toEqual(expect.arrayContaining(credentialTypes));
		});

		test('n8n prints no error or warning while loading the package and running the examples', () => {
			expect(logProblems(report.n8nLog, runtime.version)).toEqual([]);
			for (const run of report.actions)
				expect({
					example: run.example.file,
					problems: logProblems(withoutRunData(run.result.output), runtime.version),
				}).toEqual({ example: run.example.file, problems: [] });
			expect(report.n8nLog).toContain('Editor is now accessible via');
		});

		test('every example is imported, the three trigger examples are published', () => {
			expect(instance.examples.map((e) => e.file)).toEqual(
				readdirSync(path.join(REPO_ROOT, 'examples'))
					.filter((f) => f.endsWith('.json'))
					.sort(),
			);
			expect(report.triggers.map((t) => t.example.id).sort()).toEqual([
				'csExChNotes',
				'csExHeidiRoute',
				'csExHsFhir',
			]);
			expect([...report.activeWorkflowIds].sort()).toEqual([
				'csExChNotes',
				'csExHeidiRoute',
				'csExHsFhir',
			]);
		});
	});

	describe(`n8n ${runtime.version}: action examples (n8n execute)`, () => {
		test('01: the day’s recordings in S3 become HealthScribe jobs, notes filed as Markdown, one summary email', () => {
			const run = action('csExHsBatch');
			expect(run.result.ok).toBe(true);
			const jobs = nodeItems(run.result.data, 'HealthScribe: Start and Wait');
			expect(jobs).toHaveLength(sandbox.seededRecordings.length);
			// One listing of today's dated prefix, then one start per recording found there.
			const listings = during(run, {
				service: 's3',
				method: 'GET',
				pathPrefix: '/sandbox-media',
			}).filter((e) => e.query['list-type'] === '2');
			expect(listings.map((e) => e.query.prefix)).toEqual([
				`recordings/${new Date().toISOString().slice(0, 10)}/`,
			]);
			const starts = during(run, {
				service: 'transcribe',
				target: 'Transcribe.StartMedicalScribeJob',
			});
			expect(starts).toHaveLength(jobs.length);
			expect(
				sorted(starts.map((start) => String(((start.body as Json).Media as Json).MediaFileUri))),
			).toEqual(sorted(sandbox.seededRecordings.map((key) => `s3://sandbox-media/${key}`)));
			for (const start of starts) {
				expect(start.body as Json).toMatchObject({
					OutputBucketName: 'sandbox-output',
					DataAccessRoleArn: settingValue(instance.examples[0].workflow, 'dataAccessRoleArn'),
				});
			}
			for (const job of jobs) {
				expect(job.MedicalScribeJobStatus).toBe('COMPLETED');
				const note = job.note as { sections: Json[]; markdown: string };
				expect(note.sections.length).toBeGreaterThan(3);
				const file = path.join(instance.notesFolder, `${String(job.MedicalScribeJobName)}.md`);
				expect(readFileSync(file, 'utf8')).toBe(note.markdown);
			}
			// The first run of the day: no note was filed yet, so every one leaves "Note Already Filed?" on its error output ("No file(s) found").
			const [filedEarlier = [], notFiledYet = []] = nodeOutputs(
				run.result.data,
				'Note Already Filed?',
			);
			expect({ filedEarlier: filedEarlier.length, notFiledYet: notFiledYet.length }).toEqual({
				filedEarlier: 0,
				notFiledYet: jobs.length,
			});
			expect(
				smtp.messages.filter(
					(m) => m.subject === `${jobs.length} new notes filed, 0 already filed earlier`,
				),
			).toHaveLength(1);
			const mail = smtp.messages.find((m) => m.subject.endsWith('already filed earlier'))!;
			expect(mail.to).toEqual(['practice-manager@clinic.example']);
			const body = mail.raw.replace(/=\r\n/g, '');
			for (const job of jobs) expect(body).toContain(String(job.MedicalScribeJobName));
			// Section titles only: no sentence of the notes goes into the email.
			const firstSentence = String(
				((jobs[0].note as { sections: Json[] }).sections[0].text as string) ?? '',
			)
				.split('\n')[0]
				.replace(/^- /, '')
				.slice(0, 30);
			expect(firstSentence.length).toBeGreaterThan(10);
			expect(body).not.toContain(firstSentence);
		});

		test(
			'01 again the same day: the jobs started before are found, no note is filed again, and the one summary email says so',
			async () => {
				const first = nodeItems(action('csExHsBatch').result.data, 'HealthScribe: Start and Wait');
				const notes = first.map((job) =>
					path.join(instance.notesFolder, `${String(job.MedicalScribeJobName)}.md`),
				);
				const written = notes.map((file) => statSync(file).mtimeMs);
				const mails = smtp.messages.length;
				const since = sandbox.log.entries().at(-1)?.seq ?? 0;
				const again = await instance.cli.execute('csExHsBatch');
				expect(again.ok).toBe(true);
				// Every Start met the job of the first run (ConflictException on the derived name): nothing new was transcribed.
				const starts = sandbox.log.entries({
					since,
					service: 'transcribe',
					target: 'Transcribe.StartMedicalScribeJob',
				});
				expect(starts).toHaveLength(first.length);
				expect(starts.map((start) => start.status)).toEqual(first.map(() => 409));
				const jobs = nodeItems(again.data, 'HealthScribe: Start and Wait');
				expect(sorted(jobs.map((job) => String(job.MedicalScribeJobName)))).toEqual(
					sorted(first.map((job) => String(job.MedicalScribeJobName))),
				);
				const [filedEarlier = [], notFiledYet = []] = nodeOutputs(
					again.data,
					'Note Already Filed?',
				);
				expect(sorted(filedEarlier.map((file) => String(file.fileName)))).toEqual(
					sorted(notes.map((file) => path.basename(file))),
				);
				expect(notFiledYet).toEqual([]);
				expect(nodeItems(again.data, 'File the Note')).toEqual([]);
				expect(notes.map((file) => statSync(file).mtimeMs)).toEqual(written);
				const sent = smtp.messages.slice(mails);
				expect(sent.map((m) => m.subject)).toEqual([
					`0 new notes filed, ${first.length} already filed earlier`,
				]);
				const body = sent[0].raw.replace(/=\r\n/g, '');
				expect(body).toMatch(/New notes:\s+- none/);
				for (const file of notes) expect(body).toContain(`- ${path.basename(file)}`);
			},
			10 * MINUTE,
		);

		test('03: each recording becomes a Heidi session with its audio and an H & P consult note, filed as Markdown', () => {
			const run = action('csExHeidiNote');
			expect(run.result.ok).toBe(true);
			const notes = nodeItems(run.result.data, 'Heidi: Consult Note');
			const uploads = nodeItems(run.result.data, 'Heidi: Upload Recording');
			expect(notes).toHaveLength(instance.todaysRecordings.length);
			const recordings = instance.todaysRecordings.map((file) => ({
				name: path.basename(file),
				size: statSync(file).size,
			}));
			const received = uploads.map((u) => sandbox.heidi.inspectSession(String(u.session_id))!);
			expect(
				sorted(received.flatMap((s) => s.audio.map((a) => `${a.fileName}:${a.size}`))),
			).toEqual(sorted(recordings.map((r) => `${r.name}:${r.size}`)));
			expect(sorted(received.map((s) => String(s.session.ehr_appt_id)))).toEqual(
				sorted(recordings.map((r) => r.name.replace(/\.wav$/, ''))),
			);
			for (const [i, note] of notes.entries()) {
				expect(received[i].session.consult_note.template_id).toBe(H_AND_P_TEMPLATE_ID);
				expect((note.sections as Json[]).map((s) => s.title)).toEqual(H_AND_P_HEADINGS);
				expect(
					readFileSync(
						path.join(instance.notesFolder, `heidi-${String(uploads[i].session_id)}.md`),
						'utf8',
					),
				).toBe(note.markdown);
			}
		});

		test('05: a Connect Health domain and subscription are created and a pre-visit insights job is waited for and downloaded', () => {
			const run = action('csExChInsights');
			expect(run.result.ok).toBe(true);
			const [domain] = nodeItems(run.result.data, 'Connect Health: Create Domain');
			const [subscription] = nodeItems(run.result.data, 'Connect Health: Create Subscription');
			const [brief] = nodeItems(run.result.data, 'Pre-Visit Brief');
			expect(domain).toMatchObject({
				name: 'Riverside Family Practice (sandbox)',
				status: 'ACTIVE',
			});
			expect(subscription).toMatchObject({ domainId: domain.domainId, status: 'ACTIVE' });
			const starts = sandbox.log.entries({
				service: 'connectHealth',
				method: 'POST',
				pathPrefix: `/domain/${String(domain.domainId)}/patient-insights-job`,
			});
			expect(starts).toHaveLength(1);
			expect(starts[0].body).toMatchObject({
				patientContext: { patientId: 'test-patient-0001' },
				inputDataConfig: { s3Sources: [{ uri: CONNECT_HEALTH_DEMO.insightsInputUri }] },
				outputDataConfig: { s3OutputPath: 's3://sandbox-connect-health-output/insights' },
			});
			const uri = String(brief.insightsUri);
			const stored = sandbox.store.get(
				'sandbox-connect-health-output',
				uri.replace('s3://sandbox-connect-health-output/', ''),
			);
			expect(stored).toBeDefined();
			const insights = JSON.parse(stored!.body.toString('utf8')) as {
				summary: string;
				sections: Json[];
			};
			expect(brief.summary).toBe(insights.summary);
			expect(brief.sections).toEqual(insights.sections.map((s) => s.title));
		});
	});

	describe(`n8n ${runtime.version}: action examples 07 and 08 (n8n execute)`, () => {
		test('07: each of the day’s recordings is streamed into a Connect Health listening session, whose note example 06 then files', () => {
			const run = action('csExChStream');
			expect(run.result.ok).toBe(true);
			const sessions = nodeItems(run.result.data, 'Sessions Started');
			expect(sessions).toHaveLength(sandbox.seededRecordings.length);
			const filed = new Set(trigger('csExChNotes').emitted);
			for (const session of sessions)
				expect({ session: session.sessionId, filed: filed.has(String(session.sessionId)) }).toEqual(
					{ session: session.sessionId, filed: true },
				);
		});

		test('08: a clinic vocabulary is built, becomes READY and is used by a HealthScribe job for each recording', () => {
			const run = action('csExHsVocabulary');
			expect(run.result.ok).toBe(true);
			const jobs = nodeItems(run.result.data, 'HealthScribe: Start With Vocabulary and Wait');
			expect(jobs).toHaveLength(sandbox.seededRecordings.length);
			const starts = during(run, {
				service: 'transcribe',
				target: 'Transcribe.StartMedicalScribeJob',
			});
			expect(starts).toHaveLength(jobs.length);
			for (const start of starts) expect(JSON.stringify(start.body)).toContain('clinic-terms');
		});
	});

	describe(`n8n ${runtime.version}: trigger examples (publish:workflow + n8n start)`, () => {
		test('each trigger emits every new event exactly once, nothing from before its activation, over a further poll', () => {
			for (const run of report.triggers) {
				expect({ example: run.example.id, emitted: sorted(run.emitted) }).toEqual({
					example: run.example.id,
					emitted: sorted(run.expected),
				});
				expect(run.expected.length).toBeGreaterThan(0);
				expect(run.executions.map((e) => e.status)).toEqual(run.executions.map(() => 'success'));
				expect(run.executions.every((e) => e.mode === 'trigger')).toBe(true);
			}
		});

		test('02: completed HealthScribe jobs (examples 01 and 08) reach the FHIR receiver as DocumentReference + Composition', () => {
			const jobs = [
				...nodeItems(action('csExHsBatch').result.data, 'HealthScribe: Start and Wait'),
				...nodeItems(
					action('csExHsVocabulary').result.data,
					'HealthScribe: Start With Vocabulary and Wait',
				),
			];
			const receipts = triggerItems('csExHsFhir', 'Filing Receipt');
			expect(
				sorted(
					triggerItems('csExHsFhir', 'HealthScribe: Get Note as FHIR').map((item) =>
						String(item.MedicalScribeJobName),
					),
				),
			).toEqual(sorted(jobs.map((job) => String(job.MedicalScribeJobName))));
			expect(receipts).toHaveLength(jobs.length);
			for (const receipt of receipts)
				expectFiledInFhir(receipt, 'Practitioner/sandbox-clinician-01');
		});

		test('04: ready Heidi notes are routed by template: H & P to the EHR, the in-app psychology note to behavioural-health records, a custom-template note to the practice manager', () => {
			const run = trigger('csExHeidiRoute');
			const outputs = run.executions.map((e) => nodeOutputs(e.data, 'Route by Template'));
			const routed = (index: number) =>
				sorted(outputs.flatMap((o) => (o[index] ?? []).map((item) => String(item.session_id))));
			const fromExample03 = nodeItems(
				action('csExHeidiNote').result.data,
				'Heidi: Upload Recording',
			).map((u) => String(u.session_id));
			expect(routed(0)).toEqual(sorted(fromExample03));
			expect(routed(1)).toEqual([report.outside.heidiSessionId]);
			expect(routed(2)).toEqual([report.outside.heidiCustomTemplateSessionId]);
			expect(
				sandbox.heidi.inspectSession(report.outside.heidiSessionId)!.session.consult_note
					.template_id,
			).toBe(IN_APP_TEMPLATE_ID);
			const filed = readFileSync(
				path.join(instance.behaviouralHealthFolder, `heidi-${report.outside.heidiSessionId}.md`),
				'utf8',
			);
			const [readyEvent] = triggerItems('csExHeidiRoute', 'Heidi Note Ready').filter(
				(item) => item.session_id === report.outside.heidiSessionId,
			);
			// Version 2 of the trigger: the note under "note" (Note Format EncounterNote, simplified).
			expect(filed).toBe((readyEvent.note as Json).markdown);
			// The note with the clinician's own template: the practice manager hears of it, without its text.
			const unrouted = smtp.messages.filter(
				(m) => m.subject === 'A Heidi note with an unrouted template is ready',
			);
			expect(unrouted).toHaveLength(1);
			const mailBody = unrouted[0].raw.replace(/=\r\n/g, '');
			expect(mailBody).toContain(report.outside.heidiCustomTemplateSessionId);
			const customNote = String(
				sandbox.heidi.inspectSession(report.outside.heidiCustomTemplateSessionId)!.session
					.consult_note.result,
			);
			expect(customNote.length).toBeGreaterThan(40);
			for (const line of customNote.split('\n').filter((l) => l.trim().length > 25))
				expect(mailBody).not.toContain(line.trim());
			const receipts = triggerItems('csExHeidiRoute', 'Filing Receipt');
			expect(receipts).toHaveLength(fromExample03.length);
			for (const receipt of receipts) expectFiledInFhir(receipt);
		});

		test('06: a new Connect Health listening session’s note arrives as an EncounterNote and is filed', () => {
			const [event] = triggerItems('csExChNotes', 'Session Note Ready').filter(
				(item) => item.sessionId === report.outside.connectHealthSessionId,
			);
			expect(event).toBeDefined();
			// Simplified (the default of Note Format EncounterNote): section texts by name, flat.
			const note = event.note as {
				sections: Record<string, string>;
				markdown: string;
				sessionId: string;
			};
			expect(Object.keys(note.sections).length).toBeGreaterThan(3);
			expect(note.sessionId).toBe(report.outside.connectHealthSessionId);
			expect(
				readFileSync(
					path.join(
						instance.notesFolder,
						`connect-health-${report.outside.connectHealthSessionId}.md`,
					),
					'utf8',
				),
			).toBe(note.markdown);
			// The demo clinic's three sessions finished before activation: history, not events.
			for (const old of CONNECT_HEALTH_DEMO.sessionIds)
				expect(trigger('csExChNotes').emitted).not.toContain(old);
		});
	});
}
