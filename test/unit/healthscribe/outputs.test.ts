import transcriptExample from './fixtures/transcript.json';
import summaryExample from './fixtures/summary.json';
import { healthScribeNote } from '../../../nodes/HealthScribe/outputs/note';
import {
	clinicalSections,
	splitParticipantRole,
	transcriptInsights,
	transcriptTurns,
} from '../../../nodes/common/scribeFiles';
import { parseJsonFile } from '../../../nodes/common/scribeFiles';
import { isTransient, MalformedContentError } from '../../../nodes/common/transient';

describe('HealthScribe output parsers (examples shaped as the HealthScribe output file documentation)', () => {
	it('turns transcript segments into turns with role, speaker, times and the segment id', () => {
		const turns = transcriptTurns(transcriptExample);
		expect(turns).toHaveLength(4);
		expect(turns[0]).toEqual({
			id: '3f2b6c1e-0a4d-4e8b-9c21-5d7e8f9a0b11',
			role: 'CLINICIAN',
			speaker: 'CLINICIAN_0',
			start: 0.42,
			end: 2.1,
			text: 'Good morning, what brings you in today?',
			section: 'OTHER',
		});
		expect(turns.map((t) => t.role)).toEqual(['CLINICIAN', 'PATIENT', 'CLINICIAN', 'CLINICIAN']);
		expect(turns.map((t) => t.section)).toEqual([
			'OTHER',
			'SUBJECTIVE',
			'OBJECTIVE',
			'ASSESSMENT_AND_PLAN',
		]);
	});

	it('splits numbered participant roles and keeps unknown ones', () => {
		expect(splitParticipantRole('PATIENT_1')).toEqual({ role: 'PATIENT', speaker: 'PATIENT_1' });
		expect(splitParticipantRole('interpreter')).toEqual({
			role: 'INTERPRETER',
			speaker: 'interpreter',
		});
		expect(splitParticipantRole(undefined)).toEqual({ role: 'UNKNOWN' });
	});

	it('reads clinical insights with attributes and the segments they come from', () => {
		const insights = transcriptInsights(transcriptExample);
		expect(insights).toHaveLength(5);
		const segment = 'c4e7a912-3f5b-4c8d-a0e1-2f3e4d5c6b44';
		expect(insights[4]).toEqual({
			id: 'insight-5',
			type: 'MEDICATION',
			subtype: 'GENERIC_NAME',
			text: 'ibuprofen; dosage: 400 mg; frequency: every 8 hours',
			evidence: [segment],
			spans: [{ turnId: segment, begin: 5, end: 13, text: 'ibuprofen' }],
			attributes: [
				{
					id: 'attr-5-1',
					type: 'DOSAGE',
					text: '400 mg',
					spans: [{ turnId: segment, begin: 15, end: 20, text: '400 mg' }],
				},
				{
					id: 'attr-5-2',
					type: 'FREQUENCY',
					text: 'every 8 hours',
					spans: [{ turnId: segment, begin: 22, end: 34, text: 'every 8 hours' }],
				},
			],
		});
		expect(insights[2].text).toBe('temperature; test value: 38.2');
	});

	it('reads note sections in file order with their evidence links', () => {
		const sections = clinicalSections(summaryExample);
		expect(sections.map((s) => s.name)).toEqual([
			'CHIEF_COMPLAINT',
			'HISTORY_OF_PRESENT_ILLNESS',
			'PHYSICAL_EXAMINATION',
			'ASSESSMENT',
			'PLAN',
		]);
		expect(sections[1].items[0].evidence).toEqual([
			'3f2b6c1e-0a4d-4e8b-9c21-5d7e8f9a0b11',
			'7a9d2e44-1b3c-4f5a-8e6d-0c1b2a3d4e22',
		]);
	});

	it('builds an EncounterNote whose evidence resolves to transcript turns', () => {
		const note = healthScribeNote(transcriptExample, summaryExample, {
			jobName: 'visit-2024-05-14-rm12',
			template: 'HISTORY_AND_PHYSICAL',
			uris: { transcript: 's3://out/t.json', clinicalDocument: 's3://out/s.json' },
		});
		expect(note.source).toEqual({
			vendor: 'aws-healthscribe',
			ids: {
				jobName: 'visit-2024-05-14-rm12',
				conversationId: '0d5f3a2c-8e1b-4c7d-9a6f-3b2e1d0c9f55',
			},
			uris: { transcript: 's3://out/t.json', clinicalDocument: 's3://out/s.json' },
			template: 'HISTORY_AND_PHYSICAL',
		});
		const assessment = note.sections.find((s) => s.name === 'ASSESSMENT')!;
		expect(assessment.title).toBe('Assessment');
		expect(assessment.items[0].evidence).toEqual([
			{ turnId: '7a9d2e44-1b3c-4f5a-8e6d-0c1b2a3d4e22', turnIndex: 1 },
			{ turnId: 'b81c5f30-2d4e-4a6b-9f7c-1e2d3c4b5a33', turnIndex: 2 },
		]);
		expect(note.transcript.turns[assessment.items[0].evidence[1].turnIndex!].text).toContain(
			'temperature is 38.2',
		);
		expect(note.insights[0].evidence).toEqual([
			{ turnId: '7a9d2e44-1b3c-4f5a-8e6d-0c1b2a3d4e22', turnIndex: 1 },
		]);
		expect(note.markdown).toContain('## Chief Complaint\n\n- Sore throat and fever.');
		expect(note.markdown).toContain(
			'## Physical Examination\n\n- Temperature 38.2. Tonsils appear swollen.',
		);
		expect(note.markdown.indexOf('## Chief Complaint')).toBeLessThan(
			note.markdown.indexOf('## Plan'),
		);
	});

	it('keeps empty and unknown sections without failing, and reads streaming-style files', () => {
		const note = healthScribeNote(
			{
				Conversation: {
					SessionId: 'session-1',
					TranscriptSegments: [
						{
							SegmentId: 's1',
							Content: 'Hello.',
							ParticipantDetails: { ParticipantRole: 'PATIENT_0' },
						},
					],
				},
			},
			{
				ClinicalDocumentation: {
					Sections: [
						{ SectionName: 'SUBJECTIVE', Summary: [] },
						{
							SectionName: 'BEHAVIORAL_FOCUS_AREA',
							Summary: [
								{
									SummarizedSegment: 'Talked.',
									EvidenceLinks: [{ SegmentId: 's1' }, { SegmentId: 'missing' }],
								},
							],
						},
						{ SectionName: 'OBJECTIVE' },
					],
				},
			},
		);
		expect(note.source.ids).toEqual({ sessionId: 'session-1' });
		expect(note.sections.map((s) => [s.title, s.items.length])).toEqual([
			['Subjective', 0],
			['Behavioral Focus Area', 1],
			['Objective', 0],
		]);
		expect(note.sections[1].items[0].evidence).toEqual([
			{ turnId: 's1', turnIndex: 0 },
			{ turnId: 'missing' },
		]);
		expect(note.markdown).toBe(
			'# History and physical note\n\n- **Vendor:** AWS HealthScribe\n- **Session:** session-1\n- **Template:** HISTORY_AND_PHYSICAL\n\n## Behavioral Focus Area\n\n- Talked.\n',
		);
	});

	it('tolerates files without the expected members', () => {
		const note = healthScribeNote({}, {});
		expect(note.sections).toEqual([]);
		expect(note.transcript.turns).toEqual([]);
		expect(note.insights).toEqual([]);
	});

	it('refuses non-JSON output files without quoting their content', () => {
		expect(() => parseJsonFile(Buffer.from('Patient Jane Roe said'), 'transcript file')).toThrow(
			'The transcript file is not valid JSON',
		);
		expect(() => parseJsonFile('[1]', 'transcript file')).toThrow('not a JSON object');
		expect(parseJsonFile('{"a":1}', 'x')).toEqual({ a: 1 });
	});

	it('treats bytes that do not decode as a cut download (transient), a wrong document as permanent', () => {
		const whole = Buffer.from(
			JSON.stringify({
				Conversation: { TranscriptSegments: [{ Content: 'Kopfschmerzen seit Montag – ärztlich' }] },
			}),
		);
		for (const cut of [
			whole.subarray(0, whole.length / 2),
			whole.subarray(0, whole.indexOf('ä') + 1),
			Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
		]) {
			let thrown: unknown;
			try {
				parseJsonFile(cut, 'transcript file');
			} catch (error) {
				thrown = error;
			}
			expect(thrown).toBeInstanceOf(MalformedContentError);
			expect(isTransient(thrown)).toBe(true);
		}
		let wrong: unknown;
		try {
			parseJsonFile('[1]', 'transcript file');
		} catch (error) {
			wrong = error;
		}
		expect(isTransient(wrong)).toBe(false);
	});

	it('links evidence across an hour-long encounter (3,000 turns)', () => {
		const segments = Array.from({ length: 3000 }, (_, i) => ({
			SegmentId: `seg-${i}`,
			BeginAudioTime: i,
			EndAudioTime: i + 1,
			Content: `Turn ${i}`,
			ParticipantDetails: { ParticipantRole: i % 2 ? 'PATIENT_0' : 'CLINICIAN_0' },
		}));
		const sections = Array.from({ length: 10 }, (_, s) => ({
			SectionName: `SECTION_${s}`,
			Summary: Array.from({ length: 30 }, (_, j) => ({
				SummarizedSegment: `Point ${j}`,
				EvidenceLinks: [{ SegmentId: `seg-${s * 300 + j}` }],
			})),
		}));
		const note = healthScribeNote(
			{ Conversation: { TranscriptSegments: segments } },
			{ ClinicalDocumentation: { Sections: sections } },
		);
		expect(note.sections[9].items[29].evidence[0].turnIndex).toBe(2729);
	});
});
