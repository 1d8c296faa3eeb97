import { idString, parseJson } from '../../../nodes/Heidi/transport/json';

describe('parseJson keeps big integers exact', () => {
	const id = '269893215472698710379584521456370012345';

	it('turns a 39-digit bare number into the exact string', () => {
		const parsed = parseJson(`{"session_id": ${id}, "count": 3}`) as {
			session_id: unknown;
			count: unknown;
		};
		expect(parsed.session_id).toBe(id);
		expect(parsed.count).toBe(3);
	});

	it('leaves quoted ids, safe integers, decimals and exponents alone', () => {
		const parsed = parseJson(
			`{"a": "${id}", "b": 9007199254740991, "c": 1.12345678901234567, "d": -2.5e+300, "e": [${id}, -${id}]}`,
		) as Record<string, unknown>;
		expect(parsed.a).toBe(id);
		expect(parsed.b).toBe(9007199254740991);
		expect(parsed.c).toBeCloseTo(1.1234567890123457);
		expect(parsed.d).toBe(-2.5e300);
		expect(parsed.e).toEqual([id, `-${id}`]);
	});

	it('quotes an unsafe 16-digit integer but not a safe one', () => {
		expect(parseJson('[9007199254740993, 1234567890123456]')).toEqual([
			'9007199254740993',
			1234567890123456,
		]);
	});

	it('does not touch digits inside strings, even with escaped quotes', () => {
		const text = `{"note": "call \\"${id}\\" now", "n": ${id}}`;
		expect(parseJson(text)).toEqual({ note: `call "${id}" now`, n: id });
	});

	it('idString renders any JSON id as text', () => {
		expect(idString(42)).toBe('42');
		expect(idString(id)).toBe(id);
		expect(idString(null)).toBeUndefined();
		expect(idString('')).toBeUndefined();
	});
});
