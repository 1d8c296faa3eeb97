/**
 * Synthetic audio: 16-bit PCM WAV made of tones and noise, clearly not speech. Used for the
 * example recordings (scripts/generate-audio.ts) and the sandbox's seed data.
 */
import { seededRandom } from '../core/random';

export interface ToneSpec {
	/** Seconds of audio. */
	seconds: number;
	sampleRate?: number;
	/** Tone frequencies in Hz, played one after another, each for `seconds / tones.length`. */
	tones: number[];
	/** Noise amplitude 0..1 mixed under the tones. */
	noise?: number;
	seed?: number;
}

/** A mono 16-bit PCM WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
	const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'latin1');
	header.write('fmt ', 12, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** Tones with short fades (no clicks) over low noise. Deterministic for a given spec. */
export function synthesizeTones(spec: ToneSpec): Buffer {
	const rate = spec.sampleRate ?? 16000;
	const total = Math.round(spec.seconds * rate);
	const perTone = Math.max(1, Math.floor(total / spec.tones.length));
	const fade = Math.min(Math.floor(rate * 0.02), Math.floor(perTone / 4));
	const random = seededRandom(spec.seed ?? 7);
	const noise = spec.noise ?? 0.02;
	const samples = new Int16Array(total);
	for (let i = 0; i < total; i++) {
		const index = Math.min(spec.tones.length - 1, Math.floor(i / perTone));
		const within = i - index * perTone;
		const envelope = Math.min(
			1,
			within / Math.max(1, fade),
			(perTone - within) / Math.max(1, fade),
		);
		const tone =
			Math.sin((2 * Math.PI * spec.tones[index] * i) / rate) * 0.3 * Math.max(0, envelope);
		const value = tone + (random() * 2 - 1) * noise;
		samples[i] = Math.round(Math.max(-1, Math.min(1, value)) * 32767);
	}
	return encodeWav(samples, rate);
}
