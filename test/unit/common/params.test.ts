import { DateTime } from 'luxon';
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { runForEachItem } from '../../../nodes/common/items';
import { bucketNameProblem, isCalendarDate, ParamReader } from '../../../nodes/common/params';

const node: INode = {
	id: 'n',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A reader over fixed parameter values, as an expression would have resolved them. */
function reader(values: Record<string, unknown>): ParamReader {
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in values ? values[name] : fallback,
	} as unknown as IExecuteFunctions;
	return new ParamReader(context, 0);
}

/** The message and description of what `read` throws. */
function failure(read: () => unknown): { message: string; description: string } {
	try {
		read();
	} catch (error) {
		const e = error as { message: string; description: string; name: string };
		expect(e.name).toBe('NodeOperationError');
		return { message: e.message, description: e.description };
	}
	throw new Error('expected a refusal');
}

describe('strings', () => {
	test('numbers become text, text is trimmed, null and blank are not set', () => {
		const p = reader({ a: 12345, b: '  x  ', c: null, d: '' });
		expect(p.string('a', 'A')).toBe('12345');
		expect(p.string('b', 'B')).toBe('x');
		expect(p.optionalString('c', 'C')).toBeUndefined();
		expect(p.optionalString('d', 'D')).toBeUndefined();
		expect(p.string('missing', 'M', { fallback: 'dflt' })).toBe('dflt');
	});

	test.each([
		['an object', { a: 1 }],
		['a list', ['x']],
		['true or false', true],
	])('%s is refused by name, with a fix, without the value', (kind, value) => {
		const { message, description } = failure(() =>
			reader({ jobName: value }).string('jobName', 'Job Name'),
		);
		expect(message).toBe(`Invalid "Job Name": the value is ${kind}, not text`);
		expect(description).toMatch(/Map a single text field/);
	});

	test('a required string that is null is empty', () => {
		expect(
			failure(() => reader({ a: null }).string('a', 'Patient ID', { required: true })).message,
		).toBe('Invalid "Patient ID": it is empty');
	});

	test('NaN is not text', () => {
		expect(failure(() => reader({ a: Number.NaN }).string('a', 'A')).message).toMatch(/not finite/);
	});

	test('lists: entries must be texts or numbers', () => {
		expect(reader({ l: ['a', 2, ' ', null] }).stringList('l', 'L')).toEqual(['a', '2']);
		expect(reader({ l: 'one\ntwo' }).stringList('l', 'L', { lines: true })).toEqual(['one', 'two']);
		expect(failure(() => reader({ l: ['a', { b: 1 }] }).stringList('l', 'Notes')).message).toBe(
			'Invalid "Notes": the value is an object, not text',
		);
	});
});

