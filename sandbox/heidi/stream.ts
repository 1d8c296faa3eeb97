import type { SandboxResponse } from '../core/types';
import type { StreamFormat } from './options';

/**
 * A streamed generation (consult note, Ask Heidi): one `{"data": fragment}` object per line,
 * SSE-style `data: ` lines with a blank line after each event, or bare JSON lines. The body
 * simply ends when generation is done (no terminator is documented). `onEnd` runs when the
 * stream is finished or abandoned, as the generation completes server-side either way.
 */
export function streamFragments(
	pieces: string[],
	format: StreamFormat,
	delayMs: number,
	onEnd: () => void,
): SandboxResponse {
	async function* lines(): AsyncIterable<string> {
		try {
			for (let i = 0; i < pieces.length; i++) {
				if (i > 0 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
				const event = JSON.stringify({ data: pieces[i] });
				yield format === 'sse' ? `data: ${event}\n\n` : `${event}\n`;
			}
		} finally {
			onEnd();
		}
	}
	return {
		status: 200,
		headers: {
			'content-type':
				format === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson',
			'cache-control': 'no-cache',
		},
		stream: lines(),
	};
}
