/**
 * Service-side validation of Transcribe medical scribe requests: JSON types (SerializationException),
 * model constraints collected the way AWS reports them ("N validation errors detected: ..."), then the
 * documented StartMedicalScribeJob rules (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html), each a BadRequestException.
 */
import { ServiceError } from '../core/errors';
import {
	JOB_STATUSES,
	NOTE_TEMPLATES,
	PARTICIPANT_ROLES,
	PRONOUNS,
	VOCABULARY_FILTER_METHODS,
	type ListRequest,
	type StartRequest,
} from './shapes';

export const badRequest = (message: string): ServiceError =>
	new ServiceError(400, 'BadRequestException', message);
const serialization = (path: string): ServiceError =>
	new ServiceError(400, 'SerializationException', `Unexpected value type for member '${path}'.`);

/** Model patterns (shown in messages as the model spells them); matched against the whole value. */
export const PATTERNS = {
	jobName: '^[0-9a-zA-Z._-]+',
	bucket: '[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]',
	uri: '(s3://|http(s*)://).+',
	kmsKeyId: '^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$',
	nonBlank: '.*\\S.*',
	roleArn:
		'^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role/[A-Za-z0-9:_/+=,@.-]{0,1024}$',
	nextToken: '.+',
} as const;

function fullMatch(pattern: string, value: string): boolean {
	const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
	return new RegExp(`^(?:${body})$`, 's').test(value);
}

export type Obj = Record<string, unknown>;

export function obj(value: unknown, path: string): Obj | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw serialization(path);
	return value as Obj;
}
export function str(value: unknown, path: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw serialization(path);
	return value;
}
function bool(value: unknown, path: string): boolean | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw serialization(path);
	return value;
}
export function int(value: unknown, path: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(path);
	return value;
}
export function list(value: unknown, path: string): unknown[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw serialization(path);
	return value;
}

/** Collects constraint violations; member paths are lowerCamelCase like AWS's validator prints them. */
export class Violations {
	private readonly messages: string[] = [];

	private add(path: string, value: unknown, constraint: string, sensitive = false): void {
		const shown =
			sensitive || value === undefined
				? value === undefined
					? 'Value null'
					: 'Value'
				: `Value '${typeof value === 'string' ? value : JSON.stringify(value)}'`;
		this.messages.push(
			`${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`,
		);
	}

	required<T>(path: string, value: T | undefined): value is T {
		if (value === undefined) this.add(path, undefined, 'not be null');
		return value !== undefined;
	}

	string(
		path: string,
		value: string | undefined,
		opts: {
			min?: number;
			max?: number;
			pattern?: string;
			values?: readonly string[];
			sensitive?: boolean;
		},
	): void {
		if (value === undefined) return;
		if (opts.values) {
			if (!opts.values.includes(value))
				this.add(
					path,
					value,
					`satisfy enum value set: [${opts.values.join(', ')}]`,
					opts.sensitive,
				);
			return;
		}
		if (opts.min !== undefined && value.length < opts.min)
			this.add(path, value, `have length greater than or equal to ${opts.min}`, opts.sensitive);
		else if (opts.max !== undefined && value.length > opts.max)
			this.add(path, value, `have length less than or equal to ${opts.max}`, opts.sensitive);
		else if (opts.pattern !== undefined && !fullMatch(opts.pattern, value))
			this.add(path, value, `satisfy regular expression pattern: ${opts.pattern}`, opts.sensitive);
	}

	number(path: string, value: number | undefined, min: number, max: number): void {
		if (value === undefined) return;
		if (value < min) this.add(path, value, `have value greater than or equal to ${min}`);
		else if (value > max) this.add(path, value, `have value less than or equal to ${max}`);
	}

