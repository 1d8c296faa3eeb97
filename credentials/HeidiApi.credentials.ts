import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

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

export class HeidiApi implements ICredentialType {
	name = 'heidiApi';

	displayName = 'Heidi API';

	icon: Icon = { light: 'file:icons/heidi.svg', dark: 'file:icons/heidi.dark.svg' };

	documentationUrl = 'https://github.com/clinical-scribe/n8n-nodes-clinical-scribe#heidi-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The Heidi Open API key issued to your organisation (one per region in production)',
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
			default: '',
			placeholder: 'https://au.api.heidihealth.com/api/v2/ml-scribe/open-api',
			description: 'Full URL up to and including /open-api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Clinician Email',
			name: 'email',
			type: 'string',
			placeholder: 'clinician@example.org',
			required: true,
			default: '',
			description: 'Email of the EHR user the API acts for (the test environment uses test@heidihealth.com)',
		},
		{
			displayName: 'Internal User ID',
			name: 'userId',
			type: 'string',
			required: true,
			default: '',
			description: 'That user’s ID in your EHR or practice system (sent as third_party_internal_id)',
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
		try {
			const response = (await this.helpers.httpRequest({
				method: 'GET',
				url: `${heidiBaseUrl(credentials)}/jwt`,
				headers: { 'Heidi-Api-Key': String(credentials.apiKey), Accept: 'application/json' },
				qs: { email: credentials.email, third_party_internal_id: credentials.userId },
				json: true,
			})) as { token?: string; expiration_time?: string };
			if (!response?.token) throw new Error('The response had no token');
			return { sessionToken: response.token, sessionExpiresAt: response.expiration_time ?? '' };
		} catch (error) {
			// The failed request carries the API key in its headers: rethrow without it, keeping only
			// the status and network code so callers can tell a refused key from a passing outage.
			const e = error as { response?: { status?: number }; httpCode?: string; code?: string };
			const status = Number(e.response?.status ?? e.httpCode) || undefined;
			const hint =
				status === 401 || status === 403
					? 'the API key was refused: check the API key and the environment (production keys are per region)'
					: 'check the environment or base URL, the clinician email and the internal user ID';
			const failure = new Error(`${TOKEN_EXCHANGE_FAILED}${status ? ` (HTTP ${status})` : ''}: ${hint}`);
			throw Object.assign(failure, { httpCode: status ? String(status) : typeof e.code === 'string' ? e.code : undefined });
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
		},
	};
}
