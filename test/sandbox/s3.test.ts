import {
	CopyObjectCommand,
	CreateBucketCommand,
	DeleteBucketCommand,
	DeleteObjectCommand,
	DeleteObjectsCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	ListBucketsCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	paginateListObjectsV2,
	type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Sandbox } from '../../sandbox';
import { creds, s3Client, sandbox, signedRequest } from './core-helpers';

describe('S3 emulator with @aws-sdk/client-s3 (path-style)', () => {
	let sb: Sandbox;
	let s3: S3Client;
	beforeAll(async () => {
		sb = await sandbox();
		s3 = s3Client(sb);
		await s3.send(new CreateBucketCommand({ Bucket: 'clinic-uploads' }));
	});
	afterAll(() => sb.stop());

	test('buckets: create (idempotent in us-east-1), head, list, invalid names, delete only when empty', async () => {
		await s3.send(new CreateBucketCommand({ Bucket: 'clinic-uploads' }));
		const head = await s3.send(new HeadBucketCommand({ Bucket: 'clinic-uploads' }));
		expect(head.BucketRegion).toBe('us-east-1');
		await expect(
			s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket-here' })),
		).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
		const names = (await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
		expect(names).toEqual(
			expect.arrayContaining(['clinic-uploads', 'sandbox-media', 'sandbox-output']),
		);
		expect([...names]).toEqual([...names].sort());
		await expect(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Bucket' }))).rejects.toMatchObject({
			name: 'InvalidBucketName',
			$metadata: { httpStatusCode: 400 },
		});
		await expect(
			s3.send(new DeleteBucketCommand({ Bucket: 'sandbox-media' })),
		).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
		await s3.send(new CreateBucketCommand({ Bucket: 'short-lived' }));
		await s3.send(new DeleteBucketCommand({ Bucket: 'short-lived' }));
		expect(sb.store.hasBucket('short-lived')).toBe(false);
	});

	test('PutObject from a Buffer: content type, user metadata, ETag (MD5) and the checksum the SDK sends', async () => {
		const body = Buffer.from('{"synthetic":true}');
		const put = await s3.send(
			new PutObjectCommand({
				Bucket: 'clinic-uploads',
				Key: 'notes/a.json',
				Body: body,
				ContentType: 'application/json',
				Metadata: { visit: 'v-1' },
			}),
		);
		expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
		expect(put.ChecksumCRC32).toEqual(expect.any(String));
		const head = await s3.send(
			new HeadObjectCommand({ Bucket: 'clinic-uploads', Key: 'notes/a.json' }),
		);
		expect(head).toMatchObject({
			ContentType: 'application/json',
			ContentLength: body.length,
			Metadata: { visit: 'v-1' },
			ETag: put.ETag,
		});
		const got = await s3.send(
			new GetObjectCommand({
				Bucket: 'clinic-uploads',
				Key: 'notes/a.json',
				ChecksumMode: 'ENABLED',
			}),
		);
		expect(await got.Body!.transformToString()).toBe('{"synthetic":true}');
		expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
	});

	test('PutObject from a stream arrives as aws-chunked with a trailing checksum and is decoded byte for byte', async () => {
		const chunks = [Buffer.alloc(70_000, 7), Buffer.from('middle'), Buffer.alloc(9_000, 9)];
		const expected = Buffer.concat(chunks);
		await s3.send(
			new PutObjectCommand({
				Bucket: 'clinic-uploads',
				Key: 'audio/stream.bin',
				Body: Readable.from(chunks),
				ContentLength: expected.length,
			}),
		);
		const entry = sb.log
			.entries({ service: 's3', method: 'PUT', pathPrefix: '/clinic-uploads/audio/stream.bin' })
			.at(-1)!;
		expect(entry.headers['content-encoding']).toContain('aws-chunked');
		expect(entry.headers['x-amz-content-sha256']).toMatch(/^STREAMING-/);
		expect(entry.body).toEqual({ bytes: expected.length });
		expect(sb.store.get('clinic-uploads', 'audio/stream.bin')!.body.equals(expected)).toBe(true);
	});

	test('a checksum that does not match the body is BadDigest and nothing is stored', async () => {
		await expect(
			s3.send(
				new PutObjectCommand({
					Bucket: 'clinic-uploads',
					Key: 'bad-digest.txt',
					Body: 'hello',
					ChecksumCRC32: 'AAAAAA==',
				}),
			),
		).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
		expect(sb.store.get('clinic-uploads', 'bad-digest.txt')).toBeUndefined();
	});

	test('GetObject with a Range answers 206 with Content-Range; an unsatisfiable range is InvalidRange (416)', async () => {
		sb.store.put('clinic-uploads', 'ranged.txt', '0123456789');
		const part = await s3.send(
			new GetObjectCommand({ Bucket: 'clinic-uploads', Key: 'ranged.txt', Range: 'bytes=2-5' }),
		);
		expect(part.$metadata.httpStatusCode).toBe(206);
		expect(part.ContentRange).toBe('bytes 2-5/10');
		expect(await part.Body!.transformToString()).toBe('2345');
		const tail = await s3.send(
			new GetObjectCommand({ Bucket: 'clinic-uploads', Key: 'ranged.txt', Range: 'bytes=-3' }),
		);
		expect(await tail.Body!.transformToString()).toBe('789');
		await expect(
			s3.send(
				new GetObjectCommand({ Bucket: 'clinic-uploads', Key: 'ranged.txt', Range: 'bytes=20-30' }),
			),
		).rejects.toMatchObject({
			name: 'InvalidRange',
			$metadata: { httpStatusCode: 416 },
		});
	});

	test('missing keys and buckets: NoSuchKey / NoSuchBucket (404); HeadObject 404 without a body', async () => {
		await expect(
			s3.send(new GetObjectCommand({ Bucket: 'clinic-uploads', Key: 'missing.txt' })),
		).rejects.toMatchObject({
			name: 'NoSuchKey',
			Key: 'missing.txt',
			$metadata: { httpStatusCode: 404 },
		});
		await expect(
			s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'x' })),
		).rejects.toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
		await expect(
			s3.send(new HeadObjectCommand({ Bucket: 'clinic-uploads', Key: 'missing.txt' })),
		).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
		await expect(
			s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'x', Body: 'x' })),
		).rejects.toMatchObject({ name: 'NoSuchBucket' });
	});

	test('CopyObject copies bytes and metadata; DeleteObject and DeleteObjects remove keys (missing keys are fine)', async () => {
		sb.store.put('clinic-uploads', 'copy/source & more.txt', 'copied text', 'text/plain');
		const copy = await s3.send(
			new CopyObjectCommand({
				Bucket: 'sandbox-output',
				Key: 'copy/target.txt',
				CopySource: `clinic-uploads/${encodeURIComponent('copy/source & more.txt')}`,
			}),
		);
		expect(copy.CopyObjectResult?.ETag).toBe(
			sb.store.get('clinic-uploads', 'copy/source & more.txt')!.etag,
		);
		expect(sb.store.get('sandbox-output', 'copy/target.txt')).toMatchObject({
			contentType: 'text/plain',
		});
		await expect(
			s3.send(
				new CopyObjectCommand({
					Bucket: 'sandbox-output',
					Key: 'x',
					CopySource: 'clinic-uploads/not-there',
				}),
			),
		).rejects.toMatchObject({ name: 'NoSuchKey' });

		await s3.send(new DeleteObjectCommand({ Bucket: 'sandbox-output', Key: 'copy/target.txt' }));
		await s3.send(new DeleteObjectCommand({ Bucket: 'sandbox-output', Key: 'never-existed' }));
		expect(sb.store.get('sandbox-output', 'copy/target.txt')).toBeUndefined();
		sb.store.put('clinic-uploads', 'bulk/1', 'a');
		sb.store.put('clinic-uploads', 'bulk/<2>&', 'b');
		const deleted = await s3.send(
			new DeleteObjectsCommand({
				Bucket: 'clinic-uploads',
				Delete: { Objects: [{ Key: 'bulk/1' }, { Key: 'bulk/<2>&' }, { Key: 'bulk/none' }] },
			}),
		);
		expect(deleted.Deleted!.map((d) => d.Key)).toEqual(['bulk/1', 'bulk/<2>&', 'bulk/none']);
		expect(sb.store.list('clinic-uploads', 'bulk/')).toEqual([]);
	});
});