describe('numbers, booleans, options, collections', () => {
	test('numeric text is a number; objects and NaN are refused', () => {
		expect(reader({ n: ' 7 ' }).number('n', 'Limit', { min: 1, max: 10 })).toBe(7);
		expect(reader({}).number('n', 'Limit', { min: 1, max: 10, fallback: 5 })).toBe(5);
		expect(
			failure(() => reader({ n: 'seven' }).number('n', 'Limit', { min: 1, max: 10 })).message,
		).toBe('Invalid "Limit": it is not a number');
		expect(
			failure(() => reader({ n: { a: 1 } }).number('n', 'Limit', { min: 1, max: 10 })).message,
		).toBe('Invalid "Limit": the value is an object, not a number');
		expect(
			failure(() => reader({ n: true }).number('n', 'Limit', { min: 1, max: 10 })).message,
		).toBe('Invalid "Limit": the value is true or false, not a number');
		expect(
			failure(() =>
				reader({ n: 2.5 }).number('n', 'Max Speakers', { min: 1, max: 10, integer: true }),
			).message,
		).toBe('Invalid "Max Speakers": it is not a whole number');
		expect(
			failure(() => reader({ n: null }).number('n', 'Index', { min: 0, max: 10 })).message,
		).toBe('Invalid "Index": it is empty');
	});

	test('booleans: true/false and their texts', () => {
		expect(reader({ b: 'TRUE' }).boolean('b', 'B')).toBe(true);
		expect(reader({ b: 'false' }).boolean('b', 'B', true)).toBe(false);
		expect(reader({ b: null }).boolean('b', 'B', true)).toBe(true);
		expect(failure(() => reader({ b: 1 }).boolean('b', 'Return All')).message).toBe(
			'Invalid "Return All": the value is a number, not true or false',
		);
		expect(failure(() => reader({ b: 'yes' }).boolean('b', 'Return All')).message).toBe(
			'Invalid "Return All": the value is text, not true or false',
		);
	});

	test('options are checked against their values', () => {
		expect(reader({ o: 'LEFT' }).options('o', 'Brain', ['LEFT', 'RIGHT'])).toBe('LEFT');
		expect(reader({}).options('o', 'Brain', ['LEFT', 'RIGHT'], 'RIGHT')).toBe('RIGHT');
		const refused = failure(() => reader({ o: 'MIDDLE' }).options('o', 'Brain', ['LEFT', 'RIGHT']));
		expect(refused).toEqual({
			message: 'Invalid "Brain": it is not one of the allowed values',
			description: 'Use one of: LEFT, RIGHT.',
		});
		expect(failure(() => reader({ o: { v: 1 } }).options('o', 'Brain', ['LEFT'])).message).toBe(
			'Invalid "Brain": the value is an object, not text',
		);
	});

	test('collections and fixed collections must be objects', () => {
		expect(reader({ c: null }).collection('c', 'Filters')).toEqual({});
		expect(failure(() => reader({ c: 'x' }).collection('c', 'Filters')).message).toBe(
			'Invalid "Filters": the value is text, not a set of fields',
		);
		expect(failure(() => reader({ c: [1] }).collection('c', 'Filters')).message).toBe(
			'Invalid "Filters": the value is a list, not a set of fields',
		);
		const p = reader({});
		expect(p.entries('Tags', { tag: { key: 'a' } }, 'tag')).toEqual([{ key: 'a' }]);
		expect(failure(() => p.entries('Tags', { tag: ['x'] }, 'tag')).message).toBe(
			'Invalid "Tags": the value is text, not a set of fields',
		);
	});
});

