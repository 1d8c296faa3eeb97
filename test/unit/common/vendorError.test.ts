import type { INode } from 'n8n-workflow';
import { vendorError } from '../../../nodes/common/errors';

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test.node',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('vendorError', () => {
	test('keeps its own message even when the error type contains a network code (ResourceNotFound ⊃ ENOTFOUND)', () => {
		const error = vendorError(node, {
			operation: 'GetDomain',
			httpStatus: 404,
			errorType: 'ResourceNotFoundException',
			message: 'Domain was not found.',
			requestId: 'r-1',
		});
		expect(error.message).toBe(
			'GetDomain failed (HTTP 404): ResourceNotFoundException – Domain was not found.',
		);
		expect(error.httpCode).toBe('404');
		expect(error.description).toBe('Request ID: r-1');
	});

	test('network failures keep the operation and code', () => {
		const error = vendorError(node, {
			operation: 'ListDomains',
			code: 'ECONNRESET',
			message: 'socket hang up',
		});
		expect(error.message).toBe('ListDomains failed: ECONNRESET – socket hang up');
	});
});
