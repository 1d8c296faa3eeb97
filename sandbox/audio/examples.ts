/**
 * The example recordings: one synthetic tone sequence per synthetic encounter. The same specs
 * produce the committed files (scripts/generate-audio.ts) and the sandbox's seeded media, so
 * both are byte-identical. Tones and noise only: no voice of any person.
 */
import { ENCOUNTERS } from '../data/encounters';
import { synthesizeTones, type ToneSpec } from './wav';

export interface ExampleRecording {
	fileName: string;
	encounterId: string;
	spec: ToneSpec;
}

/** Distinct tone patterns per encounter, 3 s of 16 kHz mono 16-bit PCM (about 96 KB each). */
export const EXAMPLE_RECORDINGS: ExampleRecording[] = ENCOUNTERS.map((encounter, i) => ({
	fileName: `${encounter.id}.wav`,
	encounterId: encounter.id,
	spec: {
		seconds: 3,
		sampleRate: 16000,
		tones: i % 2 === 0 ? [440, 554, 659, 554] : [392, 330, 262, 330],
		noise: 0.02,
		seed: i + 1,
	},
}));

export function renderExample(recording: ExampleRecording): Buffer {
	return synthesizeTones(recording.spec);
}