describe('dates', () => {
	test.each(['1980-02-29', '2000-02-29', '2024-12-31', '1900-01-01'])('%s is a date', (value) => {
		expect(isCalendarDate(value)).toBe(true);
		expect(reader({}).date('Date of Birth', value)).toBe(value);
	});

	test.each([
		'1980-02-31',
		'1981-02-29',
		'1900-02-29',
		'2024-13-01',
		'2024-00-10',
		'2024-04-31',
		'24-01-01',
		'2024-1-1',
		'2024-01-01T00:00:00Z',
		'tomorrow',
	])('%s is refused without being quoted', (value) => {
		const { message, description } = failure(() => reader({}).date('Date of Birth', value));
		expect(message).toBe('Invalid "Date of Birth": it is not a real date in YYYY-MM-DD form');
		expect(`${message} ${description}`).not.toContain(value);
	});

	test('date and time: ISO text, Date and Luxon-like objects; impossible days refused', () => {
		const p = reader({});
		expect(p.dateTime('Start', '2025-03-01T09:30:00Z')).toBe(Date.UTC(2025, 2, 1, 9, 30));
		expect(p.dateTime('Start', new Date(Date.UTC(2025, 0, 2)))).toBe(Date.UTC(2025, 0, 2));
		expect(p.dateTime('Start', { toISO: () => '2025-01-03T00:00:00.000Z' })).toBe(
			Date.UTC(2025, 0, 3),
		);
		expect(p.dateTime('Start', '')).toBeUndefined();
		expect(failure(() => p.dateTime('Start Time', '2025-02-30T10:00:00Z')).message).toBe(
			'Invalid "Start Time": it is not a date and time',
		);
		expect(failure(() => p.dateTime('Start Time', { a: 1 })).message).toBe(
			'Invalid "Start Time": the value is an object, not text',
		);
	});

	describe('date and time in a time zone', () => {
		const p = reader({});
		const berlin = (value: unknown) => p.dateTime('Replay Events Since', value, 'Europe/Berlin');

		test.each([
			['winter (CET, +01:00)', '2025-01-15T09:30:00', Date.UTC(2025, 0, 15, 8, 30)],
			['summer (CEST, +02:00)', '2025-07-15T09:30:00', Date.UTC(2025, 6, 15, 7, 30)],
			['without seconds', '2025-07-15T09:30', Date.UTC(2025, 6, 15, 7, 30)],
			['with milliseconds', '2025-07-15T09:30:00.250', Date.UTC(2025, 6, 15, 7, 30, 0, 250)],
			['a date only: its midnight there', '2025-07-15', Date.UTC(2025, 6, 14, 22)],
			['the hour before the spring change', '2025-03-30T01:30:00', Date.UTC(2025, 2, 30, 0, 30)],
			['the hour after the spring change', '2025-03-30T03:30:00', Date.UTC(2025, 2, 30, 1, 30)],
			['the hour after the autumn change', '2025-10-26T03:30:00', Date.UTC(2025, 9, 26, 2, 30)],
		])('an offset-less value is read in the zone: %s', (_case, value, expected) => {
			expect(berlin(value)).toBe(expected);
		});

		test('west of UTC too', () => {
			expect(p.dateTime('Start', '2025-01-15T09:30:00', 'America/New_York')).toBe(
				Date.UTC(2025, 0, 15, 14, 30),
			);
		});

		test.each([
			['Z', '2025-07-15T09:30:00Z', Date.UTC(2025, 6, 15, 9, 30)],
			['lower-case z', '2025-07-15t09:30:00z', Date.UTC(2025, 6, 15, 9, 30)],
			['+05:30', '2025-07-15T09:30:00+05:30', Date.UTC(2025, 6, 15, 4)],
			['-0500', '2025-07-15T09:30:00-0500', Date.UTC(2025, 6, 15, 14, 30)],
		])('a value that says its offset (%s) ignores the zone', (_case, value, expected) => {
			expect(berlin(value)).toBe(expected);
		});

		test('an unknown zone reads the value as UTC', () => {
			expect(p.dateTime('Start', '2025-07-15T09:30:00', 'Mars/Olympus_Mons')).toBe(
				Date.UTC(2025, 6, 15, 9, 30),
			);
		});

		test('Date and Luxon values of an expression keep their own instant', () => {
			const instant = Date.UTC(2025, 6, 15, 13, 30);
			expect(berlin(new Date(instant))).toBe(instant);
			// {{ $now }}-like: a Luxon DateTime in another zone writes its offset.
			expect(berlin(DateTime.fromISO('2025-07-15T09:30:00', { zone: 'America/New_York' }))).toBe(
				instant,
			);
			expect(berlin(DateTime.fromMillis(instant, { zone: 'utc' }))).toBe(instant);
		});

		test('impossible or unreadable values are refused in a zone too', () => {
			for (const value of ['2025-02-30T10:00:00', 'yesterday', '15.07.2025 09:30'])
				expect(failure(() => berlin(value)).message).toBe(
					'Invalid "Replay Events Since": it is not a date and time',
				);
			expect(berlin('')).toBeUndefined();
			expect(berlin(undefined)).toBeUndefined();
		});
	});
});

describe('path segments', () => {
	const rule = { fix: 'Use the ID as the service returned it.', reserved: ['linked-user'] };
	test.each([
		'.',
		'..',
		'a/b',
		'../x',
		'a?b',
		'a#b',
		'a%2Fb',
		'a b',
		'a\\b',
		'a:finish',
		'linked-user',
		'LINKED-USER',
	])('%s is refused', (value) => {
		const { message, description } = failure(() => reader({}).segment('Session ID', value, rule));
		expect(message).toMatch(
			/^Invalid "Session ID": it (is not a valid ID|is the name of another part of the API, not an ID)$/,
		);
		expect(description).toBe(rule.fix);
	});

	test('ordinary IDs pass; numbers become text; the pattern applies', () => {
		const p = reader({});
		expect(p.segment('ID', 'abc-123_x.y~z', rule)).toBe('abc-123_x.y~z');
		expect(p.segment('ID', 42, rule)).toBe('42');
		expect(failure(() => p.segment('ID', 'abc', { ...rule, pattern: /^\d+$/ })).message).toBe(
			'Invalid "ID": it does not have the required format',
		);
		expect(failure(() => p.segment('ID', null, rule)).message).toBe('Invalid "ID": it is empty');
		expect(failure(() => p.segment('ID', { id: 1 }, rule)).message).toBe(
			'Invalid "ID": the value is an object, not text',
		);
	});
});

