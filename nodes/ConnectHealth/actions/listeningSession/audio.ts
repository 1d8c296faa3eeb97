/**
 * The recording of a listening session, read as a stream: the container header is parsed from the
 * first bytes (WAV: format, channels, sample rate, bits; FLAC: STREAMINFO), then the audio leaves in
 * chunks of a fixed duration. Memory stays bounded by the chunk size, whatever the recording's length.
 */

export type MediaEncoding = 'pcm' | 'flac';

export interface AudioFormat {
	encoding: MediaEncoding;
	container: 'wav' | 'flac';
	sampleRate: number;
	channels: number;
	bitsPerSample: number;
	/** WAV: 1 = PCM, 3 = float, 0xFFFE = extensible (sub-format resolved into this field). */
	formatTag?: number;
	/** Bytes of audio data (WAV data chunk), when the header says. */
	dataBytes?: number;
	/** FLAC STREAMINFO total samples per channel (0 = unknown). */
	totalSamples?: number;
}

/** Reads exact byte counts from a stream of buffers of any size. */
export class ByteReader {
	private readonly iterator: AsyncIterator<Uint8Array>;

	private buffered: Buffer[] = [];

	private size = 0;

	private done = false;

	constructor(source: AsyncIterable<Uint8Array>) {
		this.iterator = source[Symbol.asyncIterator]();
	}

	private async fill(n: number): Promise<void> {
		while (this.size < n && !this.done) {
			const next = await this.iterator.next();
			if (next.done) this.done = true;
			else {
				const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
				if (chunk.length) {
					this.buffered.push(chunk);
					this.size += chunk.length;
				}
			}
		}
	}

	/** Up to `n` bytes; fewer only at the end of the stream. */
	async read(n: number): Promise<Buffer> {
		await this.fill(n);
		const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered);
		const out = all.subarray(0, Math.min(n, all.length));
		const rest = all.subarray(out.length);
		this.buffered = rest.length ? [rest] : [];
		this.size = rest.length;
		return out;
	}

	async skip(n: number): Promise<void> {
		let left = n;
		while (left > 0) {
			const part = await this.read(Math.min(left, 65_536));
			if (part.length === 0) return;
			left -= part.length;
		}
	}

	/** Stops the underlying source (a file or S3 download) early. */
	async close(): Promise<void> {
		await this.iterator.return?.();
	}
}

export class AudioFormatError extends Error {
	constructor(
		readonly problem: string,
		readonly fix: string,
	) {
		super(problem);
	}
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** The RIFF/WAVE header up to the start of the `data` chunk; the reader is left at the first sample. */
export async function readWavHeader(reader: ByteReader, first: Buffer): Promise<AudioFormat> {
	if (first.length < 12 || first.toString('latin1', 8, 12) !== 'WAVE') throw new AudioFormatError('it is a RIFF file but not WAVE audio', 'Use a WAV (PCM 16-bit) or FLAC recording.');
	let format: Omit<AudioFormat, 'encoding' | 'container'> | undefined;
	for (let guard = 0; guard < 64; guard++) {
		const chunkHeader = await reader.read(8);
		if (chunkHeader.length < 8) break;
		const id = chunkHeader.toString('latin1', 0, 4);
		const size = chunkHeader.readUInt32LE(4);
		if (id === 'fmt ') {
			const body = await reader.read(size + (size % 2));
			if (body.length < 16) throw new AudioFormatError('its WAV format chunk is cut short', 'Export the recording again as WAV (PCM 16-bit).');
			let formatTag = body.readUInt16LE(0);
			// WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the real format tag.
			if (formatTag === WAVE_FORMAT_EXTENSIBLE && body.length >= 26) formatTag = body.readUInt16LE(24);
			format = { formatTag, channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), bitsPerSample: body.readUInt16LE(14) };
		} else if (id === 'data') {
			if (!format) throw new AudioFormatError('its WAV data comes before the format chunk', 'Export the recording again as WAV (PCM 16-bit).');
			// 0 or 0xFFFFFFFF: written while recording, length unknown; read to the end.
			const dataBytes = size === 0 || size === 0xffffffff ? undefined : size;
			return { encoding: 'pcm', container: 'wav', ...format, dataBytes };
		} else {
			await reader.skip(size + (size % 2));
		}
	}
	throw new AudioFormatError('no audio data was found in the WAV file', 'Use a WAV file with a data chunk (PCM 16-bit).');
}

