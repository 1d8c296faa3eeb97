/**
 * startSandbox(): every emulator on 127.0.0.1, one port per service, sharing one clock, one object
 * store, one credential registry, one fault configuration and one request log.
 */
import { EXAMPLE_RECORDINGS, renderExample } from './audio/examples';
import {
	createConnectHealthEmulator,
	type ConnectHealthEmulator,
	type ConnectHealthEmulatorOptions,
} from './connect-health';
import { createClock } from './core/clock';
import { createCredentialRegistry } from './core/credentials';
import { createFaults, faultsFromEnv, type FaultConfig, type Faults } from './core/faults';
import { createRequestLog, type RequestLog } from './core/log';
import { startServiceServer, type ServerContext, type ServiceServer } from './core/server';
import { SERVICE_NAMES, SERVICE_PROFILES, type ServiceName } from './core/services';
import { createObjectStore } from './core/store';
import type { Clock, EmulatorContext, Handler, ObjectStore } from './core/types';
import { createFhirEmulator, FHIR_BASE_PATH, type FhirEmulator } from './fhir';
import { createHeidiEmulator, type HeidiEmulator, type HeidiEmulatorOptions } from './heidi';
import { createS3Emulator } from './s3';
import { createStsEmulator } from './sts';
import {
	createTranscribeEmulator,
	type TranscribeEmulator,
	type TranscribeOptions,
} from './transcribe';

export type { FaultConfig, Faults } from './core/faults';
export type { LogEntry, LogFilter, RequestLog } from './core/log';
export type { ServiceName } from './core/services';

/** Ports the CLI uses (`npm run sandbox`); tests use `ports: 0`. */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
	s3: 4580,
	transcribe: 4581,
	connectHealth: 4582,
	heidi: 4583,
	sts: 4584,
	fhir: 4585,
};

export const SANDBOX_REGION = 'us-east-1';
export const MEDIA_BUCKET = 'sandbox-media';
export const OUTPUT_BUCKET = 'sandbox-output';

export interface SandboxOptions {
	/** 0 (default) = a free port per service; another number = base port, services in DEFAULT_PORTS order; or one port per service. */
	ports?: number | Partial<Record<ServiceName, number>>;
	/** Sandbox time runs this many times faster than real time (default 1). */
	clockSpeed?: number;
	/** Sandbox time at start, ms (default now): e.g. days back, so what a test makes lies in the past of the host's clock. */
	clockStart?: number;
	transcribe?: TranscribeOptions;
	connectHealth?: ConnectHealthEmulatorOptions;
	heidi?: HeidiEmulatorOptions;
	/** Faults and rate limits; default from the SANDBOX_FAULTS environment variable (JSON). */
	faults?: FaultConfig;
	/** Demo buckets, today's example recordings and the Connect Health demo clinic (default true). */
	seed?: boolean;
}

export interface Sandbox {
	urls: Record<ServiceName, string>;
	credentials: {
		aws: { accessKeyId: string; secretAccessKey: string; region: string; accountId: string };
		heidi: { apiKey: string; email: string; userId: string };
	};
	clock: Clock;
	store: ObjectStore;
	log: RequestLog;
	faults: Faults;
	transcribe: TranscribeEmulator;
	connectHealth: ConnectHealthEmulator;
	heidi: HeidiEmulator;
	fhir: FhirEmulator;
	/** Keys of the example recordings seeded into the media bucket (empty without seed). */
	seededRecordings: string[];
	stop(): Promise<void>;
}

function portsFor(option: SandboxOptions['ports']): Record<ServiceName, number> {
	if (option === undefined || option === 0)
		return Object.fromEntries(SERVICE_NAMES.map((s) => [s, 0])) as Record<ServiceName, number>;
	if (typeof option === 'number') {
		const order = Object.keys(DEFAULT_PORTS) as ServiceName[];
		return Object.fromEntries(order.map((s, i) => [s, option + i])) as Record<ServiceName, number>;
	}
	return Object.fromEntries(SERVICE_NAMES.map((s) => [s, option[s] ?? 0])) as Record<
		ServiceName,
		number
	>;
}

