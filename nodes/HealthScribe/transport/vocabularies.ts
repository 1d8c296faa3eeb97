/**
 * Transcribe custom vocabularies, custom medical vocabularies, vocabulary filters and tags through
 * `@aws-sdk/client-transcribe` (loaded on first use). HealthScribe's Settings.VocabularyName does not
 * say which of the two vocabulary APIs it takes, so both are offered: "standard" is CreateVocabulary …,
 * "medical" is CreateMedicalVocabulary ….
 */
import type {
	CreateVocabularyFilterResponse,
	CreateVocabularyResponse,
	GetVocabularyFilterResponse,
	GetVocabularyResponse,
	ListTagsForResourceResponse,
	ListVocabulariesResponse,
	ListVocabularyFiltersResponse,
	Tag,
	TranscribeClient,
	UpdateVocabularyFilterResponse,
	UpdateVocabularyResponse,
	VocabularyState,
} from '@aws-sdk/client-transcribe';
import type { AwsContext } from '../../common/aws/clients';
import { callAws } from '../../common/aws/calls';
import { transcribeClient } from './transcribe';

type Sdk = typeof import('@aws-sdk/client-transcribe');
type Command = Parameters<TranscribeClient['send']>[0];

export type VocabularyKind = 'standard' | 'medical';

/** The AWS operation name for a vocabulary verb of either kind, e.g. ('medical', 'Get') → GetMedicalVocabulary. */
export const vocabularyOperation = (
	kind: VocabularyKind,
	verb: 'Create' | 'Get' | 'Update' | 'Delete' | 'List',
): string =>
	verb === 'List'
		? kind === 'medical'
			? 'ListMedicalVocabularies'
			: 'ListVocabularies'
		: `${verb}${kind === 'medical' ? 'Medical' : ''}Vocabulary`;

/** Sends one command; a failure becomes a NodeApiError naming `operation`. */
async function send<T>(
	context: AwsContext,
	operation: string,
	build: (sdk: Sdk) => object,
	itemIndex?: number,
): Promise<T> {
	return await callAws(
		context,
		operation,
		async () => {
			const [client, sdk] = await Promise.all([
				transcribeClient(context),
				import('@aws-sdk/client-transcribe'),
			]);
			// The commands differ in their input types; each call site builds the one it documents.
			return (await client.send(build(sdk) as Command)) as T;
		},
		itemIndex,
	);
}

export interface VocabularyInput {
	VocabularyName: string;
	LanguageCode: 'en-US';
	Phrases?: string[];
	VocabularyFileUri?: string;
	DataAccessRoleArn?: string;
	Tags?: Tag[];
}

/** Create or Update; the medical API takes only the name, language, file URI (and tags on create). */
export async function putVocabulary(
	context: AwsContext,
	kind: VocabularyKind,
	verb: 'Create' | 'Update',
	input: VocabularyInput,
	itemIndex: number,
): Promise<CreateVocabularyResponse | UpdateVocabularyResponse> {
	const { VocabularyName, LanguageCode, VocabularyFileUri, Tags } = input;
	const medical = {
		VocabularyName,
		LanguageCode,
		VocabularyFileUri: VocabularyFileUri!,
		...(verb === 'Create' && Tags ? { Tags } : {}),
	};
	const standard = verb === 'Create' ? input : { ...input, Tags: undefined };
	return await send(
		context,
		vocabularyOperation(kind, verb),
		(sdk) => {
			if (kind === 'medical')
				return verb === 'Create'
					? new sdk.CreateMedicalVocabularyCommand(medical)
					: new sdk.UpdateMedicalVocabularyCommand(medical);
			return verb === 'Create'
				? new sdk.CreateVocabularyCommand(standard)
				: new sdk.UpdateVocabularyCommand(standard);
		},
		itemIndex,
	);
}

/** GetVocabulary / GetMedicalVocabulary (same response members). */
export async function getVocabulary(
	context: AwsContext,
	kind: VocabularyKind,
	name: string,
	itemIndex?: number,
): Promise<GetVocabularyResponse> {
	return await send(
		context,
		vocabularyOperation(kind, 'Get'),
		(sdk) =>
			kind === 'medical'
				? new sdk.GetMedicalVocabularyCommand({ VocabularyName: name })
				: new sdk.GetVocabularyCommand({ VocabularyName: name }),
		itemIndex,
	);
}

