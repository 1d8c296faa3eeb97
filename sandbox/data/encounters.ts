/**
 * Synthetic, clearly fictional encounters. Every emulator derives its transcripts,
 * notes and insights from these, so the three services tell the same story.
 * No real patient data: names are invented and marked as test patients.
 */

export type Speaker = 'CLINICIAN' | 'PATIENT';

export interface SyntheticTurn {
	role: Speaker;
	text: string;
	/** Seconds from the start of the recording. */
	start: number;
	end: number;
}

/** Findings keyed by a neutral section key; emulators map keys onto their own section names. */
export type SectionKey =
	| 'CHIEF_COMPLAINT'
	| 'HISTORY_OF_PRESENT_ILLNESS'
	| 'REVIEW_OF_SYSTEMS'
	| 'PAST_MEDICAL_HISTORY'
	| 'PHYSICAL_EXAMINATION'
	| 'ASSESSMENT'
	| 'PLAN';

export interface SyntheticFinding {
	text: string;
	/** Indexes into `turns` that support this finding. */
	evidence: number[];
}

export interface SyntheticEncounter {
	id: string;
	specialty: 'PRIMARY_CARE' | 'BEHAVIORAL_HEALTH';
	title: string;
	patientName: string;
	clinicianName: string;
	turns: SyntheticTurn[];
	findings: Record<SectionKey, SyntheticFinding[]>;
	afterVisitSummary: string;
	/** Coded insights (ICD-10-CM / RxNorm style), all fictional pairings for testing. */
	codes: Array<{
		system: 'ICD-10-CM' | 'RXNORM' | 'SNOMEDCT';
		code: string;
		display: string;
		evidence: number[];
	}>;
}

function timed(lines: Array<[Speaker, string]>): SyntheticTurn[] {
	let t = 0.4;
	return lines.map(([role, text]) => {
		const seconds = Math.max(1.5, text.split(' ').length * 0.38);
		const turn = { role, text, start: Number(t.toFixed(2)), end: Number((t + seconds).toFixed(2)) };
		t += seconds + 0.6;
		return turn;
	});
}

const primaryCare: SyntheticEncounter = {
	id: 'enc-primary-care-001',
	specialty: 'PRIMARY_CARE',
	title: 'Follow-up: cough and sore throat',
	patientName: 'Test Patient Alex Example',
	clinicianName: 'Dr. Sample Clinician',
	turns: timed([
		['CLINICIAN', 'Good morning, what brings you in today?'],
		['PATIENT', 'I have had a dry cough and a sore throat for about five days.'],
		['CLINICIAN', 'Any fever, chills or shortness of breath?'],
		['PATIENT', 'A low fever the first two days, no trouble breathing.'],
		['CLINICIAN', 'Are you taking anything for it at the moment?'],
		['PATIENT', 'Just ibuprofen 400 milligrams twice a day and some honey tea.'],
		['CLINICIAN', 'Do you have any history of asthma or lung problems?'],
		['PATIENT', 'No, but I do have seasonal allergies in the spring.'],
		[
			'CLINICIAN',
			'Let me listen to your chest. Take a deep breath. Your lungs sound clear and your throat is a little red.',
		],
		[
			'CLINICIAN',
			'This looks like a viral upper respiratory infection. Antibiotics will not help here.',
		],
		[
			'CLINICIAN',
			'Keep up fluids and rest, continue ibuprofen as needed, and come back if you are not better in a week or get short of breath.',
		],
		['PATIENT', 'Okay, thank you, that makes sense.'],
	]),
	findings: {
		CHIEF_COMPLAINT: [{ text: 'Dry cough and sore throat for five days.', evidence: [1] }],
		HISTORY_OF_PRESENT_ILLNESS: [
			{
				text: 'Five days of dry cough and sore throat with low-grade fever on the first two days.',
				evidence: [1, 3],
			},
			{ text: 'No shortness of breath.', evidence: [3] },
			{ text: 'Self-treating with ibuprofen 400 mg twice daily and honey tea.', evidence: [5] },
		],
		REVIEW_OF_SYSTEMS: [
			{ text: 'Constitutional: low-grade fever, resolved.', evidence: [3] },
			{ text: 'Respiratory: dry cough, no dyspnea.', evidence: [1, 3] },
		],
		PAST_MEDICAL_HISTORY: [
			{ text: 'Seasonal allergies. No asthma or chronic lung disease.', evidence: [7] },
		],
		PHYSICAL_EXAMINATION: [
			{ text: 'Lungs clear to auscultation bilaterally.', evidence: [8] },
			{ text: 'Mild pharyngeal erythema.', evidence: [8] },
		],
		ASSESSMENT: [{ text: 'Acute viral upper respiratory infection.', evidence: [9] }],
		PLAN: [
			{ text: 'Supportive care: fluids and rest; continue ibuprofen as needed.', evidence: [10] },
			{ text: 'No antibiotics indicated.', evidence: [9] },
			{ text: 'Return if not improved in one week or if short of breath.', evidence: [10] },
		],
	},
	afterVisitSummary:
		'You have a viral infection of the nose and throat. Drink plenty of fluids, rest, and keep taking ibuprofen if you need it. Come back if you are not better in a week or if you feel short of breath.',
	codes: [
		{
			system: 'ICD-10-CM',
			code: 'J06.9',
			display: 'Acute upper respiratory infection, unspecified',
			evidence: [9],
		},
		{ system: 'ICD-10-CM', code: 'R05.9', display: 'Cough, unspecified', evidence: [1] },
		{ system: 'RXNORM', code: '5640', display: 'ibuprofen', evidence: [5] },
	],
};

