import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import type {
	IBinaryKeyData,
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import {
	formatNote,
	noteOutputProperties,
	readNoteOutput,
	type NoteOutputSettings,
	type NoteParameter,
} from '../../common/noteOutput';
import type { ParamReader } from '../../common/params';
import { fetchOutputFiles, type JobOutputFiles } from './fetch';
import { jobJson } from './job';
import { healthScribeNote, type NoteJobInfo } from './note';
import {
	readJsonFile,
	type ClinicalDocumentFile,
	type TranscriptFile,
} from '../../common/scribeFiles';

export interface OutputSettings {
	note: NoteOutputSettings;
	rawAsBinary: boolean;
	transcriptProperty: string;
	clinicalDocumentProperty: string;
}

export const NO_OUTPUTS: OutputSettings = {
	note: { format: 'none', simplify: false, fhir: {} },
	rawAsBinary: false,
	transcriptProperty: 'transcript',
	clinicalDocumentProperty: 'clinicalDocument',
};

type Show = NonNullable<IDisplayOptions['show']>;

/** The raw files as binary properties instead of JSON: shown for Raw only. */
const rawSettings = (show: Show): INodeProperties[] => [
	{
		displayName: 'Put Raw Files in Binary',
		name: 'rawAsBinary',
		type: 'boolean',
		default: false,
		description:
			'Whether to return the two JSON files as binary properties instead of inside the item’s JSON',
		displayOptions: { show },
	},
	{
		displayName: 'Transcript Binary Property',
		name: 'transcriptBinaryProperty',
		type: 'string',
		default: 'transcript',
		displayOptions: { show: { ...show, rawAsBinary: [true] } },
	},
	{
		displayName: 'Clinical Document Binary Property',
		name: 'clinicalDocumentBinaryProperty',
		type: 'string',
		default: 'clinicalDocument',
		displayOptions: { show: { ...show, rawAsBinary: [true] } },
	},
];

/** How a job's note is offered (Get, Start with wait, the trigger); version 1 had "Include Outputs". */
export function noteParameter(
	description = 'Whether to download the transcript and clinical note of a completed job, and in which shape',
): NoteParameter {
	return {
		default: 'none',
		none: 'Only the job record',
		description,
		rawSettings,
		legacy: { name: 'includeOutputs', displayName: 'Include Outputs', description },
	};
}

/** Note Format and its companions, shown where `show` says (Get, Start with wait, the trigger). */
export function outputProperties(
	show: Show,
	spec: NoteParameter = noteParameter(),
): INodeProperties[] {
	return noteOutputProperties(spec, show);
}

/** Reads the settings (per item in actions, per node in the trigger), all checked before any call. */
export function readOutputSettings(
	p: ParamReader,
	spec: NoteParameter = noteParameter(),
): OutputSettings {
	const note = readNoteOutput(p, spec);
	const raw = note.format === 'raw';
	const rawAsBinary = raw && p.boolean('rawAsBinary', 'Put Raw Files in Binary', false);
	const property = (name: string, label: string, fallback: string) =>
		rawAsBinary ? p.string(name, label, { fallback }) || fallback : fallback;
	return {
		note,
		rawAsBinary,
		transcriptProperty: property(
			'transcriptBinaryProperty',
			'Transcript Binary Property',
			'transcript',
		),
		clinicalDocumentProperty: property(
			'clinicalDocumentBinaryProperty',
			'Clinical Document Binary Property',
			'clinicalDocument',
		),
	};
}

function parseFiles(
	context: IExecuteFunctions | IPollFunctions,
	files: JobOutputFiles,
	itemIndex?: number,
): { transcript: TranscriptFile; clinicalDocument: ClinicalDocumentFile } {
	const options = {
		itemIndex,
		description:
			'The output files were cut short in transfer, changed, or are not HealthScribe output.',
	};
	return {
		transcript: readJsonFile(
			context.getNode(),
			files.transcript.body,
			'transcript file',
			options,
		) as TranscriptFile,
		clinicalDocument: readJsonFile(
			context.getNode(),
			files.clinicalDocument.body,
			'clinical document file',
			options,
		) as ClinicalDocumentFile,
	};
}

/**
 * One output item for a job: its record, plus (for a COMPLETED job, when asked) the note under `note`
 * as an EncounterNote, a FHIR Bundle or the raw files — or the raw files as binary properties.
 */
export async function jobOutputItem(
	context: IExecuteFunctions | IPollFunctions,
	job: MedicalScribeJob,
	settings: OutputSettings,
	itemIndex?: number,
): Promise<INodeExecutionData> {
	const json = jobJson(job);
	if (settings.note.format === 'none' || job.MedicalScribeJobStatus !== 'COMPLETED')
		return { json };
	const info: NoteJobInfo = {
		jobName: job.MedicalScribeJobName,
		template: job.Settings?.ClinicalNoteGenerationSettings?.NoteTemplate,
		createdAt: job.CreationTime?.toISOString(),
		...(job.Media?.MediaFileUri ? { uris: { media: job.Media.MediaFileUri } } : {}),
	};
	return await filesOutputItem(
		context,
		json,
		await fetchOutputFiles(context, job, itemIndex),
		info,
		settings,
		itemIndex,
	);
}

/**
 * The item for downloaded HealthScribe files (a job's or a streaming session's): `json` plus the note
 * under `note` in the chosen shape, or the raw files as binary properties.
 */
export async function filesOutputItem(
	context: IExecuteFunctions | IPollFunctions,
	json: IDataObject,
	files: JobOutputFiles,
	info: NoteJobInfo,
	settings: OutputSettings,
	itemIndex?: number,
): Promise<INodeExecutionData> {
	if (settings.rawAsBinary) {
		const binary: IBinaryKeyData = {
			[settings.transcriptProperty]: await context.helpers.prepareBinaryData(
				files.transcript.body,
				'transcript.json',
				'application/json',
			),
			[settings.clinicalDocumentProperty]: await context.helpers.prepareBinaryData(
				files.clinicalDocument.body,
				'clinical-document.json',
				'application/json',
			),
		};
		return { json, binary };
	}
	const parsed = parseFiles(context, files, itemIndex);
	const raw: IDataObject = {
		transcript: parsed.transcript as IDataObject,
		clinicalDocument: parsed.clinicalDocument as IDataObject,
	};
	if (settings.note.format === 'raw') return { json: { ...json, note: raw } };
	const note = healthScribeNote(parsed.transcript, parsed.clinicalDocument, {
		...info,
		uris: {
			transcript: files.transcript.uri,
			clinicalDocument: files.clinicalDocument.uri,
			...info.uris,
		},
	});
	return { json: { ...json, note: formatNote(note, raw, settings.note) } };
}
