/**
 * A recording to stream to a scribe service, read as a stream: the container header is parsed from
 * the first bytes (WAV: format, channels, sample rate, bits; FLAC: STREAMINFO; Ogg Opus: OpusHead),
 * then the audio leaves in chunks of a fixed duration. Memory stays bounded by the chunk size,
 * whatever the recording's length. Used by every streaming operation of the package.
 */

export type MediaEncoding = 'pcm' | 'flac' | 'ogg-opus';

export interface AudioFormat {
	encoding: MediaEncoding;
	/** `raw`: headerless PCM whose rate and channels the user gave. */
	container: 'wav' | 'flac' | 'ogg' | 'raw';
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
				const chunk = Buffer.isBuffer(next.value)
					? next.value
					: Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
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
	if (first.length < 12 || first.toString('latin1', 8, 12) !== 'WAVE')
		throw new AudioFormatError(
			'it is a RIFF file but not WAVE audio',
			'Use a WAV (PCM 16-bit) or FLAC recording.',
		);
	let format: Omit<AudioFormat, 'encoding' | 'container'> | undefined;
	for (let guard = 0; guard < 64; guard++) {
		const chunkHeader = await reader.read(8);
		if (chunkHeader.length < 8) break;
		const id = chunkHeader.toString('latin1', 0, 4);
		const size = chunkHeader.readUInt32LE(4);
		if (id === 'fmt ') {
			const body = await reader.read(size + (size % 2));
			if (body.length < 16)
				throw new AudioFormatError(
					'its WAV format chunk is cut short',
					'Export the recording again as WAV (PCM 16-bit).',
				);
			let formatTag = body.readUInt16LE(0);
			// WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the real format tag.
			if (formatTag === WAVE_FORMAT_EXTENSIBLE && body.length >= 26)
				formatTag = body.readUInt16LE(24);
			format = {
				formatTag,
				channels: body.readUInt16LE(2),
				sampleRate: body.readUInt32LE(4),
				bitsPerSample: body.readUInt16LE(14),
			};
		} else if (id === 'data') {
			if (!format)
				throw new AudioFormatError(
					'its WAV data comes before the format chunk',
					'Export the recording again as WAV (PCM 16-bit).',
				);
			// 0 or 0xFFFFFFFF: written while recording, length unknown; read to the end.
			const dataBytes = size === 0 || size === 0xffffffff ? undefined : size;
			return { encoding: 'pcm', container: 'wav', ...format, dataBytes };
		} else {
			await reader.skip(size + (size % 2));
		}
	}
	throw new AudioFormatError(
		'no audio data was found in the WAV file',
		'Use a WAV file with a data chunk (PCM 16-bit).',
	);
}

/** FLAC: the `fLaC` marker then the STREAMINFO block (RFC 9639 §8.2). All bytes are sent as they are. */
export function readFlacHeader(first: Buffer): AudioFormat {
	if (first.length < 42 || (first[4] & 0x7f) !== 0)
		throw new AudioFormatError(
			'its FLAC header (STREAMINFO) is missing or cut short',
			'Export the recording again as FLAC, or use WAV (PCM 16-bit).',
		);
	const info = first.subarray(8, 42);
	const sampleRate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
	const channels = ((info[12] >> 1) & 0x07) + 1;
	const bitsPerSample = (((info[12] & 0x01) << 4) | (info[13] >> 4)) + 1;
	const totalSamples = (info[13] & 0x0f) * 2 ** 32 + info.readUInt32BE(14);
	return { encoding: 'flac', container: 'flac', sampleRate, channels, bitsPerSample, totalSamples };
}

/** What a service accepts: its sample-rate range and whether Ogg Opus is one of its encodings. */
export interface AudioRules {
	minRate: number;
	maxRate: number;
	oggOpus?: boolean;
}

/** Connect Health listening sessions: WAV (PCM) or FLAC, 8,000–48,000 Hz. */
export const DEFAULT_AUDIO_RULES: AudioRules = { minRate: 8000, maxRate: 48000 };

const hz = (n: number) => n.toLocaleString('en-US');

/**
 * Opus codes audio at 8, 12, 16, 24 or 48 kHz only (RFC 6716 §2): an Ogg Opus stream's rate is
 * one of these within the service's range.
 */
export const OPUS_RATES = [8000, 12000, 16000, 24000, 48000] as const;

/** Bytes the service accepts: PCM 16-bit little-endian, FLAC or (where allowed) Ogg Opus; the service's rate range; mono or two channels. */
export function checkFormat(format: AudioFormat, rules: AudioRules = DEFAULT_AUDIO_RULES): void {
	if (format.container === 'wav' && format.formatTag !== WAVE_FORMAT_PCM)
		throw new AudioFormatError(
			format.formatTag === 3 ? 'it is 32-bit float WAV' : 'it is a compressed WAV (not PCM)',
			'Convert the recording to PCM 16-bit little-endian WAV, or to FLAC.',
		);
	if (format.container === 'wav' && format.bitsPerSample !== 16)
		throw new AudioFormatError(
			`it has ${format.bitsPerSample}-bit samples`,
			'Convert the recording to PCM 16-bit WAV (the service accepts 16-bit little-endian PCM only), or to FLAC.',
		);
	if (format.encoding === 'ogg-opus') {
		const rates = OPUS_RATES.filter((rate) => rate >= rules.minRate && rate <= rules.maxRate);
		if (!rates.includes(format.sampleRate as (typeof OPUS_RATES)[number]))
			throw new AudioFormatError(
				`its Opus sample rate is ${format.sampleRate} Hz`,
				`Encode the recording with Opus at ${rates.map(hz).join(', ')} Hz, or use WAV (PCM 16-bit) or FLAC.`,
			);
	} else if (format.sampleRate < rules.minRate || format.sampleRate > rules.maxRate)
		throw new AudioFormatError(
			`its sample rate is ${format.sampleRate} Hz`,
			`Resample the recording to a rate from ${hz(rules.minRate)} to ${hz(rules.maxRate)} Hz (16,000 Hz is typical for speech).`,
		);
	if (format.channels < 1 || format.channels > 2)
		throw new AudioFormatError(
			`it has ${format.channels} channels`,
			'Use a mono recording, or two channels (clinician and patient on separate channels).',
		);
}