const behavioralHealth: SyntheticEncounter = {
	id: 'enc-behavioral-health-001',
	specialty: 'BEHAVIORAL_HEALTH',
	title: 'Check-in: sleep and low mood',
	patientName: 'Test Patient Sam Placeholder',
	clinicianName: 'Dr. Sample Therapist',
	turns: timed([
		['CLINICIAN', 'How have things been since our last session?'],
		[
			'PATIENT',
			'Work has been stressful and I have been sleeping badly, maybe five hours a night.',
		],
		['CLINICIAN', 'How has your mood been during the day?'],
		['PATIENT', 'Low most days, and I have less interest in things I usually enjoy.'],
		['CLINICIAN', 'Have you had any thoughts of harming yourself?'],
		['PATIENT', 'No, nothing like that.'],
		['CLINICIAN', 'Are you still doing the breathing exercises we practised?'],
		['PATIENT', 'Some evenings, they help a bit when I remember.'],
		[
			'CLINICIAN',
			'Your answers suggest moderate symptoms of depression, mostly tied to work stress and poor sleep.',
		],
		[
			'CLINICIAN',
			'Let us work on a sleep routine, keep the breathing exercises daily, and meet again in two weeks.',
		],
		['PATIENT', 'That sounds good, I will try the routine.'],
	]),
	findings: {
		CHIEF_COMPLAINT: [
			{ text: 'Poor sleep and low mood related to work stress.', evidence: [1, 3] },
		],
		HISTORY_OF_PRESENT_ILLNESS: [
			{ text: 'Sleeping about five hours a night because of work stress.', evidence: [1] },
			{ text: 'Low mood most days with reduced interest in usual activities.', evidence: [3] },
			{ text: 'Uses breathing exercises some evenings with partial benefit.', evidence: [7] },
		],
		REVIEW_OF_SYSTEMS: [
			{
				text: 'Psychiatric: low mood, anhedonia, insomnia. Denies self-harm thoughts.',
				evidence: [3, 5],
			},
		],
		PAST_MEDICAL_HISTORY: [{ text: 'Ongoing counselling for stress.', evidence: [0] }],
		PHYSICAL_EXAMINATION: [
			{
				text: 'Mental status: calm, engaged, mood low, no safety concerns expressed.',
				evidence: [5],
			},
		],
		ASSESSMENT: [
			{
				text: 'Moderate depressive symptoms associated with occupational stress and insomnia.',
				evidence: [8],
			},
		],
		PLAN: [
			{ text: 'Introduce a structured sleep routine.', evidence: [9] },
			{ text: 'Continue daily breathing exercises.', evidence: [9] },
			{ text: 'Follow-up session in two weeks.', evidence: [9] },
		],
	},
	afterVisitSummary:
		'We talked about your sleep and mood. Try the new sleep routine each night, keep doing the breathing exercises every day, and we will meet again in two weeks.',
	codes: [
		{
			system: 'ICD-10-CM',
			code: 'F32.1',
			display: 'Major depressive disorder, single episode, moderate',
			evidence: [8],
		},
		{ system: 'ICD-10-CM', code: 'G47.00', display: 'Insomnia, unspecified', evidence: [1] },
	],
};

export const ENCOUNTERS: readonly SyntheticEncounter[] = [primaryCare, behavioralHealth];

/** Deterministic choice of an encounter from any string (a job name, a session id). */
export function pickEncounter(seed: string): SyntheticEncounter {
	let hash = 0;
	for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
	return ENCOUNTERS[hash % ENCOUNTERS.length];
}
