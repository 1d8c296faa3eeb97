import {
	audioChunks,
	AudioFormatError,
	ByteReader,
	chunkBytes,
	openRecording,
	secondsCounter,
} from '../../../nodes/common/audio/recording';
import { flacStream, toneWav } from '../../integration/connect-health/streaming.helpers';

async function* pieces(buffer: Buffer, size: number) {
	for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const collect = async (iterable: AsyncIterable<Buffer>) => {
	const out: Buffer[] = [];
	for await (const chunk of iterable) out.push(chunk);
	return out;
};

describe('recording headers and chunks', () => {
	it('WAV: format from the header, a LIST chunk skipped, only the data chunk sent, in whole-frame chunks', async () => {
		const wav = toneWav({ seconds: 1, channels: 2, sampleRate: 16000 });
		const list = Buffer.concat([
			Buffer.from('LIST', 'latin1'),
			Buffer.from([5, 0, 0, 0]),
			Buffer.from('INFOx'),
			Buffer.from([0]),
		]);
		const trailer = Buffer.concat([
			Buffer.from('id3 ', 'latin1'),
			Buffer.from([4, 0, 0, 0]),
			Buffer.from('tags'),
		]);
		const file = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36), trailer]);
		const reader = new ByteReader(pieces(file, 1000));
		const { format, prefix } = await openRecording(reader);
		expect(format).toMatchObject({
			encoding: 'pcm',
			container: 'wav',
			sampleRate: 16000,
			channels: 2,
			bitsPerSample: 16,
			dataBytes: wav.length - 44,
		});
		const size = chunkBytes(format, 100);
		expect(size).toBe(1600 * 4);
		const chunks = await collect(audioChunks(reader, format, prefix, size));
		expect(chunks.map((c) => c.length)).toEqual(Array(10).fill(6400));
		expect(Buffer.concat(chunks).equals(wav.subarray(44))).toBe(true);
		expect(secondsCounter(format, file.length)(64000)).toBe(1);
	});

	it('FLAC: STREAMINFO read; the whole stream, header included, is the audio', async () => {
		const flac = flacStream({ seconds: 2, channels: 2, sampleRate: 44100, frameBytes: 5000 });
		const reader = new ByteReader(pieces(flac, 333));
		const { format, prefix } = await openRecording(reader);
		expect(format).toMatchObject({
			encoding: 'flac',
			sampleRate: 44100,
			channels: 2,
			bitsPerSample: 16,
			totalSamples: 88200,
		});
		const chunks = await collect(audioChunks(reader, format, prefix, 1024));
		expect(Buffer.concat(chunks).equals(flac)).toBe(true);
		expect(secondsCounter(format, flac.length)(flac.length)).toBeCloseTo(2);
	});

	it.each([
		['float', toneWav({ seconds: 0.1, bitsPerSample: 32, formatTag: 3 }), /float/],
		['24 kHz is fine, 4 kHz is not', toneWav({ seconds: 0.1, sampleRate: 4000 }), /4000 Hz/],
		['three channels', toneWav({ seconds: 0.1, channels: 3 }), /3 channels/],
		['not audio', Buffer.from('hello world, not audio at all'), /neither WAV nor FLAC/],
		['a cut FLAC header', Buffer.from('fLaC\0\0\0\x22', 'latin1'), /STREAMINFO/],
	])('%s → a named format error', async (_name, body, problem) => {
		await expect(openRecording(new ByteReader(pieces(body, 64)))).rejects.toThrow(AudioFormatError);
		await expect(openRecording(new ByteReader(pieces(body, 64)))).rejects.toThrow(problem);
	});
});
