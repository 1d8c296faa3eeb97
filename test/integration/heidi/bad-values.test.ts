import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { checkRow, rows, type OperationCase, type Runner } from '../bad-values.shared';
import {
	audioItem,
	heidiRequests,
	heidiSandbox,
	HeidiRunner,
	HP_TEMPLATE,
	lastSeq,
} from './helpers';

let sandbox: Sandbox;
let heidi: HeidiRunner;

/** IDs made once the sandbox runs; the table names them as <withNote>, <bare>, … */
const ids: Record<string, string> = {};
const fill = <T>(value: T): T =>
	JSON.parse(
		JSON.stringify(value).replace(/<(\w+)>/g, (token, name: string) => ids[name] ?? token),
	) as T;

const run: Runner = async (parameters, input) => {
	const since = lastSeq(sandbox);
	const { items } = await heidi.run(fill(parameters), fill(input), true);
	return {
		items,
		requests: heidiRequests(sandbox, since).filter((r) => !r.route.startsWith('GET /jwt')).length,
	};
};

const session = (id: string, extra: INodeParameters): INodeParameters => ({
	sessionId: id,
	...extra,
});
const pdf: INodeExecutionData['binary'] = {
	data: {
		data: Buffer.from('%PDF-1.4 synthetic').toString('base64'),
		mimeType: 'application/pdf',
		fileName: 'referral.pdf',
	},
};

/** Session IDs are digits only: a number is accepted (and not found), a word or another route is refused. */
const SESSION_ID = {
	path: 'sessionId',
	label: 'Session ID',
	kind: 'id',
	alsoRefuses: ['word', 'linkedUser'],
} as const;

beforeAll(async () => {
	sandbox = await heidiSandbox();
	heidi = new HeidiRunner(sandbox);
	ids.withNote = sandbox.heidi.seedSession({ withNote: true });
	ids.other = sandbox.heidi.seedSession({ withNote: true });
	ids.bare = sandbox.heidi.seedSession({ withNote: false });
	const profile = await heidi.run({
		resource: 'patientProfile',
		operation: 'create',
		profileFields: { firstName: 'Test', ehrPatientId: 'mrn-1' },
	});
	ids.profileId = profile.items[0].json.id as string;
	const started = await heidi.run({
		resource: 'transcription',
		operation: 'startRecording',
		sessionId: ids.bare,
	});
	ids.recordingId = started.items[0].json.recording_id as string;
	// Document → Get Many needs one document, whatever rows run.
	await heidi.run({
		resource: 'document',
		operation: 'create',
		sessionId: ids.withNote,
		templateId: HP_TEMPLATE,
		brain: 'LEFT',
		additionalFields: {},
	});
});
afterAll(async () => await sandbox.stop());

const withNote = '<withNote>';
const other = '<other>';
const bare = '<bare>';
const profileId = '<profileId>';
const recordingId = '<recordingId>';

