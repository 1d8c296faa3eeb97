import { buildArtifacts } from '../../../sandbox/connect-health/artifacts';
import { ENCOUNTERS } from '../../../sandbox/data/encounters';
import {
	artifactKindOf,
	datePartitions,
	expandDateTokens,
	listingPrefix,
	parseOutputKey,
	parseSessionArtifactKey,
} from '../../../nodes/ConnectHealth/outputs/layout';
import { sessionNote } from '../../../nodes/ConnectHealth/outputs/encounterNote';
import { listingRange, listingState, SKEW_MS } from '../../../nodes/ConnectHealth/trigger/listing';
import {
	dateTimeToIso,
	epochSecondsToIso,
} from '../../../nodes/ConnectHealth/transport/timestamps';
import type { ListeningSessionDetails } from '../../../nodes/ConnectHealth/transport/model';
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import type { AwsContext } from '../../../nodes/common/aws/clients';
import { isTransient } from '../../../nodes/common/transient';
import { parseJsonDocument } from '../../../nodes/ConnectHealth/outputs/s3Files';

const at = (iso: string) => Date.parse(iso);

describe('date-partitioned output locations', () => {
	test('tokens are filled with the UTC date', () => {
		expect(
			expandDateTokens('s3://b/notes/{yyyy}/{mm}/{dd}/', at('2026-03-07T23:59:59.999-05:00')),
		).toBe('s3://b/notes/2026/03/08/');
		expect(expandDateTokens('s3://b/{yyyy}-{mm}-{dd}', at('2026-12-31T00:00:00Z'))).toBe(
			's3://b/2026-12-31',
		);
	});

	test('one partition per UTC day of the range, oldest first; no tokens = the URI itself', () => {
		expect(
			datePartitions(
				's3://b/p/{yyyy}/{mm}/{dd}/',
				at('2026-02-27T22:00:00Z'),
				at('2026-03-01T01:00:00Z'),
			),
		).toEqual(['s3://b/p/2026/02/27/', 's3://b/p/2026/02/28/', 's3://b/p/2026/03/01/']);
		expect(
			datePartitions(
				's3://b/p/{yyyy}/{mm}/',
				at('2026-02-27T00:00:00Z'),
				at('2026-03-02T00:00:00Z'),
			),
		).toEqual(['s3://b/p/2026/02/', 's3://b/p/2026/03/']);
		expect(datePartitions('s3://b/flat/', 0, Date.now())).toEqual(['s3://b/flat/']);
	});

	test('listing prefixes end with a slash so sibling folders are not matched', () => {
		expect(listingPrefix('s3://b/notes/2026')).toEqual({ bucket: 'b', prefix: 'notes/2026/' });
		expect(listingPrefix('s3://b')).toEqual({ bucket: 'b', prefix: '' });
		expect(listingPrefix('https://b/x')).toBeUndefined();
	});
});

describe('output keys', () => {
	const SESSION = 'c11d3e00-0000-4000-8000-000000000001';
	test('ids come from the folders, whatever the depth', () => {
		expect(
			parseSessionArtifactKey(
				`scribe/2026/03/08/medical-scribe/dom-abcdefghij0123456789/sub-ABCDEFGHIJ0123456789k/${SESSION}/clinical-note.json`,
			),
		).toEqual({
			id: SESSION,
			sessionId: SESSION,
			fileName: 'clinical-note.json',
			domainId: 'dom-abcdefghij0123456789',
			subscriptionId: 'sub-ABCDEFGHIJ0123456789k',
		});
		expect(
			parseSessionArtifactKey(
				`healthscribe-streaming/${SESSION}/post-stream-analytics/clinical-notes/clinicalDoc.json`,
			),
		).toBeUndefined();
		expect(parseSessionArtifactKey(`x/${SESSION}/transcript.json`)).toMatchObject({
			sessionId: SESSION,
			domainId: undefined,
		});
		expect(
			parseOutputKey('insights/patient-insights/dom-abcdefghij0123456789/job-42/insights.json'),
		).toMatchObject({ id: 'job-42', domainId: 'dom-abcdefghij0123456789' });
		// A file right under the watched prefix is named after its job.
		expect(parseOutputKey('job-43.json')).toEqual({
			id: 'job-43',
			fileName: 'job-43.json',
			domainId: undefined,
			subscriptionId: undefined,
		});
		expect(parseOutputKey('')).toBeUndefined();
	});

	test.each([
		['clinical-note.json', 'clinicalNote'],
		['clinicalDoc.json', 'clinicalNote'],
		['summary.json', 'clinicalNote'],
		['transcript.json', 'transcript'],
		['after-visit-summary.json', 'afterVisitSummary'],
		['AfterVisitSummary.json', 'afterVisitSummary'],
		['clinical-note.txt', undefined],
		['audio.wav', undefined],
	])('%s → %s', (name, kind) => expect(artifactKindOf(name)).toBe(kind));
});

