import type { INode } from 'n8n-workflow';
import { heidiError, hintFor, readDetail } from '../../../nodes/Heidi/transport/errors';

const node: INode = {
	id: '1',
	name: 'Heidi',
	type: 'n8n-nodes-clinical-scribe.heidi',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Heidi error bodies', () => {
	it('reads the detail envelope, FastAPI validation lists and plain details', () => {
		expect(
			readDetail('{"detail":{"msg":"Session not found","type":"SessionNotFoundError"}}'),
		).toEqual({ type: 'SessionNotFoundError', message: 'Session not found' });
		expect(
			readDetail(
				'{"detail":[{"type":"missing","loc":["body","voice_style"],"msg":"Field required"},{"loc":["query","email"],"msg":"bad"}]}',
			),
		).toEqual({
			type: 'ValidationError',
			message: 'voice_style: Field required; query.email: bad',
		});
		expect(readDetail('{"detail":"Not Found"}')).toEqual({ message: 'Not Found' });
		expect(readDetail('<html>502</html>')).toEqual({});
		expect(readDetail(undefined)).toEqual({});
	});

	it('gives advice for the known failure modes', () => {
		expect(hintFor(400, { type: 'NoLinkedUserException' })).toMatch(/not linked/);
		expect(
			hintFor(400, {
				message: 'Linked Account is required. Please link your account before using this feature.',
			}),
		).toMatch(/not linked/);
		expect(hintFor(404, { type: 'TemplateNotFoundError', message: 'Template not found' })).toMatch(
			/Template → Get Many/,
		);
		expect(hintFor(404, { message: 'Not Found' })).toMatch(/base URL/);
		expect(hintFor(409, { type: 'OpenAPIHeidiAccountAlreadyLinkedError' })).toMatch(/Unlink/);
		expect(hintFor(418, {})).toBeUndefined();
	});

	it('never shows secrets or identifiers the vendor echoes back', () => {
		const body =
			'{"detail":{"msg":"No user for clinician@example.org with key k-123456789abcdef and token eyJhbGciOi.eyJzdWIiOi.c2ln","type":"UserError"}}';
		const error = heidiError(
			node,
			{ operation: 'GetSession', status: 400, body, requestId: 'req-1' },
			{ itemIndex: 2, secrets: ['k-123456789abcdef'] },
		);
		expect(error.message).toMatch(/^GetSession failed \(HTTP 400\): UserError/);
		expect(error.message).not.toMatch(/clinician@example\.org|k-123456789abcdef|eyJ/);
		expect(error.description).toContain('Request ID: req-1');
		expect(JSON.stringify(error)).not.toMatch(/clinician@example\.org|k-123456789abcdef/);
	});
});