const CASES: OperationCase[] = [
	{
		name: 'session get',
		parameters: { resource: 'session', operation: 'get', sessionId: withNote },
		fields: [SESSION_ID],
	},
	{
		name: 'session create',
		parameters: {
			resource: 'session',
			operation: 'create',
			additionalFields: { ehrAppointmentId: 'appt-1', patientProfileId: profileId },
		},
		fields: [
			{ path: 'additionalFields.ehrAppointmentId', label: 'EHR Appointment ID', kind: 'text' },
			{
				path: 'additionalFields.patientProfileId',
				label: 'Patient Profile ID',
				kind: 'id',
				accepts: ['null'],
			},
		],
	},
	{
		name: 'session update',
		parameters: session(withNote, {
			resource: 'session',
			operation: 'update',
			updateFields: {
				languageCode: 'en',
				patientDob: '1980-04-23',
				duration: 60,
				isConsent: true,
				patientGender: 'FEMALE',
				linkedSessions: [other],
			},
		}),
		fields: [
			SESSION_ID,
			{ path: 'updateFields.languageCode', label: 'Language Code', kind: 'text' },
			{
				path: 'updateFields.patientDob',
				label: 'Patient Date of Birth',
				kind: 'date',
				accepts: ['null'],
			},
			{ path: 'updateFields.duration', label: 'Duration (Seconds)', kind: 'number' },
			{ path: 'updateFields.isConsent', label: 'Consent Obtained', kind: 'boolean' },
			{ path: 'updateFields.patientGender', label: 'Patient Gender', kind: 'options' },
			{
				path: 'updateFields.linkedSessions',
				label: 'Linked Sessions for Context',
				kind: 'list',
				alsoRefuses: ['dotDot', 'linkedUser'],
			},
		],
	},
	{
		name: 'session get many',
		parameters: { resource: 'session', operation: 'getAll', returnAll: false, limit: 2 },
		fields: [
			{ path: 'returnAll', label: 'Return All', kind: 'boolean' },
			{ path: 'limit', label: 'Limit', kind: 'number' },
		],
	},
	{
		name: 'patient profile create',
		parameters: {
			resource: 'patientProfile',
			operation: 'create',
			profileFields: {
				firstName: 'Ann',
				birthDate: '1980-04-23',
				patientSexCode: 1,
				gender: 'FEMALE',
			},
		},
		fields: [
			{ path: 'profileFields.firstName', label: 'First Name', kind: 'text' },
			{ path: 'profileFields.birthDate', label: 'Birth Date', kind: 'date', accepts: ['null'] },
			{ path: 'profileFields.patientSexCode', label: 'Patient Sex Code', kind: 'number' },
			{ path: 'profileFields.gender', label: 'Gender', kind: 'options' },
		],
	},
	{
		name: 'patient profile get',
		parameters: { resource: 'patientProfile', operation: 'get', patientProfileId: profileId },
		fields: [{ path: 'patientProfileId', label: 'Patient Profile ID', kind: 'id' }],
	},
	{
		name: 'patient profile get many',
		parameters: {
			resource: 'patientProfile',
			operation: 'getAll',
			returnAll: true,
			filters: { ehrPatientId: 'mrn-1' },
		},
		fields: [{ path: 'filters.ehrPatientId', label: 'EHR Patient ID', kind: 'text' }],
	},
	{
		name: 'patient profile update',
		parameters: {
			resource: 'patientProfile',
			operation: 'update',
			patientProfileId: profileId,
			updateFields: { lastName: 'Example', email: 'a@example.org' },
		},
		fields: [
			{ path: 'patientProfileId', label: 'Patient Profile ID', kind: 'id' },
			{ path: 'updateFields.lastName', label: 'Last Name', kind: 'text' },
		],
	},
	{
		name: 'transcription upload audio',
		parameters: session(bare, {
			resource: 'transcription',
			operation: 'uploadAudio',
			binaryPropertyName: 'data',
			options: { startTime: '2025-03-01T09:00:00Z', fileName: 'visit.mp3' },
		}),
		binary: audioItem().binary,
		fields: [
			SESSION_ID,
			{ path: 'binaryPropertyName', label: 'Input Binary Field', kind: 'requiredText' },
			{ path: 'options.startTime', label: 'Start Time', kind: 'date', accepts: ['null'] },
			{ path: 'options.fileName', label: 'File Name', kind: 'text' },
		],
	},
	{
		name: 'transcription start recording',
		parameters: session(bare, { resource: 'transcription', operation: 'startRecording' }),
		fields: [SESSION_ID],
	},
	{
		name: 'transcription upload segment',
		parameters: session(bare, {
			resource: 'transcription',
			operation: 'uploadSegment',
			recordingId,
			index: 0,
			binaryPropertyName: 'data',
		}),
		binary: audioItem().binary,
		fields: [
			SESSION_ID,
			{ path: 'recordingId', label: 'Recording ID', kind: 'id', alsoRefuses: ['word'] },
			{ path: 'index', label: 'Segment Index', kind: 'requiredNumber' },
		],
	},
	{
		name: 'transcription get transcript',
		parameters: session(withNote, {
			resource: 'transcription',
			operation: 'getTranscript',
			options: { splitTurns: true },
		}),
		fields: [
			SESSION_ID,
			{ path: 'options.splitTurns', label: 'Split Into Turns', kind: 'boolean' },
		],
	},
	{
		name: 'transcription get live transcript',
		parameters: session(withNote, {
			resource: 'transcription',
			operation: 'getLiveTranscript',
			options: { recordingStatus: 'ACTIVE' },
		}),
		fields: [{ path: 'options.recordingStatus', label: 'Recording Status', kind: 'text' }],
	},
	{
		name: 'consult note generate',
		parameters: session(bare, {
			resource: 'consultNote',
			operation: 'generate',
			templateSource: 'template',
			templateId: HP_TEMPLATE,
			voiceStyle: 'BRIEF',
			brain: 'LEFT',
			contentType: 'MARKDOWN',
			additionalInstructions: 'Short',
			noteFormat: 'raw',
		}),
		fields: [
			{ path: 'templateId', label: 'Template Name or ID', kind: 'id' },
			{ path: 'voiceStyle', label: 'Voice Style', kind: 'options' },
			{ path: 'brain', label: 'Brain', kind: 'options' },
			{ path: 'additionalInstructions', label: 'Additional Instructions', kind: 'text' },
			{ path: 'noteFormat', label: 'Note Format', kind: 'options' },
		],
	},
	{
		name: 'consult note get',
		parameters: session(withNote, {
			resource: 'consultNote',
			operation: 'get',
			noteFormat: 'fhir',
			fhirPatient: 'Patient/1',
		}),
		fields: [
			SESSION_ID,
			{ path: 'noteFormat', label: 'Note Format', kind: 'options' },
			{ path: 'fhirPatient', label: 'FHIR Patient Reference', kind: 'text' },
		],
	},
	{
		name: 'document create',
		parameters: session(withNote, {
			resource: 'document',
			operation: 'create',
			templateId: HP_TEMPLATE,
			brain: 'LEFT',
			additionalFields: { voiceStyle: 'BRIEF' },
		}),
		fields: [
			{ path: 'templateId', label: 'Template Name or ID', kind: 'id' },
			{ path: 'brain', label: 'Brain', kind: 'options' },
			{ path: 'additionalFields.voiceStyle', label: 'Voice Style', kind: 'options' },
		],
	},
	{
		name: 'document get many',
		parameters: session(withNote, { resource: 'document', operation: 'getAll', returnAll: true }),
		fields: [SESSION_ID],
	},
	{
		name: 'template get many',
		parameters: {
			resource: 'template',
			operation: 'getAll',
			templateType: 'document',
			returnAll: false,
			limit: 3,
		},
		fields: [
			{ path: 'templateType', label: 'Template Type', kind: 'options' },
			{ path: 'limit', label: 'Limit', kind: 'number' },
		],
	},
	{
		name: 'context set clinician notes',
		parameters: session(bare, {
			resource: 'context',
			operation: 'setClinicianNotes',
			notes: ['On metformin'],
			mode: 'replace',
		}),
		fields: [
			{ path: 'notes', label: 'Notes', kind: 'list', alsoRefuses: ['null'] },
			{ path: 'mode', label: 'Mode', kind: 'options' },
		],
	},
	{
		name: 'context link sessions',
		parameters: session(bare, {
			resource: 'context',
			operation: 'linkSessions',
			linkedSessionIds: [other],
			mode: 'replace',
		}),
		fields: [
			{
				path: 'linkedSessionIds',
				label: 'Session IDs to Link',
				kind: 'list',
				alsoRefuses: ['null', 'dot', 'dotDot', 'slash', 'word', 'linkedUser'],
			},
		],
	},
	{
		name: 'context upload document',
		parameters: session(bare, {
			resource: 'context',
			operation: 'uploadDocument',
			binaryPropertyName: 'data',
			documentName: 'Referral',
			documentDate: '2025-03-01',
			additionalContext: 'GP',
		}),
		binary: pdf,
		fields: [
			{ path: 'documentName', label: 'Document Name', kind: 'text' },
			{ path: 'documentDate', label: 'Document Date', kind: 'date', accepts: ['null'] },
			{ path: 'additionalContext', label: 'Additional Context', kind: 'text' },
		],
	},
	{
		name: 'clinical code get',
		parameters: session(withNote, {
			resource: 'clinicalCode',
			operation: 'get',
			codingSystem: 'ICD-10-CM',
		}),
		fields: [SESSION_ID, { path: 'codingSystem', label: 'Coding System', kind: 'options' }],
	},
	{
		name: 'ask heidi',
		parameters: session(withNote, {
			resource: 'askHeidi',
			operation: 'ask',
			command: 'Summarise',
			content: 'Patient well.',
			contentType: 'MARKDOWN',
		}),
		fields: [
			{ path: 'command', label: 'Instruction', kind: 'requiredText' },
			{ path: 'content', label: 'Content', kind: 'requiredText' },
			{ path: 'contentType', label: 'Content Type', kind: 'options' },
		],
	},
	{
		name: 'account link',
		parameters: {
			resource: 'account',
			operation: 'link',
			kindeUserId: 'kp_sandbox0000000000000001',
		},
		fields: [
			{
				path: 'kindeUserId',
				label: 'Heidi User ID',
				kind: 'requiredText',
				alsoRefuses: ['number'],
			},
		],
		prepare: async () => void (await heidi.run({ resource: 'account', operation: 'unlink' })),
	},
];

test('the table covers every operation of the node', () => {
	const covered = new Set(
		CASES.map((c) => `${c.parameters.resource as string}.${c.parameters.operation as string}`),
	);
	expect(covered.size).toBe(CASES.length);
	expect(covered.size).toBeGreaterThanOrEqual(24);
});

describe('every parameter fed a value of the wrong type', () => {
	test.each(rows(CASES).map((row) => [row.title, row] as const))('%s', async (_title, row) => {
		await checkRow(run, row.op, row.field, row.bad, row.refused);
	});
});
