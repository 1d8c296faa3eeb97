import { joinStream, StreamJoiner } from '../../../nodes/Heidi/transport/stream';

const fragments = [
	'## Assessment\n',
	'- Viral URTI, “likely” self-limiting\n',
	'- Temp 37.9 °C; {braces} and "quotes"\n',
	'\n## Plan\n',
	'- Rest 🙂',
];
const expected = fragments.join('');

const sse = fragments.map((f) => `data: ${JSON.stringify({ data: f })}\n\n`).join('');
const bare = fragments.map((f) => `${JSON.stringify({ data: f })}\n`).join('');

/** Feeds the body in pieces of `size` bytes, so lines, objects and UTF-8 characters are cut. */
function inPieces(body: string, size: number): string {
	const bytes = Buffer.from(body, 'utf8');
	const joiner = new StreamJoiner();
	for (let i = 0; i < bytes.length; i += size) joiner.push(bytes.subarray(i, i + size));
	return joiner.end();
}

describe('StreamJoiner', () => {
	it.each([
		['SSE data: lines', sse],
		['bare JSON objects, one per line', bare],
		[
			'bare JSON objects with no separator',
			fragments.map((f) => JSON.stringify({ data: f })).join(''),
		],
		[
			'SSE with CRLF, comments, event/id fields and [DONE]',
			`: keep-alive\r\nevent: message\r\nid: 1\r\n${sse.replace(/\n/g, '\r\n')}data: [DONE]\r\n\r\n`,
		],
		[
			'SSE without the space after data:',
			fragments.map((f) => `data:${JSON.stringify({ data: f })}\n`).join(''),
		],
		[
			'pretty-printed bare objects',
			fragments.map((f) => JSON.stringify({ data: f }, null, 2)).join('\n'),
		],
	])('joins %s', (_, body) => {
		expect(joinStream(body).text).toBe(expected);
		for (const size of [1, 2, 3, 7, 64]) expect(inPieces(body, size)).toBe(expected);
	});

	it('keeps objects without a string data field aside', () => {
		const { text, others } = joinStream(
			`data: {"data":"a"}\n\ndata: {"status":"done"}\n\n{"detail":{"msg":"x","type":"Y"}}\n`,
		);
		expect(text).toBe('a');
		expect(others).toEqual([{ status: 'done' }, { detail: { msg: 'x', type: 'Y' } }]);
	});

	it('returns an empty text for an empty body', () => {
		expect(joinStream('').text).toBe('');
		expect(joinStream('\n\n').text).toBe('');
	});

	it('fails when the stream stops inside an object', () => {
		const joiner = new StreamJoiner();
		joiner.push('data: {"data":"cut');
		expect(() => joiner.end()).toThrow(/middle of a JSON value/);
	});

	it('fails on a body that is not a stream of JSON values', () => {
		expect(() => joinStream('<html>Bad gateway</html>\n')).toThrow();
	});
});
