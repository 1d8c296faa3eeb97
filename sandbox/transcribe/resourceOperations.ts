/**
 * The Transcribe operations around medical scribe jobs: custom vocabularies, custom medical
 * vocabularies, vocabulary filters and tags. Each handler takes the parsed awsJson1_1 body and
 * returns the documented response body (or throws the documented modelled error).
 */
import type { EmulatorContext, SandboxResponse } from '../core/types';
import type { ScribeJob, StartRequest, Tag } from './shapes';
import { FilterBook, filterToSummary, filterToWire } from './vocabularyFilters';
import {
	VocabularyBook,
	vocabularyToSummary,
	vocabularyToWire,
	type VocabularyKind,
} from './vocabularies';
import {
	readFilterName,
	readFilterRequest,
	readPageRequest,
	readResourceArn,
	readTagResource,
	readUntagResource,
	readVocabularyName,
	readVocabularyRequest,
	notFound,
} from './resourceRequests';
import { createTagging, type Taggable } from './tags';
import type { Obj } from './validate';

export interface ResourceOptions {
	/** How long a vocabulary stays PENDING (sandbox ms, default 3000). */
	vocabularyProcessingMs?: number;
	/** Custom vocabularies (and, separately, medical vocabularies) per account (default 100). */
	maxVocabularies?: number;
	/** Vocabulary filters per account (default 100). */
	maxVocabularyFilters?: number;
	/** Tests of pre-signed links: DownloadUri points under this base URL (a server the test runs). */
	downloadUriBase?: string;
}

const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };
const ok = (body: object): SandboxResponse => ({ status: 200, headers: JSON_HEADERS, body });

