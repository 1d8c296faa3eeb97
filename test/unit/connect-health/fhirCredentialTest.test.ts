/**
 * The "Connect Health EHR (FHIR) API" credential test: n8n never calls the FHIR server, so the test
 * checks the values the way the node does before sending them, and names the field and the fix.
 */
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { AmazonConnectHealth } from '../../../nodes/ConnectHealth/AmazonConnectHealth.node';
import { testFhirCredential } from '../../../nodes/ConnectHealth/actions/patientInsightsJob/fhirAccess';

const check = async (data: Record<string, unknown>) =>
	await testFhirCredential.call({} as ICredentialTestFunctions, {
		id: '1',
		name: 'ehr',
		type: 'connectHealthFhirApi',
		data: data as never,
	});

describe('Connect Health EHR (FHIR) API credential test', () => {
	it('is the test the node names for the credential', () => {
		const node = new AmazonConnectHealth();
		const entry = node.description.credentials?.find((c) => c.name === 'connectHealthFhirApi');
		expect(entry?.testedBy).toBe('connectHealthFhirApiTest');
		expect(node.methods.credentialTest.connectHealthFhirApiTest).toBe(testFhirCredential);
	});

	it('accepts an https endpoint with a token, and says that nothing was contacted', async () => {
		expect(
			await check({ fhirEndpoint: ' https://ehr.example.org/fhir/r4 ', oauthToken: 'token-value' }),
		).toEqual({
			status: 'OK',
			message: expect.stringMatching(/does not contact the FHIR server/),
		});
	});

	it('names the field and the fix for an empty, malformed or plain-http endpoint and a missing token, never quoting the token', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[
				{ fhirEndpoint: '', oauthToken: 'secret-token' },
				/^Invalid "Connect Health EHR \(FHIR\) API → FHIR Server Endpoint": it is empty\. Enter the FHIR server/,
			],
			[
				{ fhirEndpoint: 'ehr.example.org/fhir', oauthToken: 'secret-token' },
				/FHIR Server Endpoint": it does not have the required format\. .*https:\/\/ehr\.example\.org\/fhir\/r4/,
			],
			[
				{ fhirEndpoint: 'http://ehr.example.org/fhir', oauthToken: 'secret-token' },
				/FHIR Server Endpoint": it is plain http:\/\/, so the token would travel unencrypted\. .*https:\/\//,
			],
			[
				{ fhirEndpoint: 'https://ehr.example.org/fhir', oauthToken: '  ' },
				/^Invalid "Connect Health EHR \(FHIR\) API → OAuth Token": it is empty\./,
			],
		];
		for (const [data, message] of cases) {
			const result = await check(data);
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
			expect(result.message).not.toContain('secret-token');
		}
		// A loopback server (the sandbox, a local proxy) may use plain http.
		expect(
			(await check({ fhirEndpoint: 'http://127.0.0.1:8080/fhir', oauthToken: 't' })).status,
		).toBe('OK');
	});
});