describe('listing window', () => {
	test('from the previous poll minus look-back and skew; a new scope starts at now', () => {
		const state: IDataObject = {};
		const now = at('2026-03-08T12:00:00Z');
		expect(listingRange(state, 'a', 3_600_000, now)).toEqual({
			from: now - 3_600_000 - SKEW_MS,
			to: now,
		});
		Object.assign(state, listingState('a', now - 86_400_000));
		expect(listingRange(JSON.parse(JSON.stringify(state)), 'a', 3_600_000, now)).toEqual({
			from: now - 86_400_000 - 3_600_000 - SKEW_MS,
			to: now,
		});
		expect(listingRange(state, 'b', 3_600_000, now).from).toBe(now - 3_600_000 - SKEW_MS);
	});
});

describe('timestamps', () => {
	test('epoch seconds (fractional) and date-time strings become ISO strings; absent stays absent', () => {
		expect(epochSecondsToIso(946702799.999)).toBe('2000-01-01T04:59:59.999Z');
		expect(epochSecondsToIso('1700000000')).toBe('2023-11-14T22:13:20.000Z');
		expect(epochSecondsToIso(undefined)).toBeUndefined();
		expect(dateTimeToIso('2000-01-01T04:59:59.999Z')).toBe('2000-01-01T04:59:59.999Z');
		expect(dateTimeToIso('2026-11-22T10:00:00+01:00')).toBe('2026-11-22T09:00:00.000Z');
		expect(dateTimeToIso(946702799)).toBe('2000-01-01T04:59:59.000Z');
		expect(dateTimeToIso('not a date')).toBeUndefined();
	});
});