	size(path: string, value: unknown[] | Obj | undefined, min: number, max: number): void {
		if (value === undefined) return;
		const n = Array.isArray(value) ? value.length : Object.keys(value).length;
		if (n < min) this.add(path, value, `have length greater than or equal to ${min}`);
		else if (n > max) this.add(path, value, `have length less than or equal to ${max}`);
	}

	throwIfAny(): void {
		const n = this.messages.length;
		if (n > 0)
			throw badRequest(
				`${n} validation error${n > 1 ? 's' : ''} detected: ${this.messages.join('; ')}`,
			);
	}
}

/** The request body as a JSON object (an empty body reads as `{}`). */
export function parseBody(body: Buffer): Obj {
	const text = body.toString('utf8').trim();
	if (text === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON.');
	}
	const o = obj(parsed, 'request');
	if (!o)
		throw new ServiceError(
			400,
			'SerializationException',
			'The request body must be a JSON object.',
		);
	return o;
}

/** The validated job name member of Get and Delete. */
export function readJobName(body: Obj): string {
	const v = new Violations();
	const name = str(body.MedicalScribeJobName, 'MedicalScribeJobName');
	if (v.required('medicalScribeJobName', name))
		v.string('medicalScribeJobName', name, { min: 1, max: 200, pattern: PATTERNS.jobName });
	v.throwIfAny();
	return name!;
}

export function readListRequest(body: Obj): ListRequest {
	const v = new Violations();
	const status = str(body.Status, 'Status');
	const contains = str(body.JobNameContains, 'JobNameContains');
	const token = str(body.NextToken, 'NextToken');
	const max = int(body.MaxResults, 'MaxResults');
	v.string('status', status, { values: JOB_STATUSES });
	v.string('jobNameContains', contains, { min: 1, max: 200, pattern: PATTERNS.jobName });
	v.string('nextToken', token, { max: 8192, pattern: PATTERNS.nextToken });
	v.number('maxResults', max, 1, 100);
	v.throwIfAny();
	return {
		Status: status as ListRequest['Status'],
		JobNameContains: contains,
		NextToken: token,
		MaxResults: max,
	};
}

