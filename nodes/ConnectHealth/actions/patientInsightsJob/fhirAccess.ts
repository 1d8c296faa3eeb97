import type { IExecuteFunctions } from 'n8n-workflow';
import { isLoopbackHost } from '../../../common/endpoint';
import type { ItemValidator } from '../../../common/validate';
import { RULES } from '../validation';

/** The optional "Connect Health EHR (FHIR) API" credential (credentials/ConnectHealthFhirApi.credentials.ts). */
export const FHIR_CREDENTIAL = 'connectHealthFhirApi';

const CREDENTIAL_NAME = 'Connect Health EHR (FHIR) API';

export interface FhirServer {
	fhirEndpoint: string;
	oauthToken?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const sameServer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function plainHttpToRemoteHost(endpoint: string): boolean {
	try {
		const url = new URL(endpoint);
		return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
	} catch {
		return false; // the pattern check names a malformed URL
	}
}

/**
 * The FHIR server and OAuth token of the credential selected on the node, or undefined when none is
 * selected (n8n refuses to read an optional credential the node does not reference). The token is
 * never put in an item or error: callers add it to the redaction list.
 */
export async function readFhirCredential(context: IExecuteFunctions, i: number, v: ItemValidator): Promise<Required<FhirServer> | undefined> {
	if (!context.getNode().credentials?.[FHIR_CREDENTIAL]) return undefined;
	const data = await context.getCredentials(FHIR_CREDENTIAL, i);
	const fhirEndpoint = text(data.fhirEndpoint);
	const oauthToken = text(data.oauthToken);
	const field = `${CREDENTIAL_NAME} → FHIR Server Endpoint`;
	v.required(field, fhirEndpoint, `Enter the FHIR server the token is for in the "${CREDENTIAL_NAME}" credential.`);
	v.pattern(field, fhirEndpoint, RULES.fhirEndpoint, 'In the credential, use an http(s) URL without spaces, e.g. https://ehr.example.org/fhir/r4.');
	// The service presents the token to this server: never in clear over the internet.
	if (plainHttpToRemoteHost(fhirEndpoint)) v.fail(field, 'it is plain http://, so the token would travel unencrypted', 'In the credential, use the https:// address of the FHIR server.');
	v.required(`${CREDENTIAL_NAME} → OAuth Token`, oauthToken, `Enter the FHIR server’s OAuth token in the "${CREDENTIAL_NAME}" credential.`);
	return { fhirEndpoint, oauthToken };
}

/**
 * The request's FHIR server: the credential's (with its token), or the node's endpoint field alone
 * (a server that needs no token). The token is only ever sent for the server it was saved with.
 */
export function fhirServerFor(v: ItemValidator, nodeEndpoint: string, credential: Required<FhirServer> | undefined): FhirServer | undefined {
	if (!credential) return nodeEndpoint ? { fhirEndpoint: nodeEndpoint } : undefined;
	if (nodeEndpoint && !sameServer(nodeEndpoint, credential.fhirEndpoint))
		v.fail(
			'FHIR Server Endpoint',
			`it differs from the server of the selected "${CREDENTIAL_NAME}" credential, whose token is only sent for its own server`,
			'Clear the field to use the credential’s server, or select a credential for this server.',
		);
	return credential;
}
