import { NodeApiError, type INode } from 'n8n-workflow';
import { awsFailure, invalidField, vendorError } from '../../../nodes/common/errors';
import { redact } from '../../../nodes/common/redact';

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

// Real-looking but fake secrets (AWS documentation example shapes).
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN =
	'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6h3Rk7Qz1ExampleTokenValue0123456789abcdefABCDEF';
const JWT =
	'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIiLCJleHAiOjE5OTk5OTk5OTl9.c2lnbmF0dXJlLXZhbHVlLWV4YW1wbGU';
const HEIDI_KEY = 'hk_live_5f2b9c0e7a1d4e3f8b6a';

describe('redact', () => {
	it('removes AWS keys, secrets, session tokens, bearer tokens, JWTs and API keys', () => {
		const text = [
			`AccessKeyId=${ACCESS_KEY} SecretAccessKey=${SECRET}`,
			`x-amz-security-token: ${SESSION_TOKEN}`,
			`Authorization: AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261122/us-east-1/transcribe/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`,
			`Authorization: Bearer ${JWT}`,
			`token ${JWT}`,
			`Heidi-Api-Key: ${HEIDI_KEY}`,
		].join('\n');
		const out = redact(text, [HEIDI_KEY]);
		for (const secret of [
			ACCESS_KEY,
			SECRET,
			SESSION_TOKEN,
			JWT,
			HEIDI_KEY,
			'0123456789abcdef0123456789abcdef',
		])
			expect(out).not.toContain(secret);
		expect(out).toContain('[redacted]');
	});

	it('removes the fields the API references mark sensitive and identifiers, but keeps field names readable', () => {
		const json = JSON.stringify({
			patientId: 'MRN-77812',
			dateOfBirth: '1980-02-29',
			pronouns: 'SHE_HER',
			encounterReason: 'chest pain',
			oauthToken: 'tok-abc',
		});
		const out = redact(json);
		for (const value of ['MRN-77812', '1980-02-29', 'SHE_HER', 'chest pain', 'tok-abc'])
			expect(out).not.toContain(value);
		expect(out).toContain('"patientId"');
		const aws = redact(
			"1 validation error detected: Value 'Jane Doe visit' at 'medicalScribeJobName' failed to satisfy constraint",
		);
		expect(aws).not.toContain('Jane Doe');
		expect(aws).toContain("'medicalScribeJobName'");
		expect(
			redact(
				'Patient jane.doe@example.org id 123456789 session 0c6f0e2a-1111-4b2c-9d3e-123456789abc',
			),
		).toBe('Patient [redacted] id [redacted] session [redacted]');
	});

	it('leaves ordinary prose alone', () => {
		expect(redact("The job doesn't exist. Check the name and try again.")).toBe(
			"The job doesn't exist. Check the name and try again.",
		);
	});
});

describe('error mapping', () => {
	it('builds a NodeApiError with operation, status, type and request id, and nothing sensitive in any field', () => {
		const sdkError = Object.assign(
			new Error(
				`The role with key ${ACCESS_KEY} for 'Jane Doe' was refused, token ${SESSION_TOKEN}`,
			),
			{
				name: 'AccessDeniedException',
				$fault: 'client',
				$metadata: { httpStatusCode: 403, requestId: 'req-42' },
				$response: { body: 'patient: Jane Doe' },
			},
		);
		const error = vendorError(node, awsFailure('StartMedicalScribeJob', sdkError), {
			itemIndex: 2,
			secrets: [SECRET],
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(
			/^StartMedicalScribeJob failed \(HTTP 403\): AccessDeniedException – /,
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toBe('Request ID: req-42');
		expect(error.context.itemIndex).toBe(2);
		const everything = JSON.stringify({
			...error,
			message: error.message,
			description: error.description,
			cause: error.cause,
		});
		for (const bad of [ACCESS_KEY, SESSION_TOKEN, 'Jane Doe'])
			expect(everything).not.toContain(bad);
	});

	it('reports network failures by their code', () => {
		const failure = awsFailure(
			'GetObject',
			Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
		);
		expect(failure).toMatchObject({
			operation: 'GetObject',
			code: 'ECONNRESET',
			httpStatus: undefined,
		});
	});

	it('names the field and the fix for local validation errors', () => {
		const error = invalidField(
			node,
			3,
			'Job Name',
			'it contains spaces',
			'Use letters, digits, dots, dashes and underscores.',
		);
		expect(error.message).toBe('Invalid "Job Name": it contains spaces');
		expect(error.description).toBe('Use letters, digits, dots, dashes and underscores.');
		expect(error.context.itemIndex).toBe(3);
	});
});