/** Reads and validates a StartMedicalScribeJob body; returns only the members the model defines. */
export function readStartRequest(body: Obj): StartRequest {
	const v = new Violations();
	const name = str(body.MedicalScribeJobName, 'MedicalScribeJobName');
	if (v.required('medicalScribeJobName', name))
		v.string('medicalScribeJobName', name, { min: 1, max: 200, pattern: PATTERNS.jobName });

	const mediaIn = obj(body.Media, 'Media');
	let media: StartRequest['Media'] | undefined;
	if (v.required('media', mediaIn)) {
		media = {};
		const uri = str(mediaIn.MediaFileUri, 'Media.MediaFileUri');
		const redacted = str(mediaIn.RedactedMediaFileUri, 'Media.RedactedMediaFileUri');
		v.string('media.mediaFileUri', uri, { min: 1, max: 2000, pattern: PATTERNS.uri });
		v.string('media.redactedMediaFileUri', redacted, { min: 1, max: 2000, pattern: PATTERNS.uri });
		if (uri !== undefined) media.MediaFileUri = uri;
		if (redacted !== undefined) media.RedactedMediaFileUri = redacted;
	}

	const bucket = str(body.OutputBucketName, 'OutputBucketName');
	if (v.required('outputBucketName', bucket))
		v.string('outputBucketName', bucket, { max: 64, pattern: PATTERNS.bucket });

	const kmsKey = str(body.OutputEncryptionKMSKeyId, 'OutputEncryptionKMSKeyId');
	v.string('outputEncryptionKMSKeyId', kmsKey, { min: 1, max: 2048, pattern: PATTERNS.kmsKeyId });

	const kmsContextIn = obj(body.KMSEncryptionContext, 'KMSEncryptionContext');
	let kmsContext: Record<string, string> | undefined;
	if (kmsContextIn) {
		v.size('kMSEncryptionContext', kmsContextIn, 1, 10);
		kmsContext = {};
		for (const [key, value] of Object.entries(kmsContextIn)) {
			const s = str(value, `KMSEncryptionContext.${key}`)!;
			v.string('kMSEncryptionContext.key', key, { min: 1, max: 2000, pattern: PATTERNS.nonBlank });
			v.string(`kMSEncryptionContext.${key}.member`, s, {
				min: 1,
				max: 2000,
				pattern: PATTERNS.nonBlank,
			});
			kmsContext[key] = s;
		}
	}

	const role = str(body.DataAccessRoleArn, 'DataAccessRoleArn');
	if (v.required('dataAccessRoleArn', role))
		v.string('dataAccessRoleArn', role, { min: 20, max: 2048, pattern: PATTERNS.roleArn });

	const settingsIn = obj(body.Settings, 'Settings');
	let settings: StartRequest['Settings'] | undefined;
	if (v.required('settings', settingsIn)) settings = readSettings(settingsIn, v);

	const channelsIn = list(body.ChannelDefinitions, 'ChannelDefinitions');
	let channels: StartRequest['ChannelDefinitions'];
	if (channelsIn) {
		v.size('channelDefinitions', channelsIn, 2, 2);
		channels = channelsIn.map((raw, i) => {
			const path = `channelDefinitions.${i + 1}.member`;
			const c = obj(raw, `ChannelDefinitions.${i}`) ?? {};
			const id = int(c.ChannelId, `ChannelDefinitions.${i}.ChannelId`);
			const role = str(c.ParticipantRole, `ChannelDefinitions.${i}.ParticipantRole`);
			if (v.required(`${path}.channelId`, id)) v.number(`${path}.channelId`, id, 0, 1);
			if (v.required(`${path}.participantRole`, role))
				v.string(`${path}.participantRole`, role, { values: PARTICIPANT_ROLES });
			return { ChannelId: id!, ParticipantRole: role! };
		});
	}

	const tagsIn = list(body.Tags, 'Tags');
	let tags: StartRequest['Tags'];
	if (tagsIn) {
		v.size('tags', tagsIn, 1, 200);
		tags = tagsIn.map((raw, i) => {
			const path = `tags.${i + 1}.member`;
			const t = obj(raw, `Tags.${i}`) ?? {};
			const key = str(t.Key, `Tags.${i}.Key`);
			const value = str(t.Value, `Tags.${i}.Value`);
			if (v.required(`${path}.key`, key)) v.string(`${path}.key`, key, { min: 1, max: 128 });
			if (v.required(`${path}.value`, value))
				v.string(`${path}.value`, value, { min: 0, max: 256 });
			return { Key: key!, Value: value! };
		});
	}

	const contextIn = obj(body.MedicalScribeContext, 'MedicalScribeContext');
	let context: StartRequest['MedicalScribeContext'];
	if (contextIn) {
		context = {};
		const patient = obj(contextIn.PatientContext, 'MedicalScribeContext.PatientContext');
		if (patient) {
			const pronouns = str(patient.Pronouns, 'MedicalScribeContext.PatientContext.Pronouns');
			// Pronouns are sensitive in the model: never echoed, not even in an error.
			v.string('medicalScribeContext.patientContext.pronouns', pronouns, {
				values: PRONOUNS,
				sensitive: true,
			});
			context.PatientContext = pronouns === undefined ? {} : { Pronouns: pronouns };
		}
	}
	v.throwIfAny();

	const request: StartRequest = {
		MedicalScribeJobName: name!,
		Media: media!,
		OutputBucketName: bucket!,
		DataAccessRoleArn: role!,
		Settings: settings!,
		...(kmsKey !== undefined ? { OutputEncryptionKMSKeyId: kmsKey } : {}),
		...(kmsContext !== undefined ? { KMSEncryptionContext: kmsContext } : {}),
		...(channels !== undefined ? { ChannelDefinitions: channels } : {}),
		...(tags !== undefined ? { Tags: tags } : {}),
		...(context !== undefined ? { MedicalScribeContext: context } : {}),
	};
	checkRules(request);
	return request;
}

