import type { SandboxResponse } from './types';
import { XML_DECLARATION, xmlElement } from './xml';

/** Wire protocols of the emulated services; each renders errors its own way. */
export type Protocol = 'awsJson1_1' | 'restJson1' | 'restXml' | 'awsQuery' | 'heidi' | 'fhir';

/**
 * Throw this from an emulator handler: the server renders it in the service's protocol
 * (so every emulator answers with the same error shapes as real AWS / Heidi).
 */
export class ServiceError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		/** Extra elements some formats carry (S3: `Key`, `BucketName`, `Region`). */
		readonly fields: Record<string, string> = {},
		/** awsJson1_1 only: modeled Transcribe errors use `Message`, the common auth errors `message`. */
		readonly messageKey: 'message' | 'Message' = 'Message',
	) {
		super(message);
		this.name = type;
	}
}

/** Render an error as the given protocol puts it on the wire. */
export function renderError(
	protocol: Protocol,
	error: ServiceError,
	requestId: string,
): SandboxResponse {
	const { status, type, message, fields } = error;
	switch (protocol) {
		case 'awsJson1_1':
			return {
				status,
				headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
				body: { __type: type, [error.messageKey]: message },
			};
		case 'restJson1':
			return {
				status,
				headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
				body: { message },
			};
		case 'restXml': {
			const extra = Object.entries(fields)
				.map(([k, v]) => xmlElement(k, v))
				.join('');
			const xml = `${XML_DECLARATION}<Error>${xmlElement('Code', type)}${xmlElement('Message', message)}${extra}${xmlElement('RequestId', requestId)}${xmlElement('HostId', hostId(requestId))}</Error>`;
			return { status, headers: { 'content-type': 'application/xml' }, body: xml };
		}
		case 'awsQuery': {
			const fault = status >= 500 ? 'Receiver' : 'Sender';
			const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    ${xmlElement('Type', fault)}\n    ${xmlElement('Code', type)}\n    ${xmlElement('Message', message)}\n  </Error>\n  ${xmlElement('RequestId', requestId)}\n</ErrorResponse>\n`;
			return { status, headers: { 'content-type': 'text/xml' }, body: xml };
		}
		case 'heidi':
			return {
				status,
				headers: { 'content-type': 'application/json' },
				body: { detail: { msg: message, type } },
			};
		case 'fhir':
			return {
				status,
				headers: { 'content-type': 'application/fhir+json' },
				body: {
					resourceType: 'OperationOutcome',
					issue: [{ severity: 'error', code: type, diagnostics: message }],
				},
			};
	}
}

/** S3's opaque `x-amz-id-2`; derived from the request id so a log line can be matched. */
export function hostId(requestId: string): string {
	return Buffer.from(`sandbox/${requestId}`).toString('base64');
}
