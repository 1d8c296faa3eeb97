import { StringDecoder } from 'node:string_decoder';
import { parseJson } from './json';

/**
 * Joins a streamed generation (consult note, Ask Heidi) into one text. Heidi documents bare JSON
 * objects `{"data": "<fragment>"}`, while clients have seen SSE lines `data: {"data": "…"}` on the
 * wire (https://www.heidihealth.com/developers/heidi-api/ask-heidi), so both are read: SSE field lines are unwrapped, comments and other SSE
 * fields are skipped, and what remains is read as a sequence of JSON values, however the bytes
 * were cut into chunks (mid-line, mid-object or mid-character).
 *
 * Heidi documents no terminator: the body just ends. A final marker, when one is sent anyway
 * (SSE `data: [DONE]`, an `event: done`/`complete` line, or an object such as
 * `{"status": "completed"}` or `{"done": true}`), sets `finished`; without one, a clean end cannot
 * be told from a connection cut between two fragments, so the caller must verify the result.
 */
export class StreamJoiner {
	private readonly decoder = new StringDecoder('utf8');

	private line = '';

	private readonly json = new JsonSequence();

	private readonly parts: string[] = [];

	/** Objects without a string `data` (e.g. a trailing status); kept for the caller to inspect. */
	readonly others: unknown[] = [];

	/** A final marker arrived, so the text is known to be whole. */
	finished = false;

	/** The text joined so far. */
	get text(): string {
		return this.parts.join('');
	}

	push(chunk: Buffer | string): void {
		const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
		const lines = (this.line + text).split('\n');
		this.line = lines.pop() ?? '';
		for (const line of lines) this.readLine(line);
	}

	/** The joined text; throws when the stream ended inside a JSON value. */
	end(): string {
		const rest = this.line + this.decoder.end();
		this.line = '';
		if (rest) this.readLine(rest);
		this.json.finish().forEach((value) => this.take(value));
		return this.parts.join('');
	}

	private readLine(raw: string): void {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		const field = /^(data|event|id|retry)(?::\s?|$)/.exec(line);
		if (field?.[1] === 'event' && FINAL.test(line.slice(field[0].length).trim()))
			this.finished = true;
		if (line.startsWith(':') || (field && field[1] !== 'data')) return;
		const payload = field ? line.slice(field[0].length) : line;
		if (payload.trim() === '[DONE]') {
			this.finished = true;
			return;
		}
		for (const value of this.json.feed(`${payload}\n`)) this.take(value);
	}

	private take(value: unknown): void {
		const data = (value as { data?: unknown } | null)?.data;
		if (typeof data === 'string') this.parts.push(data);
		else this.others.push(value);
		if (isFinalMarker(value)) this.finished = true;
	}
}

/** Words that name the end of a generation in the final-marker forms that streaming APIs use. */
const FINAL = /^(done|complete|completed|finished|end|generation_complete)$/i;

function isFinalMarker(value: unknown): boolean {
	if (!value || typeof value !== 'object') return false;
	const v = value as { done?: unknown; status?: unknown; event?: unknown; type?: unknown };
	if (v.done === true) return true;
	return [v.status, v.event, v.type].some((word) => typeof word === 'string' && FINAL.test(word));
}

/** Splits text into consecutive top-level JSON values as their closing characters arrive. */
class JsonSequence {
	private buffer = '';

	/** Scan position in buffer and the scanner's state there. */
	private position = 0;

	private depth = 0;

	private inString = false;

	private escaped = false;

	feed(text: string): unknown[] {
		this.buffer += text;
		const values: unknown[] = [];
		let start = 0;
		for (let i = this.position; i < this.buffer.length; i++) {
			const c = this.buffer[i];
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (c === '\\') this.escaped = true;
				else if (c === '"') {
					this.inString = false;
					if (this.depth === 0) start = this.emit(values, start, i + 1);
				}
			} else if (c === '"') this.inString = true;
			else if (c === '{' || c === '[') this.depth++;
			else if (c === '}' || c === ']') {
				this.depth--;
				if (this.depth === 0) start = this.emit(values, start, i + 1);
			} else if (this.depth === 0 && /\s/.test(c)) {
				// A bare scalar between values (a number, true, null) ends at whitespace.
				start = this.emit(values, start, i);
			}
		}
		this.buffer = this.buffer.slice(start);
		this.position = this.buffer.length;
		return values;
	}

	/** Values still buffered when the stream ends; a cut-off value is an error. */
	finish(): unknown[] {
		const values: unknown[] = [];
		if (this.inString || this.depth > 0)
			throw new Error('The stream ended in the middle of a JSON value');
		this.emit(values, 0, this.buffer.length);
		this.buffer = '';
		this.position = 0;
		return values;
	}

	private emit(values: unknown[], start: number, end: number): number {
		const text = this.buffer.slice(start, end).trim();
		if (text) values.push(parseJson(text));
		return end;
	}
}

/** Joins a whole streamed body at once. */
export function joinStream(body: Buffer | string): {
	text: string;
	others: unknown[];
	finished: boolean;
} {
	const joiner = new StreamJoiner();
	joiner.push(body);
	return { text: joiner.end(), others: joiner.others, finished: joiner.finished };
}