export function createResourceOperations(
	ctx: EmulatorContext,
	options: ResourceOptions,
	jobByName: (name: string) => ScribeJob | undefined,
) {
	const processingMs = options.vocabularyProcessingMs ?? 3000;
	const maxVocabularies = options.maxVocabularies ?? 100;
	const books: Record<VocabularyKind, VocabularyBook> = {
		vocabulary: new VocabularyBook(ctx, 'vocabulary', processingMs, maxVocabularies),
		'medical-vocabulary': new VocabularyBook(
			ctx,
			'medical-vocabulary',
			processingMs,
			maxVocabularies,
		),
	};
	const filters = new FilterBook(ctx, options.maxVocabularyFilters ?? 100);

	const taggable = (holder: { tags: Tag[] } | undefined): Taggable | undefined =>
		holder && { tags: () => holder.tags, setTags: (tags) => (holder.tags = tags) };
	const tagging = createTagging(ctx, (type, name) => {
		if (type === 'medical-scribe-job') {
			const job = jobByName(name);
			return (
				job && {
					tags: () => job.request.Tags ?? [],
					setTags: (tags) => (job.request.Tags = tags.length ? tags : undefined),
				}
			);
		}
		if (type === 'vocabulary' || type === 'medical-vocabulary')
			return taggable(books[type].get(name));
		if (type === 'vocabulary-filter') return taggable(filters.get(name));
		return undefined;
	});

	const vocabularyOperations = (
		kind: VocabularyKind,
		suffix: 'Vocabulary' | 'MedicalVocabulary',
		plural: 'Vocabularies' | 'MedicalVocabularies',
	) => {
		const book = books[kind];
		const medical = kind === 'medical-vocabulary';
		return {
			[`Create${suffix}`]: (body: Obj) =>
				ok(
					vocabularyToSummary(book.create(readVocabularyRequest(body, { medical, create: true }))),
				),
			[`Get${suffix}`]: (body: Obj) => {
				const vocabulary = book.get(readVocabularyName(body));
				if (!vocabulary) throw notFoundFor(kind);
				return ok(vocabularyToWire(ctx, options.downloadUriBase, vocabulary));
			},
			[`Update${suffix}`]: (body: Obj) =>
				ok(
					vocabularyToSummary(book.update(readVocabularyRequest(body, { medical, create: false }))),
				),
			[`Delete${suffix}`]: (body: Obj) => {
				book.delete(readVocabularyName(body));
				return ok({});
			},
			[`List${plural}`]: (body: Obj) => {
				const request = readPageRequest(body, true);
				const page = book.list(request);
				return ok({
					...(request.state !== undefined ? { Status: request.state } : {}),
					...(page.nextToken ? { NextToken: page.nextToken } : {}),
					Vocabularies: page.items.map(vocabularyToSummary),
				});
			},
		};
	};

	const operations: Record<string, (body: Obj) => SandboxResponse> = {
		...vocabularyOperations('vocabulary', 'Vocabulary', 'Vocabularies'),
		...vocabularyOperations('medical-vocabulary', 'MedicalVocabulary', 'MedicalVocabularies'),
		CreateVocabularyFilter: (body) =>
			ok(filterToSummary(filters.create(readFilterRequest(body, true)))),
		GetVocabularyFilter: (body) => {
			const filter = filters.get(readFilterName(body));
			if (!filter) throw notFoundFor('vocabulary-filter');
			return ok(filterToWire(ctx, options.downloadUriBase, filter));
		},
		UpdateVocabularyFilter: (body) =>
			ok(filterToSummary(filters.update(readFilterRequest(body, false)))),
		DeleteVocabularyFilter: (body) => {
			filters.delete(readFilterName(body));
			return ok({});
		},
		ListVocabularyFilters: (body) => {
			const page = filters.list(readPageRequest(body, false));
			return ok({
				...(page.nextToken ? { NextToken: page.nextToken } : {}),
				VocabularyFilters: page.items.map(filterToSummary),
			});
		},
		TagResource: (body) => {
			const { arn, tags } = readTagResource(body);
			tagging.tag(arn, tags);
			return ok({});
		},
		UntagResource: (body) => {
			const { arn, keys } = readUntagResource(body);
			tagging.untag(arn, keys);
			return ok({});
		},
		ListTagsForResource: (body) => {
			const arn = readResourceArn(body);
			const tags = tagging.list(arn);
			return ok({ ResourceArn: arn, Tags: tags });
		},
	};

	/**
	 * Why a job's vocabulary or filter cannot be used. HealthScribe's Settings.VocabularyName does not
	 * say which vocabulary API it takes (not documented), so either kind is accepted.
	 */
	const jobResourceProblem = (
		settings: Pick<StartRequest['Settings'], 'VocabularyName' | 'VocabularyFilterName'>,
	): string | undefined => {
		const { VocabularyName: vocabularyName, VocabularyFilterName: filterName } = settings;
		if (vocabularyName !== undefined) {
			const vocabulary =
				books.vocabulary.get(vocabularyName) ?? books['medical-vocabulary'].get(vocabularyName);
			if (!vocabulary)
				return "The requested custom vocabulary couldn't be found. Check the vocabulary name and try your request again.";
			if (vocabulary.state !== 'READY')
				return `The custom vocabulary is ${vocabulary.state}, not READY. Use a vocabulary that is READY.`;
			if (vocabulary.languageCode !== 'en-US')
				return 'The custom vocabulary is not in en-US, the language of medical scribe jobs.';
		}
		if (filterName !== undefined) {
			const filter = filters.get(filterName);
			if (!filter)
				return "The requested vocabulary filter couldn't be found. Check the vocabulary filter name and try your request again.";
			if (filter.languageCode !== 'en-US')
				return 'The vocabulary filter is not in en-US, the language of medical scribe jobs.';
		}
		return undefined;
	};

	return {
		operations,
		jobResourceProblem,
		tick: () => {
			books.vocabulary.tick();
			books['medical-vocabulary'].tick();
		},
		vocabularies: (): Array<Record<string, unknown>> => [
			...books.vocabulary
				.all()
				.map((v) => ({ kind: v.kind, ...vocabularyToWire(ctx, options.downloadUriBase, v) })),
			...books['medical-vocabulary']
				.all()
				.map((v) => ({ kind: v.kind, ...vocabularyToWire(ctx, options.downloadUriBase, v) })),
			...filters.all().map((f) => ({ kind: 'vocabulary-filter', ...filterToSummary(f) })),
		],
	};
}

function notFoundFor(kind: VocabularyKind | 'vocabulary-filter') {
	return notFound(
		kind === 'vocabulary-filter'
			? 'vocabulary filter'
			: kind === 'medical-vocabulary'
				? 'medical vocabulary'
				: 'vocabulary',
	);
}
