import type { TranscriptTurn } from '../../common/encounterNote';

/**
 * Turns of a Heidi transcript. Its format is undocumented (a plain string, https://www.heidihealth.com/developers/heidi-api/transcription); lines
 * like "Clinician: …" or "Patient: …" become turns with a role, anything else a turn of its own
 * with the role UNKNOWN.
 */
const SPEAKER = /^([A-Za-z][\w .'-]{0,30}?)\s*:\s+(.+)$/;

function role(speaker: string): string {
	if (
		/^(clinician|doctor|dr\b|physician|provider|nurse|gp|therapist|psychologist|practitioner)/i.test(
			speaker,
		)
	)
		return 'CLINICIAN';
	if (/^(patient|client)/i.test(speaker)) return 'PATIENT';
	return speaker.toUpperCase().replace(/\s+/g, '_');
}

export function parseTranscript(text: string): TranscriptTurn[] {
	const turns: TranscriptTurn[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const match = SPEAKER.exec(line);
		const id = String(turns.length);
		turns.push(
			match
				? { id, role: role(match[1]), speaker: match[1], text: match[2].trim() }
				: { id, role: 'UNKNOWN', text: line },
		);
	}
	return turns;
}