export async function deleteVocabulary(
	context: AwsContext,
	kind: VocabularyKind,
	name: string,
	itemIndex: number,
): Promise<void> {
	await send(
		context,
		vocabularyOperation(kind, 'Delete'),
		(sdk) =>
			kind === 'medical'
				? new sdk.DeleteMedicalVocabularyCommand({ VocabularyName: name })
				: new sdk.DeleteVocabularyCommand({ VocabularyName: name }),
		itemIndex,
	);
}

export interface VocabularyListInput {
	NameContains?: string;
	StateEquals?: VocabularyState;
	NextToken?: string;
	MaxResults?: number;
}

/** One page of ListVocabularies / ListMedicalVocabularies (same members). */
export async function listVocabulariesPage(
	context: AwsContext,
	kind: VocabularyKind,
	input: VocabularyListInput,
	itemIndex?: number,
): Promise<ListVocabulariesResponse> {
	return await send(
		context,
		vocabularyOperation(kind, 'List'),
		(sdk) =>
			kind === 'medical'
				? new sdk.ListMedicalVocabulariesCommand(input)
				: new sdk.ListVocabulariesCommand(input),
		itemIndex,
	);
}

export interface FilterInput {
	VocabularyFilterName: string;
	Words?: string[];
	VocabularyFilterFileUri?: string;
	DataAccessRoleArn?: string;
}

export async function createVocabularyFilter(
	context: AwsContext,
	input: FilterInput & { LanguageCode: 'en-US'; Tags?: Tag[] },
	itemIndex: number,
): Promise<CreateVocabularyFilterResponse> {
	return await send(
		context,
		'CreateVocabularyFilter',
		(sdk) => new sdk.CreateVocabularyFilterCommand(input),
		itemIndex,
	);
}

export async function updateVocabularyFilter(
	context: AwsContext,
	input: FilterInput,
	itemIndex: number,
): Promise<UpdateVocabularyFilterResponse> {
	return await send(
		context,
		'UpdateVocabularyFilter',
		(sdk) => new sdk.UpdateVocabularyFilterCommand(input),
		itemIndex,
	);
}

export async function getVocabularyFilter(
	context: AwsContext,
	name: string,
	itemIndex: number,
): Promise<GetVocabularyFilterResponse> {
	return await send(
		context,
		'GetVocabularyFilter',
		(sdk) => new sdk.GetVocabularyFilterCommand({ VocabularyFilterName: name }),
		itemIndex,
	);
}

export async function deleteVocabularyFilter(
	context: AwsContext,
	name: string,
	itemIndex: number,
): Promise<void> {
	await send(
		context,
		'DeleteVocabularyFilter',
		(sdk) => new sdk.DeleteVocabularyFilterCommand({ VocabularyFilterName: name }),
		itemIndex,
	);
}

export async function listVocabularyFiltersPage(
	context: AwsContext,
	input: { NameContains?: string; NextToken?: string; MaxResults?: number },
	itemIndex?: number,
): Promise<ListVocabularyFiltersResponse> {
	return await send(
		context,
		'ListVocabularyFilters',
		(sdk) => new sdk.ListVocabularyFiltersCommand(input),
		itemIndex,
	);
}

export async function tagResource(
	context: AwsContext,
	arn: string,
	tags: Tag[],
	itemIndex: number,
): Promise<void> {
	await send(
		context,
		'TagResource',
		(sdk) => new sdk.TagResourceCommand({ ResourceArn: arn, Tags: tags }),
		itemIndex,
	);
}

export async function untagResource(
	context: AwsContext,
	arn: string,
	keys: string[],
	itemIndex: number,
): Promise<void> {
	await send(
		context,
		'UntagResource',
		(sdk) => new sdk.UntagResourceCommand({ ResourceArn: arn, TagKeys: keys }),
		itemIndex,
	);
}

export async function listTagsForResource(
	context: AwsContext,
	arn: string,
	itemIndex: number,
): Promise<ListTagsForResourceResponse> {
	return await send(
		context,
		'ListTagsForResource',
		(sdk) => new sdk.ListTagsForResourceCommand({ ResourceArn: arn }),
		itemIndex,
	);
}
