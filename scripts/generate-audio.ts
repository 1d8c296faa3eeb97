/**
 * Writes the synthetic example recordings (tones and noise, 16 kHz mono WAV) into examples/audio/.
 * Run: npx tsx scripts/generate-audio.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_RECORDINGS, renderExample } from '../sandbox/audio/examples';

const target = join(__dirname, '..', 'examples', 'audio');
mkdirSync(target, { recursive: true });
for (const recording of EXAMPLE_RECORDINGS) {
	const bytes = renderExample(recording);
	writeFileSync(join(target, recording.fileName), bytes);
	process.stdout.write(
		`examples/audio/${recording.fileName} (${bytes.length} bytes, encounter ${recording.encounterId})\n`,
	);
}