/** FLAC: the `fLaC` marker then the STREAMINFO block (RFC 9639 §8.2). All bytes are sent as they are. */
export function readFlacHeader(first: Buffer): AudioFormat {
	if (first.length < 42 || (first[4] & 0x7f) !== 0) throw new AudioFormatError('its FLAC header (STREAMINFO) is missing or cut short', 'Export the recording again as FLAC, or use WAV (PCM 16-bit).');
	const info = first.subarray(8, 42);
	const sampleRate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
	const channels = ((info[12] >> 1) & 0x07) + 1;
	const bitsPerSample = (((info[12] & 0x01) << 4) | (info[13] >> 4)) + 1;
	const totalSamples = (info[13] & 0x0f) * 2 ** 32 + info.readUInt32BE(14);
	return { encoding: 'flac', container: 'flac', sampleRate, channels, bitsPerSample, totalSamples };
}

/** Bytes the service accepts: PCM 16-bit little-endian or FLAC; the model's rate range; mono or two channels. */
export function checkFormat(format: AudioFormat): void {
	if (format.container === 'wav' && format.formatTag !== WAVE_FORMAT_PCM)
		throw new AudioFormatError(
			format.formatTag === 3 ? 'it is 32-bit float WAV' : 'it is a compressed WAV (not PCM)',
			'Convert the recording to PCM 16-bit little-endian WAV, or to FLAC.',
		);
	if (format.container === 'wav' && format.bitsPerSample !== 16)
		throw new AudioFormatError(`it has ${format.bitsPerSample}-bit samples`, 'Convert the recording to PCM 16-bit WAV (the service accepts 16-bit little-endian PCM only), or to FLAC.');
	if (format.sampleRate < 8000 || format.sampleRate > 48000)
		throw new AudioFormatError(`its sample rate is ${format.sampleRate} Hz`, 'Resample the recording to a rate from 8,000 to 48,000 Hz (16,000 Hz is typical for speech).');
	if (format.channels < 1 || format.channels > 2)
		throw new AudioFormatError(`it has ${format.channels} channels`, 'Use a mono recording, or two channels (clinician and patient on separate channels).');
}

/** Opens a recording: detects the container from its first bytes and reads its header. */
export async function openRecording(reader: ByteReader): Promise<{ format: AudioFormat; prefix: Buffer }> {
	const first = await reader.read(12);
	if (first.toString('latin1', 0, 4) === 'RIFF') {
		const format = await readWavHeader(reader, first);
		checkFormat(format);
		return { format, prefix: Buffer.alloc(0) };
	}
	if (first.toString('latin1', 0, 4) === 'fLaC') {
		const head = Buffer.concat([first, await reader.read(30)]);
		const format = readFlacHeader(head);
		checkFormat(format);
		return { format, prefix: head };
	}
	throw new AudioFormatError('it is neither WAV nor FLAC', 'Use a WAV (PCM 16-bit little-endian) or FLAC recording; convert other formats (MP3, M4A, …) first.');
}

/** Bytes per chunk: `chunkMs` of audio, whole sample frames for PCM. */
export function chunkBytes(format: AudioFormat, chunkMs: number): number {
	const frame = format.channels * 2;
	const frames = Math.max(1, Math.round((format.sampleRate * chunkMs) / 1000));
	// FLAC is compressed about 2:1 for speech; the same byte budget keeps events of a similar size.
	return format.encoding === 'pcm' ? frames * frame : Math.max(1024, Math.round((frames * frame) / 2));
}

/** The audio in chunks: for PCM the samples of the data chunk only, for FLAC the whole file. */
export async function* audioChunks(reader: ByteReader, format: AudioFormat, prefix: Buffer, size: number): AsyncGenerator<Buffer> {
	let left = format.dataBytes ?? Number.POSITIVE_INFINITY;
	let carry = prefix;
	try {
		while (left > 0) {
			const want = Math.min(size - carry.length, left);
			const part = await reader.read(want);
			left -= part.length;
			const chunk = carry.length ? Buffer.concat([carry, part]) : part;
			carry = Buffer.alloc(0);
			if (chunk.length) yield chunk;
			if (part.length < want) break;
		}
	} finally {
		await reader.close();
	}
}

/** Seconds of audio in `bytes` bytes of this recording. */
export function secondsCounter(format: AudioFormat, fileBytes: number | undefined): (bytes: number) => number {
	if (format.encoding === 'pcm') return (bytes) => bytes / (format.sampleRate * format.channels * 2);
	const total = format.totalSamples ? format.totalSamples / format.sampleRate : undefined;
	if (total !== undefined && fileBytes) return (bytes) => (total * bytes) / fileBytes;
	return (bytes) => (bytes * 2) / (format.sampleRate * format.channels * 2);
}
