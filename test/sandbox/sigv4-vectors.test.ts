/** The SigV4 implementation against AWS's published examples (independent of the SDK's signer). */
import { ChunkedBodyError, decodeAwsChunked } from '../../sandbox/core/chunked';
import {
	canonicalQuery,
	canonicalRequest,
	canonicalUri,
	chunkSignature,
	sign,
	signingKey,
	stringToSign,
} from '../../sandbox/core/sigv4';

const S3_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const S3_SCOPE = {
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	date: '20130524',
	region: 'us-east-1',
	service: 's3',
};
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const DATE = '20130524T000000Z';

describe('SigV4 against the AWS documentation examples', () => {
	test('IAM ListUsers (general signing example, double-encoded path)', () => {
		const scope = {
			accessKeyId: 'AKIDEXAMPLE',
			date: '20150830',
			region: 'us-east-1',
			service: 'iam',
		};
		const canonical = canonicalRequest({
			method: 'GET',
			rawPath: '/',
			rawQuery: 'Version=2010-05-08&Action=ListUsers',
			headers: {
				'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
				host: 'iam.amazonaws.com',
				'x-amz-date': '20150830T123600Z',
			},
			signedHeaders: ['content-type', 'host', 'x-amz-date'],
			payloadHash: EMPTY,
			s3: false,
		});
		expect(canonical.split('\n')[2]).toBe('Action=ListUsers&Version=2010-05-08');
		expect(
			sign(
				signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', scope),
				stringToSign('20150830T123600Z', scope, canonical),
			),
		).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
	});

	test('S3 GET object with a Range header', () => {
		const canonical = canonicalRequest({
			method: 'GET',
			rawPath: '/test.txt',
			rawQuery: '',
			headers: {
				host: 'examplebucket.s3.amazonaws.com',
				range: 'bytes=0-9',
				'x-amz-content-sha256': EMPTY,
				'x-amz-date': DATE,
			},
			signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
			payloadHash: EMPTY,
			s3: true,
		});
		expect(sign(signingKey(S3_SECRET, S3_SCOPE), stringToSign(DATE, S3_SCOPE, canonical))).toBe(
			'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
		);
	});

	test('S3 chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): seed and chunk signatures; the decoder verifies the chain', () => {
		const key = signingKey(S3_SECRET, S3_SCOPE);
		const canonical = canonicalRequest({
			method: 'PUT',
			rawPath: '/examplebucket/chunkObject.txt',
			rawQuery: '',
			headers: {
				host: 's3.amazonaws.com',
				'x-amz-date': DATE,
				'x-amz-storage-class': 'REDUCED_REDUNDANCY',
				'content-encoding': 'aws-chunked',
				'content-length': '66824',
				'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
				'x-amz-decoded-content-length': '66560',
			},
			signedHeaders: [
				'content-encoding',
				'content-length',
				'host',
				'x-amz-content-sha256',
				'x-amz-date',
				'x-amz-decoded-content-length',
				'x-amz-storage-class',
			],
			payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
			s3: true,
		});
		const seed = sign(key, stringToSign(DATE, S3_SCOPE, canonical));
		expect(seed).toBe('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9');
		const signatures = [
			'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
			'0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
			'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
		];
		const body = Buffer.concat([
			Buffer.from(`10000;chunk-signature=${signatures[0]}\r\n`),
			Buffer.alloc(65536, 'a'),
			Buffer.from(`\r\n400;chunk-signature=${signatures[1]}\r\n`),
			Buffer.alloc(1024, 'a'),
			Buffer.from(`\r\n0;chunk-signature=${signatures[2]}\r\n\r\n`),
		]);
		expect(body.length).toBe(66824);
		const verifier = {
			seed,
			chunk: (prev: string, data: Buffer) => chunkSignature(key, DATE, S3_SCOPE, prev, data),
			trailer: () => '',
		};
		const decoded = decodeAwsChunked(body, verifier);
		expect(decoded.data.length).toBe(66560);
		const tampered = Buffer.from(body);
		tampered[200] = 'b'.charCodeAt(0);
		expect(() => decodeAwsChunked(tampered, verifier)).toThrow(ChunkedBodyError);
	});

	test('unsigned aws-chunked bodies with a checksum trailer decode; broken framing is refused', () => {
		const body = Buffer.from(
			'5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n',
		);
		expect(decodeAwsChunked(body)).toEqual({
			data: Buffer.from('hello world'),
			trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' },
		});
		expect(() => decodeAwsChunked(Buffer.from('5\r\nhel'))).toThrow(/shorter/);
		expect(() => decodeAwsChunked(Buffer.from('zz\r\n'))).toThrow(/chunk size/);
		expect(() => decodeAwsChunked(Buffer.from('5\r\nhello'))).toThrow(/CRLF/);
	});

	test('canonical URI: S3 keeps the path as sent, other services normalise and encode each segment again', () => {
		expect(canonicalUri('/bucket/a%20b/c+d', true)).toBe('/bucket/a%20b/c+d');
		expect(canonicalUri('/tags/arn%3Aaws%3Ahealth-agent', false)).toBe(
			'/tags/arn%253Aaws%253Ahealth-agent',
		);
		expect(canonicalUri('/a/./b/../c/', false)).toBe('/a/c/');
		expect(canonicalUri('', false)).toBe('/');
	});

	test('canonical query: sorted by encoded name then value, RFC 3986 encoding, the signature left out', () => {
		expect(canonicalQuery('b=2&a=z&a=y&c&X-Amz-Signature=abc&sp=a%20b&star=*')).toBe(
			'a=y&a=z&b=2&c=&sp=a%20b&star=%2A',
		);
	});
});
