import { loadRestJsonErrorCode } from '@smithy/core/protocols';
import { readErrorAnswer, sanitizeErrorType } from '../../../nodes/ConnectHealth/transport/errors';
import type { HttpResponse } from '../../../nodes/ConnectHealth/transport/http';

/** The AWS SDK's own restJson1 reader (from node_modules) is the oracle for every form. */
const sdkType = (headers: Record<string, string>, body: Record<string, unknown>) =>
	loadRestJsonErrorCode({ headers } as never, body);

const response = (
	headers: Record<string, string>,
	body: Record<string, unknown> | string,
): HttpResponse => ({
	status: 400,
	headers,
	body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('Connect Health error type: the AWS SDK restJson1 rules', () => {
	const cases: Array<[string, Record<string, string>, Record<string, unknown>, string]> = [
		[
			'`code` before `__type` in the body: code wins',
			{},
			{ code: 'ConflictException', __type: 'ValidationException' },
			'ConflictException',
		],
		[
			'`__type` before `code` in the body: code still wins',
			{},
			{ __type: 'ValidationException', code: 'ConflictException' },
			'ConflictException',
		],
		[
			'a `Code` key (any case)',
			{},
			{ Code: 'ThrottlingException', message: 'slow down' },
			'ThrottlingException',
		],
		['a `CODE` key', {}, { CODE: 'AccessDeniedException' }, 'AccessDeniedException'],
		[
			'a comma-joined header (sent twice)',
			{ 'x-amzn-errortype': 'ResourceNotFoundException,ResourceNotFoundException' },
			{},
			'ResourceNotFoundException',
		],
		[
			'a comma-joined header with URLs',
			{ 'x-amzn-errortype': 'ValidationException:http://a/,ConflictException:http://b/' },
			{},
			'ValidationException',
		],
		[
			'the header beats the body',
			{ 'x-amzn-errortype': 'ThrottlingException' },
			{ code: 'ValidationException', __type: 'ConflictException' },
			'ThrottlingException',
		],
		[
			'a header key in mixed case',
			{ 'X-Amzn-ErrorType': 'ConflictException:http://x' },
			{},
			'ConflictException',
		],
		[
			'a namespaced __type',
			{},
			{ __type: 'com.amazonaws.connecthealth#ValidationException' },
			'ValidationException',
		],
		[
			'a namespaced type with a URL',
			{},
			{ __type: 'aws.protocoltests.restjson#FooError:http://x' },
			'FooError',
		],
		['two # (the SDK keeps what follows the first)', {}, { __type: 'a#b#c' }, 'b'],
		['a numeric code', {}, { code: 404 }, '404'],
		[
			'surrounding spaces kept, as the SDK keeps them',
			{},
			{ code: ' ConflictException ' },
			' ConflictException ',
		],
	];

	it.each(cases)('%s', (_name, headers, body, expected) => {
		expect(sdkType(headers, body)).toBe(expected);
		expect(readErrorAnswer(response(headers, body)).errorType).toBe(expected);
	});

	it('sanitizes exactly as the SDK for comma, colon and hash in every order', () => {
		for (const raw of [
			'A,B',
			'A:B,C',
			'ns#A:x',
			'A,ns#B',
			'ns#A,B',
			':A',
			'#',
			'A#',
			'ns#A#B:c,d',
		]) {
			expect(sanitizeErrorType(raw)).toBe(sdkType({ 'x-amzn-errortype': raw }, {}));
		}
	});

	it('a body that is not JSON gives only what the headers say, and the message from message or Message', () => {
		expect(readErrorAnswer(response({}, '<html>Bad Gateway</html>')).errorType).toBeUndefined();
		expect(
			readErrorAnswer(response({ 'x-amzn-errortype': 'InternalServerException' }, '<html>'))
				.errorType,
		).toBe('InternalServerException');
		expect(readErrorAnswer(response({}, { code: 'X', Message: 'capital' })).message).toBe(
			'capital',
		);
		expect(
			readErrorAnswer(response({}, { code: 'X', message: 'small', Message: 'capital' })).message,
		).toBe('small');
	});
});
