/**
 * Vocabulary filters (CreateVocabularyFilter …). They have no processing state: the words (given or
 * read from the S3 file) are checked during the call, and a problem is a BadRequestException.
 */
import type { EmulatorContext } from '../core/types';
import { parseMediaUri } from './media';
import { epochSeconds, type Tag } from './shapes';
import { filterWordsProblem, MAX_VOCABULARY_BYTES } from './vocabularyContent';
import {
	conflict,
	limitExceeded,
	notFound,
	type FilterRequest,
	type PageRequest,
} from './resourceRequests';
import { pageOf } from './paging';
import { serviceObjectUri } from './serviceObjects';
import { badRequest } from './validate';

export interface VocabularyFilter {
	name: string;
	languageCode: string;
	words: string[];
	lastModified: number;
	tags: Tag[];
}

export class FilterBook {
	private readonly items = new Map<string, VocabularyFilter>();

	constructor(
		private readonly ctx: EmulatorContext,
		private readonly max: number,
	) {}

	get(name: string): VocabularyFilter | undefined {
		return this.items.get(name);
	}

	create(request: FilterRequest): VocabularyFilter {
		if (this.items.has(request.name))
			throw conflict(
				'A resource already exists with this name. Resource names must be unique within an AWS account.',
			);
		if (this.items.size >= this.max)
			throw limitExceeded(
				`You have reached the limit of ${this.max} vocabulary filters in this account. Delete one and try your request again.`,
			);
		const filter: VocabularyFilter = {
			name: request.name,
			languageCode: request.languageCode!,
			words: this.words(request, request.languageCode!),
			lastModified: this.ctx.clock.now(),
			tags: request.tags ?? [],
		};
		this.items.set(filter.name, filter);
		return filter;
	}

	update(request: FilterRequest): VocabularyFilter {
		const filter = this.items.get(request.name);
		if (!filter) throw notFound('vocabulary filter');
		filter.words = this.words(request, filter.languageCode);
		filter.lastModified = this.ctx.clock.now();
		return filter;
	}

	delete(name: string): void {
		if (!this.items.delete(name)) throw notFound('vocabulary filter');
	}

	list(request: PageRequest): { items: VocabularyFilter[]; nextToken?: string } {
		const needle = request.nameContains?.toLowerCase();
		const matching = [...this.items.values()]
			.filter((f) => needle === undefined || f.name.toLowerCase().includes(needle))
			.sort((a, b) => b.lastModified - a.lastModified || a.name.localeCompare(b.name));
		return pageOf(matching, request, needle ?? '');
	}

	all(): VocabularyFilter[] {
		return [...this.items.values()];
	}

	/** The filter's words from the request or its file (one word per line), checked. */
	private words(request: FilterRequest, languageCode: string): string[] {
		let words = request.words;
		if (!words) {
			const location = parseMediaUri(request.fileUri ?? '');
			const object =
				location && (location.region === undefined || location.region === this.ctx.region)
					? this.ctx.store.get(location.bucket, location.key)
					: undefined;
			if (!object)
				throw badRequest(
					"The vocabulary filter file couldn't be accessed. Check that the S3 URI is correct and that you can read the object, then try your request again.",
				);
			if (object.body.length > MAX_VOCABULARY_BYTES)
				throw badRequest(
					`The vocabulary filter file is larger than ${MAX_VOCABULARY_BYTES / 1024} KB.`,
				);
			words = object.body
				.toString('utf8')
				.replace(/^\uFEFF/, '')
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean);
		}
		const problem = filterWordsProblem(words, languageCode);
		if (problem) throw badRequest(problem);
		return words;
	}
}

export function filterToSummary(filter: VocabularyFilter): Record<string, unknown> {
	return {
		VocabularyFilterName: filter.name,
		LanguageCode: filter.languageCode,
		LastModifiedTime: epochSeconds(filter.lastModified),
	};
}

/** GetVocabularyFilter body: the summary plus where to download the words. */
export function filterToWire(
	ctx: EmulatorContext,
	presignedBase: string | undefined,
	filter: VocabularyFilter,
): Record<string, unknown> {
	return {
		...filterToSummary(filter),
		DownloadUri: serviceObjectUri(
			ctx,
			`vocabulary-filter/${filter.name}.txt`,
			filter.words.join('\n'),
			presignedBase,
		),
	};
}
