/** Container detection by magic bytes, for the formats Amazon Transcribe batch accepts. */

export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg' | 'mp4' | 'amr' | 'webm';

const ascii = (bytes: Buffer, offset: number, text: string): boolean =>
	bytes.length >= offset + text.length &&
	bytes.toString('latin1', offset, offset + text.length) === text;

/** The container the bytes start with, or undefined when they are not audio Transcribe could read. */
export function detectAudioContainer(bytes: Buffer): AudioContainer | undefined {
	if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'wav';
	if (ascii(bytes, 0, 'fLaC')) return 'flac';
	if (ascii(bytes, 0, 'OggS')) return 'ogg';
	if (ascii(bytes, 4, 'ftyp')) return 'mp4';
	if (ascii(bytes, 0, '#!AMR')) return 'amr';
	if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
	if (ascii(bytes, 0, 'ID3')) return 'mp3';
	// A bare MPEG audio frame: 11 sync bits, a valid version and layer III/II/I.
	if (
		bytes.length >= 2 &&
		bytes[0] === 0xff &&
		(bytes[1] & 0xe0) === 0xe0 &&
		(bytes[1] & 0x18) !== 0x08 &&
		(bytes[1] & 0x06) !== 0
	)
		return 'mp3';
	return undefined;
}
