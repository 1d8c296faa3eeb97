/**
 * Request readers for the Transcribe vocabulary, vocabulary-filter and tagging operations (API
 * 2017-10-26): JSON types first (SerializationException), then the model's member constraints
 * reported the way AWS's validator does ("N validation errors detected: ..."), then the documented
 * one-of rules as BadRequestException.
 */
import { ServiceError } from '../core/errors';
import { badRequest, int, list, obj, PATTERNS, str, Violations, type Obj } from './validate';
import type { Tag } from './shapes';

/** LanguageCode enum of the vocabulary operations (the model's full list). */
export const LANGUAGE_CODES = [
	'af-ZA',
	'ar-AE',
	'ar-SA',
	'da-DK',
	'de-CH',
	'de-DE',
	'en-AB',
	'en-AU',
	'en-GB',
	'en-IE',
	'en-IN',
	'en-US',
	'en-WL',
	'es-ES',
	'es-US',
	'fa-IR',
	'fr-CA',
	'fr-FR',
	'he-IL',
	'hi-IN',
	'id-ID',
	'it-IT',
	'ja-JP',
	'ko-KR',
	'ms-MY',
	'nl-NL',
	'pt-BR',
	'pt-PT',
	'ru-RU',
	'ta-IN',
	'te-IN',
	'tr-TR',
	'zh-CN',
	'zh-TW',
	'th-TH',
	'en-ZA',
	'en-NZ',
	'vi-VN',
	'sv-SE',
] as const;
export const VOCABULARY_STATES = ['PENDING', 'READY', 'FAILED'] as const;
export type VocabularyState = (typeof VOCABULARY_STATES)[number];

/** TagResource / UntagResource / ListTagsForResource ResourceArn. */
export const RESOURCE_ARN_PATTERN =
	'arn:aws(-[^:]+)?:transcribe:[a-zA-Z0-9-]*:[0-9]{12}:[a-zA-Z-]*/[0-9a-zA-Z._-]+';

export interface VocabularyRequest {
	name: string;
	languageCode: string;
	phrases?: string[];
	fileUri?: string;
	dataAccessRoleArn?: string;
	tags?: Tag[];
}

export interface FilterRequest {
	name: string;
	languageCode?: string;
	words?: string[];
	fileUri?: string;
	dataAccessRoleArn?: string;
	tags?: Tag[];
}

export interface PageRequest {
	nextToken?: string;
	maxResults?: number;
	nameContains?: string;
	state?: VocabularyState;
}

function name(v: Violations, body: Obj, member: string): string | undefined {
	const value = str(body[member], member);
	const path = member.charAt(0).toLowerCase() + member.slice(1);
	if (v.required(path, value))
		v.string(path, value, { min: 1, max: 200, pattern: PATTERNS.jobName });
	return value;
}

function stringList(
	v: Violations,
	body: Obj,
	member: string,
	min: number,
	max: number,
): string[] | undefined {
	const raw = list(body[member], member);
	if (!raw) return undefined;
	const path = member.charAt(0).toLowerCase() + member.slice(1);
	return raw.map((item, i) => {
		const value = str(item, `${member}.${i}`) ?? '';
		v.string(`${path}.${i + 1}.member`, value, {
			min,
			max,
			pattern: min > 0 ? PATTERNS.nextToken : undefined,
		});
		return value;
	});
}

export function readTags(v: Violations, body: Obj, required = false): Tag[] | undefined {
	const raw = list(body.Tags, 'Tags');
	if (required) v.required('tags', raw);
	if (!raw) return undefined;
	v.size('tags', raw, 1, 200);
	return raw.map((entry, i) => {
		const path = `tags.${i + 1}.member`;
		const t = obj(entry, `Tags.${i}`) ?? {};
		const key = str(t.Key, `Tags.${i}.Key`);
		const value = str(t.Value, `Tags.${i}.Value`);
		if (v.required(`${path}.key`, key)) v.string(`${path}.key`, key, { min: 1, max: 128 });
		if (v.required(`${path}.value`, value)) v.string(`${path}.value`, value, { min: 0, max: 256 });
		return { Key: key!, Value: value! };
	});
}

function fileUri(v: Violations, body: Obj, member: string, required: boolean): string | undefined {
	const value = str(body[member], member);
	const path = member.charAt(0).toLowerCase() + member.slice(1);
	if (required) v.required(path, value);
	v.string(path, value, { min: 1, max: 2000, pattern: PATTERNS.uri });
	return value;
}

function role(v: Violations, body: Obj): string | undefined {
	const value = str(body.DataAccessRoleArn, 'DataAccessRoleArn');
	v.string('dataAccessRoleArn', value, { min: 20, max: 2048, pattern: PATTERNS.roleArn });
	return value;
}

/** Get / Delete of a vocabulary (standard or medical). */
export function readVocabularyName(body: Obj): string {
	const v = new Violations();
	const value = name(v, body, 'VocabularyName');
	v.throwIfAny();
	return value!;
}

export function readFilterName(body: Obj): string {
	const v = new Violations();
	const value = name(v, body, 'VocabularyFilterName');
	v.throwIfAny();
	return value!;
}

/**
 * CreateVocabulary / UpdateVocabulary (`medical` false: Phrases or VocabularyFileUri, exactly one) and
 * CreateMedicalVocabulary / UpdateMedicalVocabulary (`medical` true: VocabularyFileUri only, en-US only).
 */