describe('S3 bucket names and URIs', () => {
	test.each(['abc', 'my-bucket', 'my.bucket.name', 'a1-b2.c3', 'x'.repeat(63)])(
		'%s is a bucket name',
		(name) => {
			expect(bucketNameProblem(name)).toBeUndefined();
			expect(reader({}).bucket('Bucket', name)).toBe(name);
		},
	);

	test.each([
		['ab', /2 characters/],
		['x'.repeat(64), /64 characters/],
		['My-Bucket', /lower-case/],
		['my_bucket', /lower-case/],
		['-bucket', /start and end/],
		['bucket-', /start and end/],
		['my..bucket', /two dots/],
		['192.168.5.4', /IP address/],
		['xn--bucket', /prefix/],
		['sthree-bucket', /prefix/],
		['amzn-s3-demo-bucket', /prefix/],
		['bucket-s3alias', /suffix/],
		['bucket--ol-s3', /suffix/],
		['bucket.mrap', /suffix/],
		['bucket--x-s3', /suffix/],
		['bucket--table-s3', /suffix/],
	])('%s is refused', (name, problem) => {
		expect(bucketNameProblem(name)).toMatch(problem);
		expect(failure(() => reader({}).bucket('Output Bucket Name', name)).description).toMatch(
			/3–63 lower-case letters/,
		);
	});

	test('s3:// and paths are not bucket names', () => {
		expect(failure(() => reader({}).bucket('Bucket', 's3://my-bucket')).message).toBe(
			'Invalid "Bucket": it contains "s3://" or a path',
		);
	});

	test('S3 URIs: the bucket follows the rules', () => {
		const p = reader({});
		expect(p.s3Uri('Media File URI', 's3://my-bucket/visits/a.flac')).toBe(
			's3://my-bucket/visits/a.flac',
		);
		expect(p.s3Uri('Media File URI', '')).toBeUndefined();
		expect(failure(() => p.s3Uri('Media File URI', 's3://Bad_Bucket/a.flac')).message).toMatch(
			/^Invalid "Media File URI": its bucket name is not valid/,
		);
		expect(failure(() => p.s3Uri('Media File URI', 's3://my..bucket/a')).message).toMatch(
			/two dots/,
		);
		expect(failure(() => p.s3Uri('Media File URI', 'https://x/a')).message).toBe(
			'Invalid "Media File URI": it is not an s3:// URI',
		);
		expect(failure(() => p.s3Uri('Media File URI', null, { required: true })).message).toBe(
			'Invalid "Media File URI": it is empty',
		);
	});
});

describe('runForEachItem: an unexpected JavaScript error still says something useful', () => {
	const context = (continueOnFail: boolean) =>
		({
			getNode: () => node,
			getInputData: () => [{ json: {} }, { json: {} }],
			continueOnFail: () => continueOnFail,
			getNodeParameter: (name: string) => ({ resource: 'session', operation: 'get' })[name],
		}) as unknown as IExecuteFunctions;
	const operation = async (i: number) => {
		if (i === 0) (null as unknown as { trim(): string }).trim();
		return [{ json: { ok: true } }];
	};

	test('under Continue On Fail the item names the operation and the likely cause; the other item goes on', async () => {
		const items = await runForEachItem(context(true), operation);
		expect(items[0].json.error).toBe('session → get: the item could not be processed (TypeError)');
		expect(items[0].json.description).toMatch(/unexpected type/);
		expect(items[1].json).toEqual({ ok: true });
	});

	test('otherwise it is a NodeOperationError for the item, without the JavaScript message', async () => {
		await expect(runForEachItem(context(false), operation)).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'session → get: the item could not be processed (TypeError)',
			context: { itemIndex: 0 },
		});
	});
});