describe('ListObjectsV2', () => {
	let sb: Sandbox;
	let s3: S3Client;
	const keys = [
		...Array.from(
			{ length: 23 },
			(_, i) => `recordings/2026-01-${String(i + 1).padStart(2, '0')}/visit.wav`,
		),
		'recordings/readme.txt',
		'reports/monthly.csv',
		'top-level.txt',
		'z\uFFFDlast-bmp.txt',
		'z\u{1F600}astral.txt',
	];
	beforeAll(async () => {
		sb = await sandbox({ seed: false });
		s3 = s3Client(sb);
		sb.store.ensureBucket('listing');
		for (const key of [...keys].reverse()) sb.store.put('listing', key, key);
	});
	afterAll(() => sb.stop());

	test('keys come back in UTF-8 binary order (an emoji sorts after U+FFFD, unlike JavaScript string order)', async () => {
		const res = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'z' }));
		expect(res.Contents!.map((c) => c.Key)).toEqual([
			'z\uFFFDlast-bmp.txt',
			'z\u{1F600}astral.txt',
		]);
		expect(res.KeyCount).toBe(2);
		expect(res.IsTruncated).toBe(false);
		expect(res.Contents![0]).toMatchObject({
			Size: 'z\uFFFDlast-bmp.txt'.length + 2,
			StorageClass: 'STANDARD',
			LastModified: expect.any(Date),
			ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
		});
	});

	test('the SDK paginator returns every key once, in order, max-keys per page', async () => {
		const pages: string[][] = [];
		for await (const page of paginateListObjectsV2(
			{ client: s3, pageSize: 7 },
			{ Bucket: 'listing' },
		))
			pages.push((page.Contents ?? []).map((c) => c.Key!));
		expect(keys).toHaveLength(28);
		expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7]);
		expect(pages.flat()).toEqual(
			[...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
		);
	});

	test('delimiter rolls keys into CommonPrefixes, also across pages', async () => {
		const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
		expect(top.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['recordings/', 'reports/']);
		expect(top.Contents!.map((c) => c.Key)).toEqual([
			'top-level.txt',
			'z\uFFFDlast-bmp.txt',
			'z\u{1F600}astral.txt',
		]);

		const prefixes: string[] = [];
		const files: string[] = [];
		for await (const page of paginateListObjectsV2(
			{ client: s3, pageSize: 5 },
			{ Bucket: 'listing', Prefix: 'recordings/', Delimiter: '/' },
		)) {
			prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
			files.push(...(page.Contents ?? []).map((c) => c.Key!));
		}
		expect(prefixes).toHaveLength(23);
		expect(new Set(prefixes).size).toBe(23);
		expect(files).toEqual(['recordings/readme.txt']);
	});

	test('start-after and max-keys; continuation tokens are opaque and checked', async () => {
		const res = await s3.send(
			new ListObjectsV2Command({
				Bucket: 'listing',
				StartAfter: 'recordings/2026-01-22/visit.wav',
				MaxKeys: 3,
			}),
		);
		expect(res.Contents!.map((c) => c.Key)).toEqual([
			'recordings/2026-01-23/visit.wav',
			'recordings/readme.txt',
			'reports/monthly.csv',
		]);
		expect(res.StartAfter).toBe('recordings/2026-01-22/visit.wav');
		expect(res.IsTruncated).toBe(true);
		const next = await s3.send(
			new ListObjectsV2Command({
				Bucket: 'listing',
				ContinuationToken: res.NextContinuationToken,
				MaxKeys: 1,
			}),
		);
		expect(next.Contents!.map((c) => c.Key)).toEqual(['top-level.txt']);
		expect(next.ContinuationToken).toBe(res.NextContinuationToken);
		await expect(
			s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'bogus' })),
		).rejects.toMatchObject({ name: 'InvalidArgument' });
		await expect(
			s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' })),
		).rejects.toMatchObject({ name: 'NoSuchBucket' });
	});

	test('encoding-type=url encodes keys in the XML; unsupported sub-resources answer 501 NotImplemented', async () => {
		const reply = await signedRequest(sb.urls.s3, {
			method: 'GET',
			path: '/listing?list-type=2&prefix=z&encoding-type=url',
			credentials: creds(sb),
			signingName: 's3',
			s3: true,
		});
		expect(reply.text).toContain(`<Key>${encodeURIComponent('z\uFFFDlast-bmp.txt')}</Key>`);
		const acl = await signedRequest(sb.urls.s3, {
			method: 'GET',
			path: '/listing?acl',
			credentials: creds(sb),
			signingName: 's3',
			s3: true,
		});
		expect(acl.status).toBe(501);
		expect(acl.text).toContain('<Code>NotImplemented</Code>');
	});
});