function readSettings(s: Obj, v: Violations): StartRequest['Settings'] {
	const out: StartRequest['Settings'] = {};
	const show = bool(s.ShowSpeakerLabels, 'Settings.ShowSpeakerLabels');
	const max = int(s.MaxSpeakerLabels, 'Settings.MaxSpeakerLabels');
	const channels = bool(s.ChannelIdentification, 'Settings.ChannelIdentification');
	const vocabulary = str(s.VocabularyName, 'Settings.VocabularyName');
	const filter = str(s.VocabularyFilterName, 'Settings.VocabularyFilterName');
	const method = str(s.VocabularyFilterMethod, 'Settings.VocabularyFilterMethod');
	const noteIn = obj(s.ClinicalNoteGenerationSettings, 'Settings.ClinicalNoteGenerationSettings');
	v.number('settings.maxSpeakerLabels', max, 2, 30);
	v.string('settings.vocabularyName', vocabulary, { min: 1, max: 200, pattern: PATTERNS.jobName });
	v.string('settings.vocabularyFilterName', filter, {
		min: 1,
		max: 200,
		pattern: PATTERNS.jobName,
	});
	v.string('settings.vocabularyFilterMethod', method, { values: VOCABULARY_FILTER_METHODS });
	if (show !== undefined) out.ShowSpeakerLabels = show;
	if (max !== undefined) out.MaxSpeakerLabels = max;
	if (channels !== undefined) out.ChannelIdentification = channels;
	if (vocabulary !== undefined) out.VocabularyName = vocabulary;
	if (filter !== undefined) out.VocabularyFilterName = filter;
	if (method !== undefined) out.VocabularyFilterMethod = method;
	if (noteIn) {
		const template = str(
			noteIn.NoteTemplate,
			'Settings.ClinicalNoteGenerationSettings.NoteTemplate',
		);
		v.string('settings.clinicalNoteGenerationSettings.noteTemplate', template, {
			values: NOTE_TEMPLATES,
		});
		out.ClinicalNoteGenerationSettings = template === undefined ? {} : { NoteTemplate: template };
	}
	return out;
}

/** The documented rules beyond single-member constraints (the API reference's rules for settings, channels and the media URI). */
function checkRules(r: StartRequest): void {
	const s = r.Settings;
	const speakers = s.ShowSpeakerLabels === true;
	const channels = s.ChannelIdentification === true;
	if (speakers === channels) {
		throw badRequest(
			'You must set exactly one of ShowSpeakerLabels or ChannelIdentification to true in Settings.',
		);
	}
	if (speakers && s.MaxSpeakerLabels === undefined)
		throw badRequest('When ShowSpeakerLabels is true, you must also set MaxSpeakerLabels (2-30).');
	if (channels && !r.ChannelDefinitions)
		throw badRequest(
			'When ChannelIdentification is true, you must also specify ChannelDefinitions.',
		);
	if (!channels && r.ChannelDefinitions)
		throw badRequest('You can only specify ChannelDefinitions when ChannelIdentification is true.');
	if (r.ChannelDefinitions) {
		const ids = r.ChannelDefinitions.map((c) => c.ChannelId).sort();
		if (ids[0] !== 0 || ids[1] !== 1)
			throw badRequest('ChannelDefinitions must define ChannelId 0 and ChannelId 1, once each.');
	}
	if (s.VocabularyFilterName !== undefined && s.VocabularyFilterMethod === undefined) {
		throw badRequest(
			'When you specify VocabularyFilterName, you must also specify VocabularyFilterMethod.',
		);
	}
	if (r.Media.MediaFileUri === undefined)
		throw badRequest('You must specify the location of your media file in Media.MediaFileUri.');
}