/**
 * Ogg Opus: the first Ogg page (RFC 3533 §6) carries the OpusHead packet (RFC 7845 §5.1) with the
 * channel count and the input sample rate. All bytes are sent as they are.
 */
async function readOggOpusHeader(
	reader: ByteReader,
	first: Buffer,
): Promise<{ format: AudioFormat; head: Buffer }> {
	const rest = await reader.read(27 - first.length);
	const page = Buffer.concat([first, rest]);
	const segments = page.length === 27 ? page[26] : 0;
	const table = await reader.read(segments);
	const packet = await reader.read(19);
	const head = Buffer.concat([page, table, packet]);
	if (
		segments === 0 ||
		table.length < segments ||
		packet.length < 19 ||
		packet.toString('latin1', 0, 8) !== 'OpusHead'
	)
		throw new AudioFormatError(
			'it is an Ogg file without an Opus header',
			'Use Ogg Opus audio, WAV (PCM 16-bit) or FLAC.',
		);
	const channels = packet[9];
	// 0 = the encoder did not say; Opus decodes at 48 kHz then.
	const sampleRate = packet.readUInt32LE(12) || 48000;
	return {
		format: { encoding: 'ogg-opus', container: 'ogg', sampleRate, channels, bitsPerSample: 16 },
		head,
	};
}

/** Headerless 16-bit little-endian PCM: the rate and channels come from the user, not the file. */
export function rawPcmFormat(sampleRate: number, channels: number): AudioFormat {
	return {
		encoding: 'pcm',
		container: 'raw',
		sampleRate,
		channels,
		bitsPerSample: 16,
		formatTag: WAVE_FORMAT_PCM,
	};
}

/**
 * Opens a recording: detects the container from its first bytes and reads its header. `raw`
 * (headerless PCM) skips detection: every byte is audio.
 */
export async function openRecording(
	reader: ByteReader,
	rules: AudioRules = DEFAULT_AUDIO_RULES,
	raw?: AudioFormat,
): Promise<{ format: AudioFormat; prefix: Buffer }> {
	if (raw) {
		checkFormat(raw, rules);
		return { format: raw, prefix: Buffer.alloc(0) };
	}
	const first = await reader.read(12);
	if (first.toString('latin1', 0, 4) === 'RIFF') {
		const format = await readWavHeader(reader, first);
		checkFormat(format, rules);
		return { format, prefix: Buffer.alloc(0) };
	}
	if (first.toString('latin1', 0, 4) === 'fLaC') {
		const head = Buffer.concat([first, await reader.read(30)]);
		const format = readFlacHeader(head);
		checkFormat(format, rules);
		return { format, prefix: head };
	}
	if (rules.oggOpus && first.toString('latin1', 0, 4) === 'OggS') {
		const { format, head } = await readOggOpusHeader(reader, first);
		checkFormat(format, rules);
		return { format, prefix: head };
	}
	if (rules.oggOpus)
		throw new AudioFormatError(
			'it is not WAV, FLAC or Ogg Opus',
			'Use a WAV (PCM 16-bit little-endian), FLAC or Ogg Opus recording; convert other formats (MP3, M4A, …) first, or choose Raw PCM for headerless audio.',
		);
	throw new AudioFormatError(
		'it is neither WAV nor FLAC',
		'Use a WAV (PCM 16-bit little-endian) or FLAC recording; convert other formats (MP3, M4A, …) first.',
	);
}

/** Ogg Opus speech is coded at about 32 kbit/s: the byte budget used for chunk size and progress. */
const OPUS_BYTES_PER_SECOND = 4000;

/** Bytes per chunk: `chunkMs` of audio, whole sample frames for PCM. */
export function chunkBytes(format: AudioFormat, chunkMs: number): number {
	const frame = format.channels * 2;
	const frames = Math.max(1, Math.round((format.sampleRate * chunkMs) / 1000));
	if (format.encoding === 'ogg-opus')
		return Math.max(1024, Math.round((OPUS_BYTES_PER_SECOND * format.channels * chunkMs) / 1000));
	// FLAC is compressed about 2:1 for speech; the same byte budget keeps events of a similar size.
	return format.encoding === 'pcm'
		? frames * frame
		: Math.max(1024, Math.round((frames * frame) / 2));
}

/** The audio in chunks: for WAV the samples of the data chunk only, for FLAC, Ogg and raw PCM the whole file. */
export async function* audioChunks(
	reader: ByteReader,
	format: AudioFormat,
	prefix: Buffer,
	size: number,
): AsyncGenerator<Buffer> {
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
export function secondsCounter(
	format: AudioFormat,
	fileBytes: number | undefined,
): (bytes: number) => number {
	if (format.encoding === 'pcm')
		return (bytes) => bytes / (format.sampleRate * format.channels * 2);
	if (format.encoding === 'ogg-opus')
		return (bytes) => bytes / (OPUS_BYTES_PER_SECOND * format.channels);
	const total = format.totalSamples ? format.totalSamples / format.sampleRate : undefined;
	if (total !== undefined && fileBytes) return (bytes) => (total * bytes) / fileBytes;
	return (bytes) => (bytes * 2) / (format.sampleRate * format.channels * 2);
}
