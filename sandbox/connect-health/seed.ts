import { insertDomain } from './domains';
import { insertJob } from './insights';
import { addListeningSession, type AddListeningSessionInput } from './sessions';
import type { Env } from './state';
import { insertSubscription, setSubscriptionActive } from './subscriptions';
import { parseS3Uri } from './wire';

/**
 * A ready-made clinic: one domain with an active and an inactive subscription, three finished
 * listening sessions (artifacts in S3), a synthetic patient record and one finished insights job.
 * Fixed ids, so example workflows and docs can name them.
 *
 * The sessions were started with `outputS3Uri`, the dated location examples 06 and 07 use: each
 * session's artifacts sit under the UTC date of its start (the Start operation fills the tokens),
 * and landed when it finished, so example 06's Fetch Test Event finds the newest one right away.
 */
export const CONNECT_HEALTH_DEMO = {
	domainId: 'dom-clinicdemo0000000001',
	domainName: 'Sandbox Clinic (synthetic)',
	subscriptionId: 'sub-ClinicDemo00000000001',
	inactiveSubscriptionId: 'sub-ClinicDemo00000000002',
	sessionIds: [
		'c11d3e00-0000-4000-8000-000000000001',
		'c11d3e00-0000-4000-8000-000000000002',
		'c11d3e00-0000-4000-8000-000000000003',
	],
	outputS3Uri: 's3://sandbox-connect-health-output/scribe/{yyyy}/{mm}/{dd}/',
	insightsInputUri: 's3://sandbox-connect-health-input/patients/test-patient-0001.json',
	insightsOutputPath: 's3://sandbox-connect-health-output/insights',
	jobId: 'c11d3e00-0000-4000-8000-00000000a001',
} as const;

export type ConnectHealthDemo = typeof CONNECT_HEALTH_DEMO & {
	domainArn: string;
	subscriptionArn: string;
	jobArn: string;
};

const HOUR = 3_600_000;

/** The location a session started at `at` writes to: the tokens filled with its UTC start date. */
function startedOutputS3Uri(template: string, at: number): string {
	const [yyyy, mm, dd] = new Date(at).toISOString().slice(0, 10).split('-');
	return template.replace('{yyyy}', yyyy).replace('{mm}', mm).replace('{dd}', dd);
}

/** Dates the session's artifacts in S3 to when they were generated, not to the seeding. */
function landedWhenFinished(env: Env, sessionId: string): void {
	const session = env.state.sessions.get(sessionId)!;
	const landed = new Date(session.streamEndTime! + env.timings.artifactGenerationMs);
	for (const artifact of Object.values(session.artifacts ?? {})) {
		if (!artifact.outputLocation) continue;
		const { bucket, key } = parseS3Uri(artifact.outputLocation);
		const object = env.ctx.store.get(bucket, key);
		if (object) object.lastModified = landed;
	}
}

export function seedDemo(env: Env): ConnectHealthDemo {
	const demo = CONNECT_HEALTH_DEMO;
	const existing = env.state.domains.get(demo.domainId);
	if (existing) return describe(env);
	const now = env.ctx.clock.now();
	insertDomain(env, {
		domainId: demo.domainId,
		name: demo.domainName,
		tags: { environment: 'sandbox', data: 'synthetic' },
		createdAt: now - 72 * HOUR,
	});
	insertSubscription(env, demo.domainId, {
		subscriptionId: demo.subscriptionId,
		createdAt: now - 71 * HOUR,
	});
	insertSubscription(env, demo.domainId, {
		subscriptionId: demo.inactiveSubscriptionId,
		createdAt: now - 70 * HOUR,
	});
	setSubscriptionActive(
		env,
		{ domainId: demo.domainId, subscriptionId: demo.inactiveSubscriptionId },
		false,
	);

	const [first, second, third] = demo.sessionIds;
	const session = (input: Omit<AddListeningSessionInput, 'domainId' | 'at'> & { at: number }) => {
		const outputS3Uri = startedOutputS3Uri(demo.outputS3Uri, input.at);
		const { sessionId } = addListeningSession(
			env,
			{ ...input, domainId: demo.domainId, subscriptionId: demo.subscriptionId, outputS3Uri },
			outputS3Uri,
		);
		landedWhenFinished(env, sessionId);
	};
	session({ sessionId: first, encounter: 'enc-primary-care-001', at: now - 26 * HOUR });
	session({ sessionId: second, encounter: 'enc-behavioral-health-001', at: now - 3 * HOUR });
	session({
		sessionId: third,
		encounter: 'enc-primary-care-001',
		at: now - HOUR,
		noteTemplateSettings: { managedTemplate: { templateType: 'PHYSICAL_SOAP' } },
		encounterContext: 'Follow-up visit for a cough. Synthetic test patient.',
	});

	const input = parseS3Uri(demo.insightsInputUri);
	env.ctx.store.ensureBucket(input.bucket);
	env.ctx.store.ensureBucket(parseS3Uri(demo.insightsOutputPath).bucket);
	env.ctx.store.put(
		input.bucket,
		input.key,
		JSON.stringify(
			{
				resourceType: 'Bundle',
				type: 'collection',
				note: 'Synthetic test record',
				priorEncounter: 'enc-primary-care-001',
			},
			null,
			2,
		),
		'application/json',
	);
	insertJob(env, {
		domainId: demo.domainId,
		jobId: demo.jobId,
		createdAt: now - 2 * HOUR,
		request: {
			patientContext: {
				patientId: 'test-patient-0001',
				dateOfBirth: '1980-01-01',
				pronouns: 'THEY_THEM',
			},
			insightsContext: { insightsType: 'PRE_VISIT' },
			encounterContext: { encounterReason: 'Follow-up for cough' },
			userContext: { role: 'CLINICIAN', userId: 'sandbox-clinician-01', specialty: 'PRIMARY_CARE' },
			inputDataConfig: { s3Sources: [{ uri: demo.insightsInputUri }] },
			outputDataConfig: { s3OutputPath: demo.insightsOutputPath },
		},
	});
	return describe(env);
}

function describe(env: Env): ConnectHealthDemo {
	const demo = CONNECT_HEALTH_DEMO;
	return {
		...demo,
		domainArn: env.state.domains.get(demo.domainId)!.arn,
		subscriptionArn: env.state.subscriptions.get(demo.subscriptionId)!.arn,
		jobArn: env.state.jobs.get(demo.jobId)!.jobArn,
	};
}
