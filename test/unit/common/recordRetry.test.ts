import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import {
	buildOnce,
	buildRecords,
	PENDING_MAX,
	RETRY_POLLS,
	type RecordBuilder,
} from '../../../nodes/common/recordRetry';
import { awsFailure, vendorError } from '../../../nodes/common/errors';
import { MalformedContentError } from '../../../nodes/common/transient';

const node = {
	id: 'n',
	name: 'Trigger',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

interface Rec extends IDataObject {
	id: string;
}
const rec = (id: string) => ({ key: id, record: { id } });

/** A LimitExceededException answered as HTTP 400 (as the GetMedicalScribeJob API page documents). */
const throttled400 = () =>
	vendorError(
		node,
		awsFailure('GetMedicalScribeJob', {
			name: 'LimitExceededException',
			message: 'Rate exceeded',
			$metadata: { httpStatusCode: 400, requestId: 'r' },
		}),
	);

/** A builder whose failures are scripted per record id: a list of errors, one per call, then success. */
function scripted(script: Record<string, unknown[]>) {
	const calls: Array<[string, boolean]> = [];
	const builder: RecordBuilder<Rec> = {
		build: async (record, retry) => {
			calls.push([record.id, retry]);
			const next = script[record.id]?.shift();
			if (next === 'always') {
				script[record.id].unshift('always');
				throw new MalformedContentError('The transcript file is not valid JSON');
			}
			if (next) throw next;
			return { json: { id: record.id, note: 'ok' } };
		},
		identify: (record) => ({ id: record.id }),
	};
	return { builder, calls };
}

describe('buildRecords: per-record isolation with a retry budget', () => {
	it('emits the healthy records at once and retries a transient failure on the next poll, exactly once', async () => {
		const { builder, calls } = scripted({ b: [throttled400()] });
		let data: IDataObject = {};
		const first = await buildRecords(node, data, 's', [rec('a'), rec('b'), rec('c')], builder);
		expect(first.map((i) => i.json.id)).toEqual(['a', 'c']);
		expect(JSON.stringify(data)).not.toContain('note');
		// Restart between polls; b is no longer in any listing.
		data = restart(data);
		const second = await buildRecords(node, data, 's', [], builder);
		expect(second.map((i) => i.json)).toEqual([{ id: 'b', note: 'ok' }]);
		expect(calls.filter(([id]) => id === 'b')).toEqual([
			['b', false],
			['b', true],
		]);
		data = restart(data);
		expect(await buildRecords(node, data, 's', [], builder)).toEqual([]);
		expect(data.retry).toEqual({ scope: 's', pending: [] });
	});

	it(`gives a record that stays broken up after ${RETRY_POLLS} polls: one error item, never again`, async () => {
		const { builder, calls } = scripted({ poison: ['always'] });
		let data: IDataObject = {};
		const emitted: IDataObject[] = [];
		for (let poll = 0; poll < RETRY_POLLS + 3; poll++) {
			const fresh = poll === 0 ? [rec('poison'), rec('ok1')] : [rec(`ok${poll + 1}`)];
			emitted.push(...(await buildRecords(node, data, 's', fresh, builder)).map((i) => i.json));
			data = restart(data);
		}
		const errors = emitted.filter((j) => j.error);
		expect(errors).toEqual([
			{
				id: 'poison',
				error: `The transcript file is not valid JSON (still failing after ${RETRY_POLLS} polls)`,
			},
		]);
		expect(emitted.filter((j) => !j.error).map((j) => j.id)).toEqual(
			Array.from({ length: RETRY_POLLS + 3 }, (_, i) => `ok${i + 1}`),
		);
		expect(calls.filter(([id]) => id === 'poison')).toHaveLength(RETRY_POLLS);
	});

	it('emits a permanent failure at once with the redacted reason and our description', async () => {
		const notFound = vendorError(
			node,
			awsFailure('GetObject', {
				name: 'NoSuchKey',
				message: "No key 'jane.doe@example.com'",
				$metadata: { httpStatusCode: 404, requestId: 'req-1' },
			}),
		);
		const { builder } = scripted({ x: [notFound] });
		const data: IDataObject = {};
		const items = await buildRecords(node, data, 's', [rec('x')], builder);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: 'x',
			error: expect.stringContaining('GetObject failed (HTTP 404): NoSuchKey'),
			errorDescription: 'Request ID: req-1',
		});
		expect(String(items[0].json.error)).not.toContain('jane');
		expect((data.retry as IDataObject).pending).toEqual([]);
	});

	it('does not build a record twice when it is listed again while pending', async () => {
		const { builder, calls } = scripted({ a: [throttled400()] });
		const data: IDataObject = {};
		await buildRecords(node, data, 's', [rec('a')], builder);
		const again = await buildRecords(node, data, 's', [rec('a')], builder);
		expect(again.map((i) => i.json.id)).toEqual(['a']);
		expect(calls).toEqual([
			['a', false],
			['a', true],
		]);
	});

	it('forgets pending records of another scope (the trigger was set up anew)', async () => {
		const { builder } = scripted({ a: [throttled400()] });
		const data: IDataObject = {};
		await buildRecords(node, data, 'old', [rec('a')], builder);
		expect(await buildRecords(node, data, 'new', [], builder)).toEqual([]);
	});

	it('fails the whole poll, recording nothing, when more records fail than it keeps', async () => {
		const script: Record<string, unknown[]> = {};
		const records = Array.from({ length: PENDING_MAX + 1 }, (_, i) => {
			script[`r${i}`] = [throttled400()];
			return rec(`r${i}`);
		});
		const { builder } = scripted(script);
		const data: IDataObject = {};
		await expect(buildRecords(node, data, 's', records, builder)).rejects.toThrow(
			NodeOperationError,
		);
		expect(data).toEqual({});
	});
});

describe('buildOnce (manual mode)', () => {
	it('throws a transient failure and reports a permanent one on the item', async () => {
		await expect(buildOnce({ id: 'a' }, scripted({ a: [throttled400()] }).builder)).rejects.toThrow(
			'LimitExceededException',
		);
		const item = await buildOnce(
			{ id: 'a' },
			scripted({
				a: [new NodeOperationError(node, 'The job has no readable transcript file location')],
			}).builder,
		);
		expect(item.json).toEqual({
			id: 'a',
			error: 'The job has no readable transcript file location',
		});
	});
});
