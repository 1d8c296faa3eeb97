import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { endpointProblem } from '../nodes/common/endpoint';

const API_PATH = '/api/v2/ml-scribe/open-api';

/** Start of the message of a failed `GET /jwt`, so callers can tell it from the request's own failure. */
export const TOKEN_EXCHANGE_FAILED = 'Heidi token exchange failed';

/** Base URL of the Heidi Open API for the credential's environment (no trailing slash). */
export function heidiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'test');
	if (environment === 'custom') return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const host = environment === 'test' ? 'registrar' : environment;
	return `https://${host}.api.heidihealth.com${API_PATH}`;
}

/** Default of "Request Timeout (Seconds)". */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * What is wrong with the credential's connection settings, as a user-facing sentence naming the
 * field; undefined when requests may go out. Checked before every request (and before the token
 * exchange), so the API key, the JWT and clinical text never travel in clear to a remote host.
 */
export function heidiSettingsProblem(
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const problem = endpointProblem(
		heidiBaseUrl(credentials),
		credentials.allowInsecureHttp === true,
	);
	// "field" before a quoted name keeps it readable through the redactor (common/redact).
	if (problem)
		return `invalid field "Base URL" of the Heidi API credential: ${problem.replace('turn on "', 'turn on the field "')}`;
	const raw = credentials.requestTimeoutSeconds;
	if (
		raw !== undefined &&
		raw !== '' &&
		raw !== null &&
		!(typeof raw === 'number' && raw > 0 && Number.isFinite(raw))
	) {
		return 'invalid field "Request Timeout (Seconds)" of the Heidi API credential: it must be a number of seconds greater than 0, e.g. 60';
	}
	return undefined;
}

/** The inactivity timeout of every Heidi request, in milliseconds (no bytes for this long = failure). */
export function heidiTimeoutMs(credentials: ICredentialDataDecryptedObject): number {
	const seconds = credentials.requestTimeoutSeconds;
	return Math.ceil(
		(typeof seconds === 'number' && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
	);
}

/** What to check when `GET /jwt` failed; names no secret. */
function exchangeHint(
	status: number | undefined,
	code: string | undefined,
	credentials: ICredentialDataDecryptedObject,
): string {
	if (status === 401 || status === 403)
		return 'the API key was refused: check the API key and the environment (production keys are per region)';
	if (status !== undefined && status >= 300 && status < 400) {
		return 'Heidi answered with a redirect, which is not followed so the API key is never sent to another address: set the base URL to the final address';
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
		return `Heidi sent no answer for ${heidiTimeoutMs(credentials) / 1000} s (the credential's request timeout)`;
	return 'check the environment or base URL, the clinician email and the internal user ID';
}

export class HeidiApi implements ICredentialType {
	name = 'heidiApi';

	displayName = 'Heidi API';

	icon: Icon = { light: 'file:icons/heidi.svg', dark: 'file:icons/heidi.dark.svg' };

	documentationUrl =
		'https://github.com/clinical-scribe/n8n-nodes-clinical-scribe#heidi-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The Heidi Open API key issued to your organisation (one per region in production)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Test (Registrar)', value: 'test' },
				{ name: 'Australia and New Zealand', value: 'au' },
				{ name: 'United States', value: 'us' },
				{ name: 'Canada', value: 'ca' },
				{ name: 'European Union', value: 'eu' },
				{ name: 'United Kingdom', value: 'uk' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'test',
			description: 'Where your Heidi API key lives. Production keys are per region.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://au.api.heidihealth.com/api/v2/ml-scribe/open-api',
			description:
				'Full URL up to and including /open-api, for a proxy or a test server (Heidi’s own regions are in the Environment list)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Allow Unencrypted HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether a custom base URL may use plain http:// for a host other than this machine. Off: only https:// (or http:// to localhost) is accepted. Turn on only for a trusted private network, since the API key, the token and patient data would travel unencrypted.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long a Heidi request may go without receiving any data before it fails. A read is then retried; a request that creates something (such as Create Session) is not, since Heidi may have done it. A long note that keeps streaming is not cut off; raise it if reading the transcript of a long recording (transcribed on first read) times out.',
		},
		{
			displayName: 'Clinician Email',
			name: 'email',
			type: 'string',
			placeholder: 'clinician@example.org',
			required: true,
			default: '',
			description:
				'Email of the EHR user the API acts for (the test environment uses test@heidihealth.com)',
		},
		{
			displayName: 'Internal User ID',
			name: 'userId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The same clinician’s user ID in your EHR or practice system; with the email it tells Heidi which clinician n8n acts for',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Expiry',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: '',
		},
	];

	/** Exchanges the API key for a short-lived JWT; n8n calls this when the token is empty or got a 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const problem = heidiSettingsProblem(credentials);
		if (problem) throw new Error(`${TOKEN_EXCHANGE_FAILED}: ${problem}`);
		try {
			const response = (await this.helpers.httpRequest({
				method: 'GET',
				url: `${heidiBaseUrl(credentials)}/jwt`,
				headers: { 'Heidi-Api-Key': String(credentials.apiKey), Accept: 'application/json' },
				qs: { email: credentials.email, third_party_internal_id: credentials.userId },
				json: true,
				timeout: heidiTimeoutMs(credentials),
				// A redirect would carry the API key header to wherever it points: never follow one.
				disableFollowRedirect: true,
			})) as { token?: string; expiration_time?: string };
			if (!response?.token) throw new Error('The response had no token');
			return { sessionToken: response.token, sessionExpiresAt: response.expiration_time ?? '' };
		} catch (error) {
			// The failed request carries the API key in its headers: rethrow without it, keeping only
			// the status and network code so callers can tell a refused key from a passing outage.
			const e = error as { response?: { status?: number }; httpCode?: string; code?: string };
			const status = Number(e.response?.status ?? e.httpCode) || undefined;
			const hint = exchangeHint(status, e.code, credentials);
			const failure = new Error(
				`${TOKEN_EXCHANGE_FAILED}${status ? ` (HTTP ${status})` : ''}: ${hint}`,
			);
			throw Object.assign(failure, {
				httpCode: status ? String(status) : typeof e.code === 'string' ? e.code : undefined,
			});
		}
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://" + ($credentials.environment === "test" ? "registrar" : $credentials.environment) + ".api.heidihealth.com/api/v2/ml-scribe/open-api"}}',
			url: '/users/linked-account/access',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}
