import { memoizeIdentity } from '../../../nodes/common/aws/identity';
import { parseS3Uri } from '../../../nodes/common/aws/s3';
import { readAwsSettings } from '../../../nodes/common/aws/settings';
import { ItemValidator } from '../../../nodes/common/validate';

describe('AWS settings and helpers', () => {
	it('reads endpoint overrides only when custom endpoints are on, trimming trailing slashes', () => {
		const on = readAwsSettings({
			customEndpoints: true,
			transcribeEndpoint: 'http://127.0.0.1:4581/ ',
			s3Endpoint: '',
		});
		expect(on.endpoints).toEqual({
			transcribeEndpoint: 'http://127.0.0.1:4581',
			connectHealthEndpoint: undefined,
			s3Endpoint: undefined,
			stsEndpoint: undefined,
		});
		const off = readAwsSettings({ customEndpoints: false, transcribeEndpoint: 'http://x' });
		expect(off.endpoints.transcribeEndpoint).toBeUndefined();
		expect(off.region).toBe('us-east-1');
		expect(off.connectHealthHostPrefix).toBe(true);
	});

	it('parses s3:// and the HTTPS URI forms AWS returns', () => {
		expect(parseS3Uri('s3://bucket/a/b.json')).toEqual({ bucket: 'bucket', key: 'a/b.json' });
		expect(
			parseS3Uri('https://s3.us-east-1.amazonaws.com/out-bucket/job%201/summary.json'),
		).toEqual({ bucket: 'out-bucket', key: 'job 1/summary.json' });
		expect(parseS3Uri('https://out-bucket.s3.us-west-2.amazonaws.com/job/transcript.json')).toEqual(
			{ bucket: 'out-bucket', key: 'job/transcript.json' },
		);
		expect(parseS3Uri('http://127.0.0.1:4580/b/k')).toEqual({ bucket: 'b', key: 'k' });
		expect(parseS3Uri('not a uri')).toBeUndefined();
	});

	it('caches temporary credentials until five minutes before expiry and shares one refresh', async () => {
		let now = 0;
		let calls = 0;
		const provider = memoizeIdentity(
			async () => ({
				accessKeyId: `ASIA${++calls}`,
				secretAccessKey: 's',
				expiration: new Date(now + 3_600_000),
			}),
			() => now,
		);
		const [a, b] = await Promise.all([provider(), provider()]);
		expect(a.accessKeyId).toBe('ASIA1');
		expect(b.accessKeyId).toBe('ASIA1');
		now = 3_600_000 - 6 * 60_000;
		expect((await provider()).accessKeyId).toBe('ASIA1');
		now = 3_600_000 - 4 * 60_000;
		expect((await provider()).accessKeyId).toBe('ASIA2');
		expect(calls).toBe(2);
	});
});

describe('ItemValidator', () => {
	const node = {
		id: '1',
		name: 'N',
		type: 't',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const v = new ItemValidator(node, 4);

	it('names the field and the fix, never the value', () => {
		expect(() =>
			v.pattern(
				'Job Name',
				'has space secret',
				/^[\w.-]+$/,
				'Use letters, digits, dots, dashes and underscores.',
			),
		).toThrow('Invalid "Job Name": it does not have the required format');
		try {
			v.range('Max Speakers', 31, 2, 30);
		} catch (error: any) {
			expect(error.description).toBe('Use a number from 2 to 30.');
			expect(error.context.itemIndex).toBe(4);
		}
		expect(() => v.exactlyOne({ a: 'x', b: 'y' })).toThrow('more than one alternative is set');
		expect(() => v.exactlyOne({ a: '', b: undefined })).toThrow('none is set');
		expect(() => v.oneOf('Status', 'DONE', ['QUEUED', 'COMPLETED'])).toThrow(
			'not one of the allowed values',
		);
		expect(() => v.required('Bucket', '  ')).toThrow('Invalid "Bucket": it is empty');
		expect(() => v.length('Name', 'abc', 1, 200)).not.toThrow();
	});
});
