import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
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
export async function readFhirCredential(
	context: IExecuteFunctions,
	i: number,
	v: ItemValidator,
): Promise<Required<FhirServer> | undefined> {
	if (!context.getNode().credentials?.[FHIR_CREDENTIAL]) return undefined;
	const data = await context.getCredentials(FHIR_CREDENTIAL, i);
	const fhirEndpoint = text(data.fhirEndpoint);
	const oauthToken = text(data.oauthToken);
	const problem = fhirCredentialProblem(fhirEndpoint, oauthToken);
	if (problem) v.fail(problem.field, problem.problem, problem.fix);
	return { fhirEndpoint, oauthToken };
}

/** What keeps the credential's values from being sent: the node's check and the credential test. */
function fhirCredentialProblem(
	fhirEndpoint: string,
	oauthToken: string,
): { field: string; problem: string; fix: string } | undefined {
	const field = `${CREDENTIAL_NAME} → FHIR Server Endpoint`;
	if (!fhirEndpoint)
		return {
			field,
			problem: 'it is empty',
			fix: `Enter the FHIR server the token is for in the "${CREDENTIAL_NAME}" credential.`,
		};
	if (!RULES.fhirEndpoint.test(fhirEndpoint))
		return {
			field,
			problem: 'it does not have the required format',
			fix: 'In the credential, use an http(s) URL without spaces, e.g. https://ehr.example.org/fhir/r4.',
		};
	// The service presents the token to this server: never in clear over the internet.
	if (plainHttpToRemoteHost(fhirEndpoint))
		return {
			field,
			problem: 'it is plain http://, so the token would travel unencrypted',
			fix: 'In the credential, use the https:// address of the FHIR server.',
		};
	if (!oauthToken)
		return {
			field: `${CREDENTIAL_NAME} → OAuth Token`,
			problem: 'it is empty',
			fix: `Enter the FHIR server’s OAuth token in the "${CREDENTIAL_NAME}" credential.`,
		};
	return undefined;
}

/**
 * The credential test (n8n runs it when the credential is saved). n8n itself never calls the FHIR
 * server, Connect Health does from AWS when a job starts, so this checks the values as the node
 * does before sending them and contacts nothing.
 */
export async function testFhirCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = fhirCredentialProblem(
		text(credential.data?.fhirEndpoint),
		text(credential.data?.oauthToken),
	);
	if (problem)
		return {
			status: 'Error',
			message: `Invalid "${problem.field}": ${problem.problem}. ${problem.fix}`,
		};
	return {
		status: 'OK',
		message:
			'The values are complete. n8n does not contact the FHIR server: Connect Health does, when a Patient Insights job starts.',
	};
}

/**
 * The request's FHIR server: the credential's (with its token), or the node's endpoint field alone
 * (a server that needs no token). The token is only ever sent for the server it was saved with.
 */
export function fhirServerFor(
	v: ItemValidator,
	nodeEndpoint: string,
	credential: Required<FhirServer> | undefined,
): FhirServer | undefined {
	if (!credential) return nodeEndpoint ? { fhirEndpoint: nodeEndpoint } : undefined;
	if (nodeEndpoint && !sameServer(nodeEndpoint, credential.fhirEndpoint))
		v.fail(
			'FHIR Server Endpoint',
			`it differs from the server of the selected "${CREDENTIAL_NAME}" credential, whose token is only sent for its own server`,
			'Clear the field to use the credential’s server, or select a credential for this server.',
		);
	return credential;
}
