import { createClock } from '../../sandbox/core/clock';
import { ServiceError, renderError } from '../../sandbox/core/errors';
import { createRequestLog, queryObject, redactHeaders } from '../../sandbox/core/log';
import { createObjectStore } from '../../sandbox/core/store';

describe('clock', () => {
	test('speed 0 is frozen; advance steps it; negative or non-finite steps are refused', () => {
		const clock = createClock({ speed: 0, start: 1_000_000 });
		expect(clock.now()).toBe(1_000_000);
		clock.advance(2500);
		expect(clock.now()).toBe(1_002_500);
		expect(() => clock.advance(-1)).toThrow(RangeError);
		expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
		expect(() => clock.setSpeed(-2)).toThrow(RangeError);
	});

	test('speed multiplies real elapsed time, and changing speed never makes time jump', async () => {
		const clock = createClock({ speed: 1000, start: 0 });
		await new Promise((resolve) => setTimeout(resolve, 30));
		const fast = clock.now();
		expect(fast).toBeGreaterThanOrEqual(25_000);
		clock.setSpeed(0);
		const frozen = clock.now();
		expect(frozen).toBeGreaterThanOrEqual(fast);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(clock.now()).toBe(frozen);
	});
});

describe('object store', () => {
	test('put/get with an MD5 ETag; LastModified from the given clock; unknown buckets', () => {
		const store = createObjectStore({ now: () => Date.UTC(2026, 0, 2) });
		store.ensureBucket('b');
		const object = store.put('b', 'k', 'hello', 'text/plain');
		expect(object).toMatchObject({
			contentType: 'text/plain',
			etag: '"5d41402abc4b2a76b9719d911017c592"',
			lastModified: new Date(Date.UTC(2026, 0, 2)),
		});
		expect(store.get('b', 'k')?.body.toString()).toBe('hello');
		expect(store.get('nope', 'k')).toBeUndefined();
		expect(() => store.put('nope', 'k', 'x')).toThrow(/no such bucket/);
		expect(store.delete('b', 'missing')).toBe(false);
	});

	test('lists in UTF-8 byte order by prefix; buckets sorted; only empty buckets can be deleted', () => {
		const store = createObjectStore();
		store.ensureBucket('zeta');
		store.ensureBucket('alpha');
		for (const key of ['b', 'a/2', 'a/10', '\u{1F600}', '\uFFFD', 'A'])
			store.put('alpha', key, key);
		expect(store.list('alpha').map((e) => e.key)).toEqual([
			'A',
			'a/10',
			'a/2',
			'b',
			'\uFFFD',
			'\u{1F600}',
		]);
		expect(store.list('alpha', 'a/').map((e) => e.key)).toEqual(['a/10', 'a/2']);
		store.put('alpha', 'a/0', 'new key after a listing');
		expect(store.list('alpha', 'a/').map((e) => e.key)).toEqual(['a/0', 'a/10', 'a/2']);
		expect(store.buckets().map((b) => b.name)).toEqual(['alpha', 'zeta']);
		expect(store.deleteBucket('alpha')).toBe(false);
		expect(store.deleteBucket('zeta')).toBe(true);
		expect(store.hasBucket('zeta')).toBe(false);
	});
});

describe('request log', () => {
	test('secrets are removed from headers and presigned query strings', () => {
		const headers = redactHeaders({
			authorization: 'AWS4-HMAC-SHA256 Credential=...',
			'x-amz-security-token': 'token',
			'heidi-api-key': 'key',
			cookie: 'session=1',
			'content-type': 'application/json',
		});
		expect(headers).toEqual({
			authorization: '[redacted]',
			'x-amz-security-token': '[redacted]',
			'heidi-api-key': '[redacted]',
			cookie: '[redacted]',
			'content-type': 'application/json',
		});
		expect(
			queryObject(new URLSearchParams('X-Amz-Signature=abc&X-Amz-Security-Token=t&a=1&a=2')),
		).toEqual({
			'X-Amz-Signature': '[redacted]',
			'X-Amz-Security-Token': '[redacted]',
			a: ['1', '2'],
		});
	});

	test('entries get increasing sequence numbers and can be filtered; the log keeps a bounded tail', () => {
		const log = createRequestLog(4);
		const base = {
			time: '',
			method: 'POST',
			path: '/',
			query: {},
			headers: {},
			status: 200,
			requestId: 'r',
			durationMs: 1,
		};
		for (let i = 0; i < 10; i++)
			log.add({
				...base,
				service: i % 2 ? 'transcribe' : 's3',
				target: i % 2 ? 'Transcribe.GetMedicalScribeJob' : undefined,
			});
		const entries = log.entries();
		expect(entries.length).toBeLessThanOrEqual(5);
		expect(entries.at(-1)!.seq).toBe(10);
		expect(
			log.entries({ target: 'GetMedicalScribeJob' }).every((e) => e.service === 'transcribe'),
		).toBe(true);
		expect(log.entries({ since: 8 }).map((e) => e.seq)).toEqual([9, 10]);
		log.clear();
		expect(log.entries()).toEqual([]);
	});
});

describe('error rendering per protocol', () => {
	const error = new ServiceError(404, 'NoSuchThing', 'It is <gone> & "missing"', { Key: 'k' });
	test.each([
		[
			'awsJson1_1',
			{ 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'NoSuchThing' },
			{ __type: 'NoSuchThing', Message: error.message },
		],
		[
			'restJson1',
			{ 'content-type': 'application/json', 'x-amzn-errortype': 'NoSuchThing' },
			{ message: error.message },
		],
		[
			'heidi',
			{ 'content-type': 'application/json' },
			{ detail: { msg: error.message, type: 'NoSuchThing' } },
		],
	] as const)('%s', (protocol, headers, body) => {
		expect(renderError(protocol, error, 'req-1')).toEqual({ status: 404, headers, body });
	});

	test('S3 XML and the STS ErrorResponse escape text and carry the request id', () => {
		const s3 = renderError('restXml', error, 'req-1');
		expect(s3.body).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchThing</Code><Message>It is &lt;gone&gt; &amp; &quot;missing&quot;</Message><Key>k</Key><RequestId>req-1</RequestId><HostId>' +
				Buffer.from('sandbox/req-1').toString('base64') +
				'</HostId></Error>',
		);
		const sts = renderError('awsQuery', new ServiceError(500, 'InternalFailure', 'x'), 'req-2');
		expect(sts.body).toContain('<Type>Receiver</Type>');
		expect(sts.body).toContain('<RequestId>req-2</RequestId>');
	});
});
