import type { INode, INodeProperties, IExecuteFunctions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { buildEncounterNote } from '../../../nodes/common/encounterNote';
import {
	formatNote,
	noteOutputProperties,
	readNoteOutput,
	simplifyNote,
	type NoteParameter,
} from '../../../nodes/common/noteOutput';
import { ParamReader } from '../../../nodes/common/params';

const note = buildEncounterNote({
	source: {
		vendor: 'test-scribe',
		ids: { jobName: 'job-1', title: 'not a title' },
		template: 'HISTORY_AND_PHYSICAL',
		createdAt: '2026-11-30T09:00:00Z',
	},
	turns: [{ id: 't0', role: 'PATIENT', text: 'A cough for five days.' }],
	sections: [
		{ name: 'CHIEF_COMPLAINT', items: [{ text: 'Cough for five days.', evidence: ['t0'] }] },
		{ name: 'PLAN', items: [{ text: 'Fluids.' }, { text: 'Rest.' }] },
		{ name: 'PLAN', items: [{ text: 'Review in a week.' }] },
		{ name: 'REVIEW_OF_SYSTEMS', items: [] },
	],
	insights: [{ type: 'DIAGNOSIS', text: 'URI' }],
	afterVisitSummary: 'Rest and drink fluids.',
});

describe('Simplify', () => {
	it('gives the fields a person reads first, flat: title, markdown, section texts by name, the vendor and its ids', () => {
		const simple = simplifyNote(note);
		expect(simple).toEqual({
			title: 'History and physical note',
			markdown: note.markdown,
			sections: {
				CHIEF_COMPLAINT: 'Cough for five days.',
				PLAN: 'Fluids.\nRest.\n\nReview in a week.',
			},
			afterVisitSummary: 'Rest and drink fluids.',
			vendor: 'test-scribe',
			jobName: 'job-1',
			template: 'HISTORY_AND_PHYSICAL',
			createdAt: '2026-11-30T09:00:00Z',
		});
		// Title, markdown and sections come first (the first columns of n8n's table view).
		expect(Object.keys(simple).slice(0, 3)).toEqual(['title', 'markdown', 'sections']);
	});

	it('applies to the EncounterNote only when asked; FHIR and raw are never simplified', () => {
		expect(formatNote(note, {}, { format: 'encounterNote', simplify: true, fhir: {} })).toEqual(
			simplifyNote(note),
		);
		expect(formatNote(note, {}, { format: 'encounterNote', simplify: false, fhir: {} })).toBe(note);
		expect(formatNote(note, { raw: 1 }, { format: 'raw', simplify: true, fhir: {} })).toEqual({
			raw: 1,
		});
		expect(
			formatNote(note, {}, { format: 'fhir', simplify: true, fhir: { patient: 'Patient/1' } }),
		).toMatchObject({ resourceType: 'Bundle' });
	});
});

const spec: NoteParameter = {
	default: 'none',
	none: 'Only the record',
	description: 'd',
	legacy: { name: 'includeOutputs', displayName: 'Include Outputs', description: 'd' },
};

function reader(typeVersion: number, values: Record<string, unknown>): ParamReader {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: 'test',
		typeVersion,
		position: [0, 0],
		parameters: {},
	};
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in values ? values[name] : fallback,
	} as unknown as IExecuteFunctions;
	return new ParamReader(context, 0);
}

