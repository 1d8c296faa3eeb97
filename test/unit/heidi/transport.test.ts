import { PassThrough } from 'node:stream';
import { heidiSettingsProblem, heidiTimeoutMs } from '../../../credentials/HeidiApi.credentials';
import { chunks, readAll } from '../../../nodes/Heidi/transport/body';
import { joinStream } from '../../../nodes/Heidi/transport/stream';

const custom = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
	environment: 'custom',
	baseUrl,
	...extra,
});

describe('stream final markers', () => {
	const body = 'data: {"data":"a"}\n\n';
	it.each([
		['no marker (Heidi documents none)', body, false],
		['SSE [DONE]', `${body}data: [DONE]\n\n`, true],
		['SSE event: done', `${body}event: done\ndata: {}\n\n`, true],
		['SSE event: message', `event: message\n${body}`, false],
		['bare {"done": true}', '{"data":"a"}\n{"done":true}\n', true],
		['bare {"status": "completed"}', '{"data":"a"}\n{"status":"completed"}\n', true],
		[
			'bare {"type": "generation_complete"}',
			'{"data":"a"}\n{"type":"generation_complete"}\n',
			true,
		],
		['bare {"status": "GENERATING"}', '{"data":"a"}\n{"status":"GENERATING"}\n', false],
	])('%s', (_, raw, finished) => {
		expect(joinStream(raw)).toMatchObject({ text: 'a', finished });
	});
});

describe('credential connection settings', () => {
	it('accepts https and loopback http, refuses remote http unless allowed', () => {
		expect(heidiSettingsProblem({ environment: 'au' })).toBeUndefined();
		expect(
			heidiSettingsProblem(custom('https://heidi.example.org/api/v2/ml-scribe/open-api')),
		).toBeUndefined();
		expect(heidiSettingsProblem(custom('http://127.0.0.1:9/api'))).toBeUndefined();
		expect(heidiSettingsProblem(custom('http://localhost:9/api'))).toBeUndefined();
		expect(heidiSettingsProblem(custom('http://heidi.internal/api'))).toMatch(
			/field "Base URL".*turn on the credential field "Allow Unencrypted HTTP"/,
		);
		expect(
			heidiSettingsProblem(custom('http://heidi.internal/api', { allowInsecureHttp: true })),
		).toBeUndefined();
		expect(
			heidiSettingsProblem(custom('ftp://heidi.internal/api', { allowInsecureHttp: true })),
		).toMatch(/https:\/\//);
		expect(heidiSettingsProblem(custom(''))).toMatch(/not a URL/);
	});

	it('reads the request timeout, 60 s by default, and names a bad one', () => {
		expect(heidiTimeoutMs({})).toBe(60_000);
		expect(heidiTimeoutMs({ requestTimeoutSeconds: 2.5 })).toBe(2500);
		for (const bad of [0, -1, 'soon', Number.NaN]) {
			expect(
				heidiSettingsProblem({ environment: 'au', requestTimeoutSeconds: bad as never }),
			).toMatch(/field "Request Timeout \(Seconds\)"/);
		}
	});
});

describe('body inactivity timeout', () => {
	it('reads a body that keeps sending', async () => {
		const stream = new PassThrough();
		stream.write('a');
		stream.end('b');
		expect((await readAll(stream, 1000)).toString()).toBe('ab');
	});

	it('fails with ETIMEDOUT when no bytes come, and releases the stream', async () => {
		const stream = new PassThrough();
		stream.write('partial');
		const seen: string[] = [];
		await expect(
			(async () => {
				for await (const chunk of chunks(stream, 50)) seen.push(chunk.toString());
			})(),
		).rejects.toMatchObject({ code: 'ETIMEDOUT' });
		expect(seen).toEqual(['partial']);
		expect(stream.destroyed).toBe(true);
	});
});