describe('listening session artifacts → EncounterNote', () => {
	const sessionId = 'c11d3e00-0000-4000-8000-000000000009';
	const encounter = ENCOUNTERS[0];
	const docs = buildArtifacts({
		sessionId,
		encounter,
		noteTemplateSettings: { managedTemplate: { templateType: 'HISTORY_AND_PHYSICAL' } },
	});
	const details: ListeningSessionDetails = {
		sessionId,
		domainId: 'dom-abcdefghij0123456789',
		subscriptionId: 'sub-ABCDEFGHIJ0123456789k',
		streamCreationTime: '2026-03-08T09:00:00.000Z',
		postStreamActionSettings: {
			outputS3Uri: 's3://b/x',
			clinicalNoteGenerationSettings: {
				noteTemplateSettings: { managedTemplate: { templateType: 'HISTORY_AND_PHYSICAL' } },
			},
		},
	};
	const artifact = (name: string, document: object) => ({
		uri: `s3://b/x/${name}`,
		document: document as IDataObject,
	});

	test('sections with evidence resolved to turns, transcript turns, coded insights and the after-visit summary', () => {
		const note = sessionNote(details, {
			clinicalNote: artifact('clinical-note.json', docs.note),
			transcript: artifact('transcript.json', docs.transcript),
			afterVisitSummary: artifact('after-visit-summary.json', docs.afterVisitSummary),
		});
		expect(note.source).toEqual({
			vendor: 'amazon-connect-health',
			ids: { domainId: details.domainId, subscriptionId: details.subscriptionId, sessionId },
			uris: {
				clinicalNote: 's3://b/x/clinical-note.json',
				transcript: 's3://b/x/transcript.json',
				afterVisitSummary: 's3://b/x/after-visit-summary.json',
			},
			template: 'HISTORY_AND_PHYSICAL',
			createdAt: '2026-03-08T09:00:00.000Z',
		});
		expect(note.transcript.turns).toHaveLength(encounter.turns.length);
		expect(note.transcript.turns.map((t) => t.text)).toEqual(encounter.turns.map((t) => t.text));
		expect(note.transcript.turns[0]).toMatchObject({
			role: encounter.turns[0].role,
			speaker: `${encounter.turns[0].role}_0`,
			start: encounter.turns[0].start,
		});
		expect(note.sections[0]).toMatchObject({ name: 'CHIEF_COMPLAINT', title: 'Chief Complaint' });
		const firstFinding = encounter.findings.CHIEF_COMPLAINT[0];
		expect(note.sections[0].items[0].text).toBe(firstFinding.text);
		expect(note.sections[0].items[0].evidence.map((e) => e.turnIndex)).toEqual(
			firstFinding.evidence,
		);
		expect(note.insights.length).toBe(
			(docs.transcript as { Conversation: { ClinicalInsights: unknown[] } }).Conversation
				.ClinicalInsights.length,
		);
		expect(
			note.insights.every((i) => i.evidence?.every((e) => typeof e.turnIndex === 'number')),
		).toBe(true);
		expect(note.afterVisitSummary?.replace(/\s+/g, ' ')).toBe(
			encounter.afterVisitSummary.replace(/\s+/g, ' ').trim(),
		);
		expect(note.markdown).toContain(
			`# History and physical note\n\n- **Vendor:** Amazon Connect Health\n- **Domain:** ${details.domainId}\n- **Subscription:** ${details.subscriptionId}\n- **Session:** ${sessionId}\n- **Date:** 2026-03-08 09:00 UTC\n- **Template:** HISTORY_AND_PHYSICAL\n\n## Chief Complaint\n\n- `,
		);
		expect(note.markdown.startsWith('# History and physical note\n')).toBe(true);
	});

	test('the note alone still gives sections (no transcript: evidence stays unresolved)', () => {
		const note = sessionNote(details, { clinicalNote: artifact('clinical-note.json', docs.note) });
		expect(note.transcript.turns).toEqual([]);
		expect(note.sections.length).toBeGreaterThan(0);
		expect(note.sections[0].items[0].evidence[0].turnIndex).toBeUndefined();
		expect(note.afterVisitSummary).toBeUndefined();
	});
});

describe('downloaded documents', () => {
	const node = {
		id: 'n',
		name: 'Trigger',
		type: 't',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const context = { getNode: () => node } as unknown as AwsContext;
	const thrown = (body: Buffer) => {
		try {
			parseJsonDocument(context, body, 'clinical note');
		} catch (error) {
			return error as NodeOperationError;
		}
		throw new Error('no error');
	};

	test('a document cut short in transfer is a named, transient error that quotes nothing', () => {
		const whole = Buffer.from(
			JSON.stringify({
				ClinicalDocumentation: {
					Sections: [
						{ SectionName: 'PLAN', Summary: [{ SummarizedSegment: 'Jane Roe: ibuprofen' }] },
					],
				},
			}),
		);
		const error = thrown(whole.subarray(0, whole.length - 7));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The clinical note is not valid JSON');
		expect(isTransient(error)).toBe(true);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain('Jane');
	});

	test('valid JSON that is not a document is permanent', () => {
		const error = thrown(Buffer.from('["not", "a", "note"]'));
		expect(error.message).toBe('The clinical note is not a JSON object');
		expect(isTransient(error)).toBe(false);
		expect(parseJsonDocument(context, Buffer.from('{"a":1}'), 'clinical note')).toEqual({ a: 1 });
	});
});
