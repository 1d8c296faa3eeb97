/**
 * Custom vocabularies (CreateVocabulary …) and custom medical vocabularies (CreateMedicalVocabulary …)
 * on the sandbox clock: a vocabulary is PENDING for `processingMs`, then READY, or FAILED with a
 * reason when its phrases or file break the documented rules (vocabularyContent.ts). Update puts it
 * back to PENDING. The two kinds are separate namespaces, as they are separate APIs in AWS.
 */
import type { EmulatorContext } from '../core/types';
import { parseMediaUri } from './media';
import { epochSeconds, type Tag } from './shapes';
import { fileProblem, phraseProblem } from './vocabularyContent';
import {
	conflict,
	limitExceeded,
	notFound,
	type PageRequest,
	type VocabularyRequest,
	type VocabularyState,
} from './resourceRequests';
import { pageOf } from './paging';
import { serviceObjectUri } from './serviceObjects';
import { badRequest } from './validate';

export type VocabularyKind = 'vocabulary' | 'medical-vocabulary';

export interface Vocabulary {
	kind: VocabularyKind;
	name: string;
	languageCode: string;
	state: VocabularyState;
	lastModified: number;
	readyAt: number;
	phrases?: string[];
	fileUri?: string;
	failureReason?: string;
	/** The content as processed, served through DownloadUri once READY. */
	content?: string;
	tags: Tag[];
}

export const FAILURE_FILE_MISSING =
	"The vocabulary file couldn't be accessed. Check that the S3 URI is correct and that you can read the object, then try your request again.";

export class VocabularyBook {
	private readonly items = new Map<string, Vocabulary>();

	constructor(
		private readonly ctx: EmulatorContext,
		readonly kind: VocabularyKind,
		private readonly processingMs: number,
		private readonly max: number,
	) {}

	get(name: string): Vocabulary | undefined {
		return this.items.get(name);
	}

	create(request: VocabularyRequest): Vocabulary {
		if (this.items.has(request.name))
			throw conflict(
				'A resource already exists with this name. Resource names must be unique within an AWS account.',
			);
		if (this.items.size >= this.max)
			throw limitExceeded(
				`You have reached the limit of ${this.max} custom ${this.kind === 'medical-vocabulary' ? 'medical ' : ''}vocabularies in this account. Delete one and try your request again.`,
			);
		const vocabulary: Vocabulary = {
			kind: this.kind,
			name: request.name,
			languageCode: request.languageCode,
			state: 'PENDING',
			lastModified: 0,
			readyAt: 0,
			tags: request.tags ?? [],
		};
		this.load(vocabulary, request);
		this.items.set(request.name, vocabulary);
		return vocabulary;
	}

	update(request: VocabularyRequest): Vocabulary {
		const vocabulary = this.items.get(request.name);
		if (!vocabulary)
			throw notFound(this.kind === 'medical-vocabulary' ? 'medical vocabulary' : 'vocabulary');
		if (vocabulary.state === 'PENDING')
			throw conflict(
				'The vocabulary is still being processed (PENDING). Wait until it is READY or FAILED, then update it.',
			);
		if (request.languageCode !== vocabulary.languageCode)
			throw badRequest(
				'The language code of a vocabulary cannot change. Create a new vocabulary for another language.',
			);
		this.load(vocabulary, request);
		return vocabulary;
	}

	delete(name: string): void {
		if (!this.items.delete(name))
			throw notFound(this.kind === 'medical-vocabulary' ? 'medical vocabulary' : 'vocabulary');
	}

	list(request: PageRequest): { items: Vocabulary[]; nextToken?: string } {
		const needle = request.nameContains?.toLowerCase();
		// Documented order: by LastModifiedTime, newest first.
		const matching = [...this.items.values()]
			.filter(
				(x) =>
					(request.state === undefined || x.state === request.state) &&
					(needle === undefined || x.name.toLowerCase().includes(needle)),
			)
			.sort((a, b) => b.lastModified - a.lastModified || a.name.localeCompare(b.name));
		return pageOf(matching, request, `${request.state ?? ''}|${needle ?? ''}`);
	}

	all(): Vocabulary[] {
		return [...this.items.values()];
	}

	tick(): void {
		const now = this.ctx.clock.now();
		for (const vocabulary of this.items.values())
			if (vocabulary.state === 'PENDING' && now >= vocabulary.readyAt) this.process(vocabulary);
	}

	private load(vocabulary: Vocabulary, request: VocabularyRequest): void {
		const now = this.ctx.clock.now();
		Object.assign(vocabulary, {
			state: 'PENDING',
			lastModified: now,
			readyAt: now + this.processingMs,
			phrases: request.phrases,
			fileUri: request.fileUri,
		});
		delete vocabulary.failureReason;
		delete vocabulary.content;
	}

	/** PENDING → READY or FAILED, reading the file as it is at processing time. */
	private process(vocabulary: Vocabulary): void {
		let content: string | undefined;
		let problem: string | undefined;
		if (vocabulary.phrases) {
			problem = phraseProblem(vocabulary.phrases, vocabulary.languageCode);
			content = vocabulary.phrases.join('\n');
		} else {
			const location = parseMediaUri(vocabulary.fileUri ?? '');
			const object =
				location && (location.region === undefined || location.region === this.ctx.region)
					? this.ctx.store.get(location.bucket, location.key)
					: undefined;
			if (!object) problem = FAILURE_FILE_MISSING;
			else {
				problem = fileProblem(
					object.body,
					this.kind === 'medical-vocabulary',
					vocabulary.languageCode,
				);
				content = object.body.toString('utf8');
			}
		}
		vocabulary.lastModified = vocabulary.readyAt;
		if (problem) {
			vocabulary.state = 'FAILED';
			vocabulary.failureReason = problem;
		} else {
			vocabulary.state = 'READY';
			vocabulary.content = content;
		}
	}
}

/** GetVocabulary / GetMedicalVocabulary body. */
export function vocabularyToWire(
	ctx: EmulatorContext,
	presignedBase: string | undefined,
	vocabulary: Vocabulary,
): Record<string, unknown> {
	return {
		...vocabularyToSummary(vocabulary),
		...(vocabulary.failureReason !== undefined ? { FailureReason: vocabulary.failureReason } : {}),
		...(vocabulary.state === 'READY' && vocabulary.content !== undefined
			? {
					DownloadUri: serviceObjectUri(
						ctx,
						`${vocabulary.kind}/${vocabulary.name}.txt`,
						vocabulary.content,
						presignedBase,
					),
				}
			: {}),
	};
}

/** List entries and the Create / Update answers. */
export function vocabularyToSummary(vocabulary: Vocabulary): Record<string, unknown> {
	return {
		VocabularyName: vocabulary.name,
		LanguageCode: vocabulary.languageCode,
		LastModifiedTime: epochSeconds(vocabulary.lastModified),
		VocabularyState: vocabulary.state,
	};
}
