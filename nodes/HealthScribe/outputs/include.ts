import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import type { IBinaryKeyData, IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import type { FhirOptions } from '../../common/fhir';
import { fhirReferenceProperties, formatNote, noteFormatProperty, readFhirOptions, type NoteFormat } from '../../common/noteOutput';
import { fetchOutputFiles, type JobOutputFiles } from './fetch';
import { jobJson } from './job';
import { healthScribeNote } from './note';
import { readJsonFile, type ClinicalDocumentFile, type TranscriptFile } from '../../common/scribeFiles';

export type IncludeOutputs = 'none' | NoteFormat;

export interface OutputSettings {
	include: IncludeOutputs;
	refs: FhirOptions;
	rawAsBinary: boolean;
	transcriptProperty: string;
	clinicalDocumentProperty: string;
}

/** "Include Outputs" and its companions, shown where `show` says (Get, Start with wait, the trigger). */
export function outputProperties(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	const when = (extra: NonNullable<IDisplayOptions['show']>): IDisplayOptions | undefined => {
		const merged = { ...show, ...extra };
		return Object.keys(merged).length ? { show: merged } : undefined;
	};
	return [
		{
			displayName: 'Include Outputs',
			name: 'includeOutputs',
			type: 'options',
			options: [{ name: 'None', value: 'none', description: 'Only the job record' }, ...(noteFormatProperty.options as INodePropertyOptions[])],
			default: 'none',
			description: 'Whether to download the transcript and clinical note of a completed job, and in which shape',
			displayOptions: when({}),
		},
		...fhirReferenceProperties.map((property) => ({ ...property, displayOptions: when({ includeOutputs: ['fhir'] }) })),
		{
			displayName: 'Put Raw Files in Binary',
			name: 'rawAsBinary',
			type: 'boolean',
			default: false,
			description: 'Whether to return the two JSON files as binary properties instead of inside the item’s JSON',
			displayOptions: when({ includeOutputs: ['raw'] }),
		},
		{
			displayName: 'Transcript Binary Property',
			name: 'transcriptBinaryProperty',
			type: 'string',
			default: 'transcript',
			displayOptions: when({ includeOutputs: ['raw'], rawAsBinary: [true] }),
		},
		{
			displayName: 'Clinical Document Binary Property',
			name: 'clinicalDocumentBinaryProperty',
			type: 'string',
			default: 'clinicalDocument',
			displayOptions: when({ includeOutputs: ['raw'], rawAsBinary: [true] }),
		},
	];
}

/** Reads the settings through the caller's parameter getter (per item in actions, per node in the trigger). */
export function readOutputSettings(read: (name: string, fallback: unknown) => unknown): OutputSettings {
	const text = (name: string, fallback: string) => String(read(name, fallback) ?? fallback).trim();
	const include = text('includeOutputs', 'none') as IncludeOutputs;
	const fhir = include === 'fhir';
	const raw = include === 'raw';
	return {
		include,
		refs: fhir ? readFhirOptions(read) : {},
		rawAsBinary: raw && read('rawAsBinary', false) === true,
		transcriptProperty: raw ? text('transcriptBinaryProperty', 'transcript') || 'transcript' : 'transcript',
		clinicalDocumentProperty: raw ? text('clinicalDocumentBinaryProperty', 'clinicalDocument') || 'clinicalDocument' : 'clinicalDocument',
	};
}

function parseFiles(context: IExecuteFunctions | IPollFunctions, files: JobOutputFiles, itemIndex?: number): { transcript: TranscriptFile; clinicalDocument: ClinicalDocumentFile } {
	const options = { itemIndex, description: 'The output files were cut short in transfer, changed, or are not HealthScribe output.' };
	return {
		transcript: readJsonFile(context.getNode(), files.transcript.body, 'transcript file', options) as TranscriptFile,
		clinicalDocument: readJsonFile(context.getNode(), files.clinicalDocument.body, 'clinical document file', options) as ClinicalDocumentFile,
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
	if (settings.include === 'none' || job.MedicalScribeJobStatus !== 'COMPLETED') return { json };
	const files = await fetchOutputFiles(context, job, itemIndex);
	if (settings.rawAsBinary) {
		const binary: IBinaryKeyData = {
			[settings.transcriptProperty]: await context.helpers.prepareBinaryData(files.transcript.body, 'transcript.json', 'application/json'),
			[settings.clinicalDocumentProperty]: await context.helpers.prepareBinaryData(files.clinicalDocument.body, 'clinical-document.json', 'application/json'),
		};
		return { json, binary };
	}
	const parsed = parseFiles(context, files, itemIndex);
	const raw: IDataObject = { transcript: parsed.transcript as IDataObject, clinicalDocument: parsed.clinicalDocument as IDataObject };
	if (settings.include === 'raw') return { json: { ...json, note: raw } };
	const note = healthScribeNote(parsed.transcript, parsed.clinicalDocument, {
		jobName: job.MedicalScribeJobName,
		template: job.Settings?.ClinicalNoteGenerationSettings?.NoteTemplate,
		createdAt: job.CreationTime?.toISOString(),
		uris: {
			transcript: files.transcript.uri,
			clinicalDocument: files.clinicalDocument.uri,
			...(job.Media?.MediaFileUri ? { media: job.Media.MediaFileUri } : {}),
		},
	});
	return { json: { ...json, note: formatNote(note, raw, settings.include, settings.refs) } };
}
