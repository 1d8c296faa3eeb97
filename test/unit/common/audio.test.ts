import {
	abortableSleep,
	newProgress,
	pacedChunks,
	SegmentFold,
	StreamAbortedError,
} from '../../../nodes/common/audio/pacing';
import {
	audioChunks,
	AudioFormatError,
	ByteReader,
	chunkBytes,
	openRecording,
	rawPcmFormat,
	type AudioRules,
} from '../../../nodes/common/audio/recording';
import { toneWav } from '../../integration/connect-health/streaming.helpers';

async function* pieces(buffer: Buffer, size: number) {
	for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const collect = async (iterable: AsyncIterable<Buffer>) => {
	const out: Buffer[] = [];
	for await (const chunk of iterable) out.push(chunk);
	return out;
};

/** A first Ogg page holding an OpusHead packet (RFC 7845 §5.1), then `bodyBytes` of further pages. */
function oggOpus(options: { channels: number; inputRate: number; bodyBytes?: number }): Buffer {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'latin1');
	head[8] = 1;
	head[9] = options.channels;
	head.writeUInt32LE(options.inputRate, 12);
	const page = Buffer.alloc(27);
	page.write('OggS', 0, 'latin1');
	page[5] = 2;
	page[26] = 1;
	return Buffer.concat([page, Buffer.from([19]), head, Buffer.alloc(options.bodyBytes ?? 0, 7)]);
}

const HEALTHSCRIBE: AudioRules = { minRate: 16000, maxRate: 48000, oggOpus: true };

const problemOf = async (file: Buffer, rules?: AudioRules) => {
	try {
		await openRecording(new ByteReader(pieces(file, 5)), rules);
	} catch (error) {
		if (error instanceof AudioFormatError) return `${error.problem} | ${error.fix}`;
		throw error;
	}
	return 'accepted';
};

describe('shared recording reader (common/audio)', () => {
	it('Ogg Opus: channels and rate from OpusHead, every byte sent, only where the service accepts it', async () => {
		const file = oggOpus({ channels: 2, inputRate: 16000, bodyBytes: 5000 });
		const reader = new ByteReader(pieces(file, 11));
		const { format, prefix } = await openRecording(reader, HEALTHSCRIBE);
		expect(format).toMatchObject({
			encoding: 'ogg-opus',
			container: 'ogg',
			channels: 2,
			sampleRate: 16000,
		});
		const chunks = await collect(audioChunks(reader, format, prefix, chunkBytes(format, 100)));
		expect(Buffer.concat(chunks).equals(file)).toBe(true);
		expect(await problemOf(file)).toBe(
			'it is neither WAV nor FLAC | Use a WAV (PCM 16-bit little-endian) or FLAC recording; convert other formats (MP3, M4A, …) first.',
		);
	});

	it('sample-rate rules per service and encoding', async () => {
		expect(await problemOf(oggOpus({ channels: 1, inputRate: 44100 }), HEALTHSCRIBE)).toBe(
			'its Opus sample rate is 44100 Hz | Encode the recording with Opus at 16,000, 24,000, 48,000 Hz, or use WAV (PCM 16-bit) or FLAC.',
		);
		expect(await problemOf(oggOpus({ channels: 1, inputRate: 0 }), HEALTHSCRIBE)).toBe('accepted');
		const narrowband = toneWav({ seconds: 0.1, channels: 1, sampleRate: 8000 });
		expect(await problemOf(narrowband)).toBe('accepted');
		expect(await problemOf(narrowband, HEALTHSCRIBE)).toBe(
			'its sample rate is 8000 Hz | Resample the recording to a rate from 16,000 to 48,000 Hz (16,000 Hz is typical for speech).',
		);
		expect(
			await problemOf(Buffer.from('ID3\u0004 mp3 bytes here', 'latin1'), HEALTHSCRIBE),
		).toMatch(/^it is not WAV, FLAC or Ogg Opus/);
	});

	it('raw PCM: no detection, the given rate and channels checked, every byte is audio', async () => {
		const bytes = Buffer.from('RIFF-looking raw samples'.padEnd(64, '.'));
		const reader = new ByteReader(pieces(bytes, 7));
		const { format, prefix } = await openRecording(reader, HEALTHSCRIBE, rawPcmFormat(16000, 1));
		expect(format).toMatchObject({
			encoding: 'pcm',
			container: 'raw',
			sampleRate: 16000,
			channels: 1,
		});
		expect(
			Buffer.concat(await collect(audioChunks(reader, format, prefix, 10))).equals(bytes),
		).toBe(true);
		await expect(
			openRecording(new ByteReader(pieces(bytes, 7)), HEALTHSCRIBE, rawPcmFormat(96000, 1)),
		).rejects.toThrow(AudioFormatError);
	});
});

describe('pacing (common/audio/pacing)', () => {
	it('counts what the consumer took and sleeps to real time', async () => {
		const progress = newProgress();
		const sleeps: number[] = [];
		const chunks = pacedChunks(pieces(Buffer.alloc(3200), 1600), progress, {
			secondsOf: (b) => b / 32000,
			realTime: true,
			sleep: async (ms) => void sleeps.push(ms),
		});
		const seen: number[] = [];
		for await (const chunk of chunks) seen.push(progress.audioEvents, chunk.length);
		expect(seen).toEqual([0, 1600, 1, 1600]);
		expect(progress).toMatchObject({
			audioEvents: 2,
			audioBytes: 3200,
			audioSeconds: 0.1,
			stage: 'ending',
		});
		expect(sleeps).toHaveLength(2);
		expect(sleeps.every((ms) => ms > 0 && ms <= 100)).toBe(true);
	});

	it('stops reading the source when aborted, also mid-sleep', async () => {
		let read = 0;
		async function* source() {
			for (;;) {
				read++;
				yield Buffer.alloc(1600);
			}
		}
		const controller = new AbortController();
		const progress = newProgress();
		const iterate = async () => {
			for await (const chunk of pacedChunks(source(), progress, {
				secondsOf: (b) => b / 32000,
				realTime: true,
				signal: controller.signal,
			})) {
				if (progress.audioEvents === 1) controller.abort();
				void chunk;
			}
		};
		await expect(iterate()).rejects.toBeInstanceOf(StreamAbortedError);
		expect(read).toBe(2);
		await expect(abortableSleep(10_000, controller.signal)).rejects.toBeInstanceOf(
			StreamAbortedError,
		);
	});

	it('folds partials into finals; a late partial never replaces a final', () => {
		type S = { id?: string; partial: boolean; start: number; text: string };
		const fold = new SegmentFold<S>({
			id: (s) => s.id,
			withId: (s, id) => ({ ...s, id }),
			isFinal: (s) => !s.partial,
			start: (s) => s.start,
		});
		fold.add({ id: 'b', partial: true, start: 2, text: 'late' });
		fold.add({ id: 'a', partial: true, start: 1, text: 'hel' });
		fold.add({ id: 'a', partial: false, start: 1, text: 'hello' });
		fold.add({ id: 'a', partial: true, start: 1, text: 'he' });
		fold.add({ partial: false, start: 0, text: 'first' });
		expect(fold.result().map((s) => `${s.id}:${s.text}`)).toEqual([
			'segment-0:first',
			'a:hello',
			'b:late',
		]);
	});
});
