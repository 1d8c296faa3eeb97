import type { INodeExecutionData } from 'n8n-workflow';

/** A 16-bit PCM WAV of tones (synthetic, no voice): `channels` interleaved, `seconds` long. */
export function toneWav(options: {
	seconds: number;
	sampleRate?: number;
	channels?: number;
	bitsPerSample?: number;
	formatTag?: number;
}): Buffer {
	const rate = options.sampleRate ?? 16000;
	const channels = options.channels ?? 1;
	const bits = options.bitsPerSample ?? 16;
	const frames = Math.round(options.seconds * rate);
	const bytesPerSample = bits / 8;
	const data = Buffer.alloc(frames * channels * bytesPerSample);
	for (let i = 0; i < frames; i++) {
		for (let c = 0; c < channels; c++) {
			const value = Math.round(Math.sin((2 * Math.PI * (440 + 110 * c) * i) / rate) * 8000);
			const at = (i * channels + c) * bytesPerSample;
			if (bits === 16) data.writeInt16LE(value, at);
			else if (bits === 8) data.writeUInt8(128 + (value >> 8), at);
			else data.writeInt32LE(value << 16, at);
		}
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'latin1');
	header.write('fmt ', 12, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(options.formatTag ?? 1, 20);
	header.writeUInt16LE(channels, 22);
	header.writeUInt32LE(rate, 24);
	header.writeUInt32LE(rate * channels * bytesPerSample, 28);
	header.writeUInt16LE(channels * bytesPerSample, 32);
	header.writeUInt16LE(bits, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/**
 * A FLAC stream: `fLaC`, a valid STREAMINFO block, then filler frames. The sandbox (like a format
 * check) reads the header only; the bytes after it stand in for encoded frames.
 */
export function flacStream(options: {
	seconds: number;
	sampleRate?: number;
	channels?: number;
	frameBytes?: number;
}): Buffer {
	const rate = options.sampleRate ?? 16000;
	const channels = options.channels ?? 1;
	const totalSamples = Math.round(options.seconds * rate);
	const info = Buffer.alloc(34);
	info.writeUInt16BE(4096, 0);
	info.writeUInt16BE(4096, 2);
	info[10] = (rate >> 12) & 0xff;
	info[11] = (rate >> 4) & 0xff;
	info[12] = ((rate & 0x0f) << 4) | ((channels - 1) << 1) | ((16 - 1) >> 4);
	info[13] = (((16 - 1) & 0x0f) << 4) | Math.floor(totalSamples / 2 ** 32);
	info.writeUInt32BE(totalSamples >>> 0, 14);
	const blockHeader = Buffer.from([0x80, 0, 0, 34]);
	const frames = Buffer.alloc(options.frameBytes ?? Math.round(totalSamples * channels));
	for (let i = 0; i < frames.length; i++) frames[i] = (i * 31 + 7) & 0xff;
	return Buffer.concat([Buffer.from('fLaC', 'latin1'), blockHeader, info, frames]);
}

/** An input item carrying `body` as binary property `data`. */
export function recordingItem(
	body: Buffer,
	fileName: string,
	mimeType = 'audio/wav',
): INodeExecutionData {
	return {
		json: { visit: fileName },
		binary: { data: { data: body.toString('base64'), mimeType, fileName } },
	};
}
