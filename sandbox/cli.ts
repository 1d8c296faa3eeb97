/**
 * `npx tsx sandbox/cli.ts` (npm run sandbox): starts every emulator on 127.0.0.1 and prints what to
 * paste into n8n. Ports: flags `--port-<service>=N` or env `SANDBOX_PORT_<SERVICE>` (e.g.
 * SANDBOX_PORT_CONNECT_HEALTH); `--clock-speed=N`; `--no-seed`; `--json` prints one JSON line instead.
 * Faults: env SANDBOX_FAULTS (JSON). Stops cleanly on Ctrl-C / SIGTERM.
 */
import { DEFAULT_PORTS, startSandbox, type Sandbox, type ServiceName } from './index';

const ENV_NAMES: Record<ServiceName, string> = {
	s3: 'S3',
	transcribe: 'TRANSCRIBE',
	connectHealth: 'CONNECT_HEALTH',
	heidi: 'HEIDI',
	sts: 'STS',
	fhir: 'FHIR',
};

const FLAG_NAMES: Record<ServiceName, string> = {
	s3: 's3',
	transcribe: 'transcribe',
	connectHealth: 'connect-health',
	heidi: 'heidi',
	sts: 'sts',
	fhir: 'fhir',
};

interface CliOptions {
	ports: Record<ServiceName, number>;
	clockSpeed: number;
	seed: boolean;
	json: boolean;
}

function parsePort(value: string, where: string): number {
	if (!/^\d+$/.test(value) || Number(value) > 65535)
		throw new Error(`${where}: '${value}' is not a port number`);
	return Number(value);
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
	const options: CliOptions = {
		ports: { ...DEFAULT_PORTS },
		clockSpeed: 1,
		seed: true,
		json: false,
	};
	for (const service of Object.keys(DEFAULT_PORTS) as ServiceName[]) {
		const value = env[`SANDBOX_PORT_${ENV_NAMES[service]}`];
		if (value) options.ports[service] = parsePort(value, `SANDBOX_PORT_${ENV_NAMES[service]}`);
	}
	for (const arg of argv) {
		const [flag, value = ''] = arg.split('=', 2);
		const service = (Object.keys(FLAG_NAMES) as ServiceName[]).find(
			(s) => flag === `--port-${FLAG_NAMES[s]}`,
		);
		if (service) options.ports[service] = parsePort(value, flag);
		else if (flag === '--clock-speed') options.clockSpeed = Number(value);
		else if (flag === '--no-seed') options.seed = false;
		else if (flag === '--json') options.json = true;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				`Usage: npx tsx sandbox/cli.ts [--port-<${Object.values(FLAG_NAMES).join('|')}>=N] [--clock-speed=N] [--no-seed] [--json]\n`,
			);
			process.exit(0);
		} else throw new Error(`unknown option ${arg} (try --help)`);
	}
	if (!Number.isFinite(options.clockSpeed) || options.clockSpeed < 0)
		throw new Error('--clock-speed must be a number >= 0');
	return options;
}

function describe(sandbox: Sandbox): string {
	const { urls, credentials } = sandbox;
	const aws = credentials.aws;
	const heidi = credentials.heidi;
	return [
		'Clinical scribe sandbox is running (synthetic data only). Ctrl-C to stop.',
		'',
		'n8n credential "AWS Clinical Services" (awsClinicalApi):',
		`  Region:                        ${aws.region}`,
		'  Authentication:                Access Keys',
		`  Access Key ID:                 ${aws.accessKeyId}`,
		`  Secret Access Key:             ${aws.secretAccessKey}`,
		'  Custom Endpoints:              on',
		`  Transcribe Endpoint:           ${urls.transcribe}`,
		`  Connect Health Endpoint:       ${urls.connectHealth}`,
		'  Connect Health Host Prefixes:  off',
		`  S3 Endpoint:                   ${urls.s3}`,
		`  STS Endpoint:                  ${urls.sts}`,
		`  (account ${aws.accountId}; assume role arn:aws:iam::${aws.accountId}:role/<any-name> works)`,
		'',
		'n8n credential "Heidi API" (heidiApi):',
		'  Environment:                   Custom Base URL',
		`  Base URL:                      ${urls.heidi}`,
		`  API Key:                       ${heidi.apiKey}`,
		`  Clinician Email:               ${heidi.email}`,
		`  Internal User ID:              ${heidi.userId}`,
		'',
		`FHIR receiver (EHR hand-off): ${urls.fhir}`,
		`Demo media: s3://sandbox-media/${sandbox.seededRecordings[0] ? sandbox.seededRecordings[0].replace(/[^/]+$/, '') : '(not seeded)'}   outputs: s3://sandbox-output/`,
		'Admin (any service port): GET /__sandbox/health, GET|DELETE /__sandbox/log, GET|POST /__sandbox/faults, GET /__sandbox/faults/held, POST /__sandbox/faults/release, POST /__sandbox/clock',
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2), process.env);
	const sandbox = await startSandbox({
		ports: options.ports,
		clockSpeed: options.clockSpeed,
		seed: options.seed,
	});
	if (options.json)
		process.stdout.write(
			`${JSON.stringify({ urls: sandbox.urls, credentials: sandbox.credentials, seededRecordings: sandbox.seededRecordings })}\n`,
		);
	else process.stdout.write(describe(sandbox));

	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		sandbox.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`sandbox: ${error.message}\n`);
	process.exit(1);
});
