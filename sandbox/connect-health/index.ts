import type { EmulatorContext, Handler } from '../core/types';
import { advanceDomains, insertDomain, type CreateDomainFields } from './domains';
import { advanceJobs } from './insights';
import { matchRoute } from './routes';
import { seedDemo, type ConnectHealthDemo } from './seed';
import {
	addListeningSession,
	advanceSessions,
	type AddListeningSessionInput,
	type ListeningSessionInfo,
} from './sessions';
import {
	createState,
	DEFAULT_QUOTAS,
	DEFAULT_TIMINGS,
	type ConnectHealthQuotas,
	type ConnectHealthTimings,
	type Env,
} from './state';
import { createStreamRoute, type StreamFault } from './streaming';
import { insertSubscription, setSubscriptionActive } from './subscriptions';
import type { StreamRoute } from '../core/server';

export { CONNECT_HEALTH_DEMO, type ConnectHealthDemo } from './seed';
export { ARTIFACT_FILES } from './artifacts';
export type { AddListeningSessionInput, ListeningSessionInfo } from './sessions';
export type { StreamFault } from './streaming';
export type { ArtifactName, ConnectHealthQuotas, ConnectHealthTimings } from './state';

export interface ConnectHealthEmulatorOptions {
	timings?: Partial<ConnectHealthTimings>;
	quotas?: Partial<ConnectHealthQuotas>;
	/** Where seeded listening sessions write their artifacts unless told otherwise. */
	defaultOutputS3Uri?: string;
}

export interface ConnectHealthEmulator {
	/** restJson1 handler for all 16 operations; throws ServiceError for the server to render. */
	handle: Handler;
	/** StartMedicalScribeListeningSession over HTTP/2 (bidirectional event stream). */
	streamRoute: StreamRoute;
	/** The next listening-session stream fails after some audio: an exception event, or a dropped connection. */
	failNextStream(fault: StreamFault): void;
	/** Applies every lifecycle transition that is due on the sandbox clock (also run by `handle`). */
	advance(): void;
	/** Changes lifecycle durations for jobs, sessions and deletions started from now on. */
	setTimings(timings: Partial<ConnectHealthTimings>): ConnectHealthTimings;
	addDomain(input: Omit<CreateDomainFields, 'createdAt'> & { createdAt?: number }): {
		domainId: string;
		arn: string;
		name: string;
	};
	addSubscription(
		domainId: string,
		/** `createdAt` (ms) backdates the subscription, and so its lastUpdatedAt. */
		input?: { subscriptionId?: string; active?: boolean; createdAt?: number },
	): { domainId: string; subscriptionId: string; arn: string };
	/** A listening session with its post-stream lifecycle; artifacts land in S3 when due. */
	addListeningSession(input: AddListeningSessionInput): ListeningSessionInfo;
	/** The demo clinic (idempotent); see CONNECT_HEALTH_DEMO. */
	seedDemo(): ConnectHealthDemo;
}

export const DEFAULT_OUTPUT_S3_URI = 's3://sandbox-connect-health-output/scribe';

function checkTimings(timings: Partial<ConnectHealthTimings>): void {
	for (const [name, value] of Object.entries(timings)) {
		if (!(name in DEFAULT_TIMINGS)) throw new RangeError(`unknown timing ${name}`);
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
			throw new RangeError(`timing ${name} must be a finite number of ms >= 0`);
	}
}

export function createConnectHealthEmulator(
	ctx: EmulatorContext,
	options: ConnectHealthEmulatorOptions = {},
): ConnectHealthEmulator {
	checkTimings(options.timings ?? {});
	const env: Env = {
		ctx,
		state: createState(),
		timings: { ...DEFAULT_TIMINGS, ...options.timings },
		quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
	};
	const defaultOutputS3Uri = options.defaultOutputS3Uri ?? DEFAULT_OUTPUT_S3_URI;

	const advance = (): void => {
		const now = ctx.clock.now();
		advanceDomains(env, now);
		advanceJobs(env, now);
		advanceSessions(env, now);
	};

	const streaming = createStreamRoute(env);

	return {
		streamRoute: streaming.route,
		failNextStream: streaming.failNextStream,
		async handle(req) {
			advance();
			const { route, labels } = matchRoute(req);
			return route.run(env, req, labels);
		},
		advance,
		setTimings(timings) {
			checkTimings(timings);
			Object.assign(env.timings, timings);
			return { ...env.timings };
		},
		addDomain(input) {
			const d = insertDomain(env, input);
			return { domainId: d.domainId, arn: d.arn, name: d.name };
		},
		addSubscription(domainId, input = {}) {
			const s = insertSubscription(env, domainId, {
				subscriptionId: input.subscriptionId,
				createdAt: input.createdAt,
			});
			if (input.active === false)
				setSubscriptionActive(env, { domainId, subscriptionId: s.subscriptionId }, false);
			return { domainId, subscriptionId: s.subscriptionId, arn: s.arn };
		},
		addListeningSession(input) {
			advance();
			return addListeningSession(env, input, defaultOutputS3Uri);
		},
		seedDemo() {
			advance();
			const demo = seedDemo(env);
			advance();
			return demo;
		},
	};
}