const refusal = (read: () => unknown): string => {
	try {
		read();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected a refusal');
};

describe('the one reader', () => {
	it('version 2 reads Note Format and Simplify (on unless turned off, and only for the EncounterNote)', () => {
		expect(readNoteOutput(reader(2, { noteFormat: 'encounterNote' }), spec)).toEqual({
			format: 'encounterNote',
			simplify: true,
			fhir: {},
		});
		expect(
			readNoteOutput(reader(2, { noteFormat: 'encounterNote', simple: false }), spec).simplify,
		).toBe(false);
		expect(readNoteOutput(reader(2, { noteFormat: 'raw', simple: true }), spec)).toEqual({
			format: 'raw',
			simplify: false,
			fhir: {},
		});
		expect(readNoteOutput(reader(2, {}), spec).format).toBe('none');
		// The old name means nothing to a version-2 node.
		expect(readNoteOutput(reader(2, { includeOutputs: 'fhir' }), spec).format).toBe('none');
	});

	it('version 1 (saved workflows) reads the old selector, or the caller’s reading of an old switch, and never simplifies', () => {
		expect(
			readNoteOutput(
				reader(1, { includeOutputs: 'encounterNote', noteFormat: 'raw', simple: true }),
				spec,
			),
		).toEqual({ format: 'encounterNote', simplify: false, fhir: {} });
		const heidiTrigger: NoteParameter = { default: 'none', none: 'x', description: 'd' };
		expect(readNoteOutput(reader(1, {}), heidiTrigger, () => 'encounterNote').format).toBe(
			'encounterNote',
		);
	});

	it('reads and checks the FHIR settings for FHIR, before any call', () => {
		expect(
			readNoteOutput(reader(2, { noteFormat: 'fhir', fhirPatient: 'Patient/1' }), spec).fhir,
		).toMatchObject({
			patient: 'Patient/1',
			attachments: ['text', 'html'],
			missingPatient: 'fail',
		});
		expect(refusal(() => readNoteOutput(reader(2, { noteFormat: 'fhir' }), spec))).toContain(
			'"FHIR Patient Reference"',
		);
	});

	it('refuses values no option has, naming the field (old and new), and None where the note is the whole output', () => {
		expect(refusal(() => readNoteOutput(reader(2, { noteFormat: 'pdf' }), spec))).toContain(
			'Invalid "Note Format"',
		);
		expect(refusal(() => readNoteOutput(reader(2, { noteFormat: { a: 1 } }), spec))).toContain(
			'Invalid "Note Format"',
		);
		expect(refusal(() => readNoteOutput(reader(1, { includeOutputs: 'pdf' }), spec))).toContain(
			'Invalid "Include Outputs"',
		);
		expect(
			refusal(() =>
				readNoteOutput(reader(2, { noteFormat: 'none' }), { default: 'raw', description: 'd' }),
			),
		).toContain('Invalid "Note Format"');
		expect(
			refusal(() =>
				readNoteOutput(reader(2, { noteFormat: 'encounterNote', simple: 'maybe' }), spec),
			),
		).toContain('Invalid "Simplify"');
	});
});

describe('the parameters', () => {
	const note = noteOutputProperties(spec, { operation: ['get'] });
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			options: [{ name: 'Get', value: 'get' }],
			default: 'get',
		},
		...note,
	];
	/** What n8n keeps of saved parameters for a node version: the parameters shown, with defaults. */
	const resolved = (typeVersion: number, values: Record<string, unknown>) => {
		const node = { typeVersion } as INode;
		return NodeHelpers.getNodeParameters(
			properties,
			{ operation: 'get', ...values } as never,
			true,
			false,
			node,
			{ properties } as never,
		) as Record<string, unknown>;
	};
	const shown = (typeVersion: number, values: Record<string, unknown>) =>
		Object.keys(resolved(typeVersion, values)).filter((name) => name !== 'operation');

	it('a new node (version 2) shows Note Format, then Simplify for the EncounterNote and the FHIR settings for FHIR', () => {
		expect(shown(2, {})).toEqual(['noteFormat']);
		expect(shown(2, { noteFormat: 'encounterNote' })).toEqual(['noteFormat', 'simple']);
		expect(resolved(2, { noteFormat: 'encounterNote' }).simple).toBe(true);
		expect(shown(2, { noteFormat: 'fhir' })).toEqual([
			'noteFormat',
			'fhirPatient',
			'fhirEncounter',
			'fhirAuthor',
			'fhirAttachments',
			'fhirMissingPatient',
		]);
	});

	it('a saved node (version 1) keeps its old selector and value, without Simplify', () => {
		expect(resolved(1, { includeOutputs: 'encounterNote' })).toEqual({
			operation: 'get',
			includeOutputs: 'encounterNote',
		});
		expect(shown(1, { includeOutputs: 'fhir' })).toEqual([
			'includeOutputs',
			'fhirPatient',
			'fhirEncounter',
			'fhirAuthor',
			'fhirAttachments',
			'fhirMissingPatient',
		]);
	});

	it('offers the same values everywhere: None only where the operation returns more than the note', () => {
		const values = (list: INodeProperties[]) =>
			(list[0].options as Array<{ value: string }>).map((o) => o.value);
		expect(values(note)).toEqual(['none', 'encounterNote', 'fhir', 'raw']);
		expect(values(noteOutputProperties({ default: 'raw', description: 'd' }))).toEqual([
			'encounterNote',
			'fhir',
			'raw',
		]);
	});
});