/** UTC calendar date of a sandbox-clock instant, `yyyy-mm-dd`. */
export function sandboxDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function seedRecordings(store: ObjectStore, now: number): string[] {
	store.ensureBucket(MEDIA_BUCKET);
	store.ensureBucket(OUTPUT_BUCKET);
	const prefix = `recordings/${sandboxDate(now)}/`;
	return EXAMPLE_RECORDINGS.map((recording) => {
		const key = `${prefix}${recording.fileName}`;
		store.put(MEDIA_BUCKET, key, renderExample(recording), 'audio/wav');
		return key;
	});
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const baseClock = createClock({ speed: opts.clockSpeed ?? 1, start: opts.clockStart });
	const tickers: Array<() => void> = [];
	const runTickers = (): void => {
		for (const tick of tickers) tick();
	};
	// Stepping the clock applies due transitions at once, so outputs are in S3 when advance() returns.
	const clock: Clock = {
		now: baseClock.now,
		advance(ms) {
			baseClock.advance(ms);
			runTickers();
		},
		setSpeed: baseClock.setSpeed,
	};
	const store = createObjectStore({ now: clock.now });
	const credentials = createCredentialRegistry(clock);
	const ctx: EmulatorContext = {
		store,
		clock,
		region: SANDBOX_REGION,
		accountId: credentials.accountId,
	};
	const faults = createFaults(opts.faults ?? faultsFromEnv() ?? {});
	const log = createRequestLog();

	const s3 = createS3Emulator(ctx);
	const sts = createStsEmulator(ctx, { credentials });
	const transcribe = createTranscribeEmulator(ctx, opts.transcribe);
	const connectHealth = createConnectHealthEmulator(ctx, opts.connectHealth);
	const heidi = createHeidiEmulator(ctx, opts.heidi);
	const fhir = createFhirEmulator(ctx);
	tickers.push(transcribe.tick, connectHealth.advance);

	const seed = opts.seed ?? true;
	const seededRecordings = seed ? seedRecordings(store, clock.now()) : [];
	if (seed) connectHealth.seedDemo();

	const handlers: Record<ServiceName, Handler> = {
		s3: s3.handle,
		sts: sts.handle,
		transcribe: transcribe.handle,
		connectHealth: connectHealth.handle,
		heidi: heidi.handle,
		fhir: fhir.handle,
	};
	const serverCtx: ServerContext = {
		clock,
		credentials,
		faults,
		log,
		region: SANDBOX_REGION,
		beforeRequest: runTickers,
	};
	const ports = portsFor(opts.ports);
	const started = await Promise.allSettled(
		SERVICE_NAMES.map((name) =>
			startServiceServer(
				SERVICE_PROFILES[name],
				handlers[name],
				serverCtx,
				ports[name],
				name === 'connectHealth'
					? connectHealth.streamRoute
					: name === 'transcribe'
						? transcribe.streamRoute
						: undefined,
			),
		),
	);
	const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	const failure = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
	if (failure) {
		transcribe.stop();
		await Promise.all(servers.map((s) => s.close()));
		throw failure.reason;
	}
	const byName = Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, servers[i]])) as Record<
		ServiceName,
		ServiceServer
	>;
	const identity = heidi.identity();

	return {
		urls: {
			s3: byName.s3.url,
			transcribe: byName.transcribe.url,
			connectHealth: byName.connectHealth.url,
			heidi: `${byName.heidi.url}${identity.basePath}`,
			sts: byName.sts.url,
			fhir: `${byName.fhir.url}${FHIR_BASE_PATH}`,
		},
		credentials: {
			aws: {
				accessKeyId: credentials.root.accessKeyId,
				secretAccessKey: credentials.root.secretAccessKey,
				region: SANDBOX_REGION,
				accountId: credentials.accountId,
			},
			heidi: { apiKey: identity.apiKey, email: identity.email, userId: identity.userId },
		},
		clock,
		store,
		log,
		faults,
		transcribe,
		connectHealth,
		heidi,
		fhir,
		seededRecordings,
		async stop() {
			transcribe.stop();
			await Promise.all(servers.map((s) => s.close()));
		},
	};
}
