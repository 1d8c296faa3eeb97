import { jsonItems } from '../../../nodes/common/items';

describe('jsonItems: output items of one input item', () => {
	test('an API object with a json member is that item’s json, not taken for an item', () => {
		const fromApi = { id: 'doc-1', json: { title: 'Referral' }, binary: 'not n8n binary data' };
		expect(jsonItems(fromApi, 2)).toEqual([{ json: fromApi, pairedItem: { item: 2 } }]);
	});

	test('one item per object of a list, all paired with the input item', () => {
		expect(jsonItems([{ a: 1 }, { a: 2 }], 0)).toEqual([
			{ json: { a: 1 }, pairedItem: { item: 0 } },
			{ json: { a: 2 }, pairedItem: { item: 0 } },
		]);
		expect(jsonItems([], 0)).toEqual([]);
	});
});
