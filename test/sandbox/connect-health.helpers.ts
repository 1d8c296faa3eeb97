import { createClock } from '../../sandbox/core/clock';
import { ServiceError, renderError } from '../../sandbox/core/errors';
import { createObjectStore } from '../../sandbox/core/store';
import type { Clock, ObjectStore, SandboxRequest } from '../../sandbox/core/types';
import {
	createConnectHealthEmulator,
	type ConnectHealthEmulator,
	type ConnectHealthEmulatorOptions,
} from '../../sandbox/connect-health';

/** What the client sees: status, headers and the parsed JSON body (undefined when empty). */
export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: any;
	/** `x-amzn-errortype` of an error reply. */
	errorType?: string;
}

export interface CallOptions {
	body?: unknown;
	/** Raw body text, for malformed-JSON cases. */
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface Harness {
	emulator: ConnectHealthEmulator;
	clock: Clock;
	store: ObjectStore;
	/** Sends one request straight to the handler; ServiceErrors are rendered as the server would. */
	call(method: string, pathAndQuery: string, options?: CallOptions): Promise<Reply>;
}

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';

/** A frozen clock (speed 0): time moves only when a test advances it. */
export function harness(options: ConnectHealthEmulatorOptions = {}): Harness {
	const clock = createClock({ speed: 0, start: Date.parse('2026-11-02T09:00:00Z') });
	const store = createObjectStore();
	const emulator = createConnectHealthEmulator(
		{ clock, store, region: REGION, accountId: ACCOUNT },
		options,
	);
	const call = async (
		method: string,
		pathAndQuery: string,
		opts: CallOptions = {},
	): Promise<Reply> => {
		const q = pathAndQuery.indexOf('?');
		const rawPath = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
		const text = opts.rawBody ?? (opts.body === undefined ? '' : JSON.stringify(opts.body));
		const req: SandboxRequest = {
			method,
			rawPath,
			path: rawPath
				.split('/')
				.map((s) => decodeURIComponent(s))
				.join('/'),
			query: new URLSearchParams(q < 0 ? '' : pathAndQuery.slice(q + 1)),
			headers: {
				host: `health-agent.${REGION}.api.aws`,
				...(text ? { 'content-type': 'application/json' } : {}),
				...opts.headers,
			},
			body: Buffer.from(text, 'utf8'),
			auth: { accessKeyId: 'AKIATEST', region: REGION, service: 'health-agent' },
		};
		let res;
		try {
			res = await emulator.handle(req);
		} catch (e) {
			if (!(e instanceof ServiceError)) throw e;
			res = renderError('restJson1', e, 'test-request');
		}
		const headers = res.headers ?? {};
		const body =
			res.body === undefined
				? undefined
				: typeof res.body === 'string' || Buffer.isBuffer(res.body)
					? JSON.parse(res.body.toString())
					: JSON.parse(JSON.stringify(res.body));
		return { status: res.status, headers, body, errorType: headers['x-amzn-errortype'] };
	};
	return { emulator, clock, store, call };
}

/** Reads a JSON object the emulator wrote to the store, by `s3://` URI. */
export function readS3Json(store: ObjectStore, uri: string): any {
	const rest = uri.slice('s3://'.length);
	const slash = rest.indexOf('/');
	const object = store.get(rest.slice(0, slash), rest.slice(slash + 1));
	if (!object) throw new Error(`no object at ${uri}`);
	return JSON.parse(object.body.toString('utf8'));
}

export const encodeArn = (arn: string): string => encodeURIComponent(arn);

/** A complete, valid StartPatientInsightsJob body. */
export function jobBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		patientContext: {
			patientId: 'test-patient-42',
			dateOfBirth: '1975-06-30',
			pronouns: 'SHE_HER',
		},
		insightsContext: { insightsType: 'PRE_VISIT' },
		encounterContext: { encounterReason: 'Follow-up for cough' },
		userContext: { role: 'CLINICIAN', userId: 'clinician-7', specialty: 'PRIMARY_CARE' },
		inputDataConfig: { s3Sources: [{ uri: 's3://records-in/patients/42.json' }] },
		outputDataConfig: { s3OutputPath: 's3://insights-out/daily/2026-11-02/' },
		...overrides,
	};
}
