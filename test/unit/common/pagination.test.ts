import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { collectPages, readLimit, readPages } from '../../../nodes/common/pagination';

const node: INode = {
	id: 'n',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const context = (values: Record<string, unknown>) =>
	({
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in values ? values[name] : fallback,
	}) as unknown as IExecuteFunctions;

describe('readLimit: Return All and Limit, read the same way by every list operation', () => {
	test('Return All is every result; otherwise the Limit, 50 when not set', () => {
		expect(readLimit(context({ returnAll: true, limit: 0 }), 0)).toBe(Number.POSITIVE_INFINITY);
		expect(readLimit(context({ returnAll: false, limit: 7 }), 0)).toBe(7);
		expect(readLimit(context({ returnAll: false }), 0)).toBe(50);
	});

	test.each([0, -3])('a Limit of %p is an error naming the field, never "all"', (limit) => {
		expect(() => readLimit(context({ returnAll: false, limit }), 0)).toThrow(/^Invalid "Limit": /);
	});
});

describe('collectPages', () => {
	const pages = [
		{ items: [1, 2, 3], nextToken: 'b' },
		{ items: [4, 5, 6], nextToken: 'c' },
		{ items: [7], nextToken: undefined },
	];
	const fetchPage =
		(calls: Array<[string | undefined, number]>) =>
		async (token: string | undefined, remaining: number) => {
			calls.push([token, remaining]);
			return pages[calls.length - 1];
		};

	test('stops reading once the limit is reached, and says how many are still wanted', async () => {
		const calls: Array<[string | undefined, number]> = [];
		expect(await collectPages(4, fetchPage(calls))).toEqual([1, 2, 3, 4]);
		expect(calls).toEqual([
			[undefined, 4],
			['b', 1],
		]);
	});

	test('reads to the end for Return All', async () => {
		const calls: Array<[string | undefined, number]> = [];
		expect(await collectPages(Number.POSITIVE_INFINITY, fetchPage(calls))).toEqual([
			1, 2, 3, 4, 5, 6, 7,
		]);
		expect(calls.map(([token]) => token)).toEqual([undefined, 'b', 'c']);
	});
});

describe('readPages', () => {
	test('reads a page only when asked, and goes on past an empty page that has a token', async () => {
		const pages = [
			{ items: [1], nextToken: { after: 1 } },
			{ items: [], nextToken: { after: 2 } },
			{ items: [3], nextToken: { after: 3 } },
		];
		const asked: Array<{ after: number } | undefined> = [];
		const read: number[][] = [];
		for await (const items of readPages<number, { after: number }>(async (cursor) => {
			asked.push(cursor);
			return pages[asked.length - 1];
		})) {
			read.push([...items]);
			if (read.length === 3) break;
		}
		expect(read).toEqual([[1], [], [3]]);
		expect(asked).toEqual([undefined, { after: 1 }, { after: 2 }]);
	});
});