export function readVocabularyRequest(
	body: Obj,
	options: { medical: boolean; create: boolean },
): VocabularyRequest {
	const v = new Violations();
	const vocabularyName = name(v, body, 'VocabularyName');
	const languageCode = str(body.LanguageCode, 'LanguageCode');
	if (v.required('languageCode', languageCode))
		v.string('languageCode', languageCode, { values: LANGUAGE_CODES });
	const phrases = options.medical ? undefined : stringList(v, body, 'Phrases', 0, 256);
	const uri = fileUri(v, body, 'VocabularyFileUri', options.medical);
	const dataAccessRoleArn = options.medical ? undefined : role(v, body);
	const tags = options.create ? readTags(v, body) : undefined;
	v.throwIfAny();
	if (options.medical && languageCode !== 'en-US')
		throw badRequest(
			'Amazon Transcribe Medical supports only US English (en-US). Change the language code and try your request again.',
		);
	if (!options.medical && (phrases === undefined) === (uri === undefined))
		throw badRequest(
			'Specify either Phrases or VocabularyFileUri for your custom vocabulary, not both and not neither.',
		);
	return {
		name: vocabularyName!,
		languageCode: languageCode!,
		...(phrases !== undefined ? { phrases } : {}),
		...(uri !== undefined ? { fileUri: uri } : {}),
		...(dataAccessRoleArn !== undefined ? { dataAccessRoleArn } : {}),
		...(tags !== undefined ? { tags } : {}),
	};
}

/** CreateVocabularyFilter (LanguageCode required, Tags allowed) and UpdateVocabularyFilter. */
export function readFilterRequest(body: Obj, create: boolean): FilterRequest {
	const v = new Violations();
	const filterName = name(v, body, 'VocabularyFilterName');
	const languageCode = create ? str(body.LanguageCode, 'LanguageCode') : undefined;
	if (create && v.required('languageCode', languageCode))
		v.string('languageCode', languageCode, { values: LANGUAGE_CODES });
	const words = stringList(v, body, 'Words', 1, 256);
	if (words) v.size('words', words, 1, Number.MAX_SAFE_INTEGER);
	const uri = fileUri(v, body, 'VocabularyFilterFileUri', false);
	const dataAccessRoleArn = role(v, body);
	const tags = create ? readTags(v, body) : undefined;
	v.throwIfAny();
	if ((words === undefined) === (uri === undefined))
		throw badRequest(
			'Specify either Words or VocabularyFilterFileUri for your vocabulary filter, not both and not neither.',
		);
	return {
		name: filterName!,
		...(languageCode !== undefined ? { languageCode } : {}),
		...(words !== undefined ? { words } : {}),
		...(uri !== undefined ? { fileUri: uri } : {}),
		...(dataAccessRoleArn !== undefined ? { dataAccessRoleArn } : {}),
		...(tags !== undefined ? { tags } : {}),
	};
}

/** ListVocabularies / ListMedicalVocabularies (`withState`) and ListVocabularyFilters. */
export function readPageRequest(body: Obj, withState: boolean): PageRequest {
	const v = new Violations();
	const nextToken = str(body.NextToken, 'NextToken');
	const maxResults = int(body.MaxResults, 'MaxResults');
	const nameContains = str(body.NameContains, 'NameContains');
	const state = withState ? str(body.StateEquals, 'StateEquals') : undefined;
	v.string('nextToken', nextToken, { max: 8192, pattern: PATTERNS.nextToken });
	v.number('maxResults', maxResults, 1, 100);
	v.string('nameContains', nameContains, { min: 1, max: 200, pattern: PATTERNS.jobName });
	v.string('stateEquals', state, { values: VOCABULARY_STATES });
	v.throwIfAny();
	return { nextToken, maxResults, nameContains, state: state as VocabularyState | undefined };
}

export function readResourceArn(body: Obj, v: Violations = new Violations()): string {
	const arn = str(body.ResourceArn, 'ResourceArn');
	if (v.required('resourceArn', arn))
		v.string('resourceArn', arn, { min: 1, max: 1011, pattern: RESOURCE_ARN_PATTERN });
	return arn!;
}

export function readTagResource(body: Obj): { arn: string; tags: Tag[] } {
	const v = new Violations();
	const arn = readResourceArn(body, v);
	const tags = readTags(v, body, true);
	v.throwIfAny();
	return { arn, tags: tags! };
}

export function readUntagResource(body: Obj): { arn: string; keys: string[] } {
	const v = new Violations();
	const arn = readResourceArn(body, v);
	const raw = list(body.TagKeys, 'TagKeys');
	if (v.required('tagKeys', raw)) v.size('tagKeys', raw, 1, 200);
	const keys = (raw ?? []).map((item, i) => {
		const key = str(item, `TagKeys.${i}`) ?? '';
		v.string(`tagKeys.${i + 1}.member`, key, { min: 1, max: 128 });
		return key;
	});
	v.throwIfAny();
	return { arn, keys };
}

export const notFound = (what: string): ServiceError =>
	new ServiceError(
		404,
		'NotFoundException',
		`The requested ${what} couldn't be found. Check the name and try your request again.`,
	);
export const conflict = (message: string): ServiceError =>
	new ServiceError(409, 'ConflictException', message);
export const limitExceeded = (message: string): ServiceError =>
	new ServiceError(429, 'LimitExceededException', message);
