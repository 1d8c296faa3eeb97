/** Dropdowns for vocabularies and vocabulary filters: locators of the new operations and Start's fields. */
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NAME_PATTERN } from '../model';
import {
	listVocabulariesPage,
	listVocabularyFiltersPage,
	type VocabularyKind,
} from '../transport/vocabularies';

/** Pages a dropdown follows at most (100 entries each); accounts hold 100 vocabularies by default. */
const MAX_PAGES = 10;

/** Text typed in a searchable list, as ListVocabularies' NameContains (which takes only name characters). */
const nameFilter = (filter: string | undefined) => {
	const text = filter?.trim() ?? '';
	return text && NAME_PATTERN.test(text) ? { NameContains: text } : undefined;
};

const invalidFilter = (filter: string | undefined) =>
	Boolean(filter?.trim()) && !nameFilter(filter);

/** Vocabularies of the chosen Vocabulary Type, one page per call, newest first. */
export async function searchVocabularies(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (invalidFilter(filter)) return { results: [] };
	// The editor sends the parameters being edited; the saved node's value is the fallback.
	const kind = (this.getCurrentNodeParameter('vocabularyType') ??
		this.getNodeParameter('vocabularyType', 'standard')) as VocabularyKind;
	const page = await listVocabulariesPage(this, kind === 'medical' ? 'medical' : 'standard', {
		...nameFilter(filter),
		MaxResults: 100,
		...(paginationToken ? { NextToken: paginationToken } : {}),
	});
	return {
		results: (page.Vocabularies ?? []).map((v) => ({
			name: `${v.VocabularyName} (${(v.VocabularyState ?? '').toLowerCase()})`,
			value: v.VocabularyName ?? '',
		})),
		paginationToken: page.NextToken,
	};
}

export async function searchVocabularyFilters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (invalidFilter(filter)) return { results: [] };
	const page = await listVocabularyFiltersPage(this, {
		...nameFilter(filter),
		MaxResults: 100,
		...(paginationToken ? { NextToken: paginationToken } : {}),
	});
	return {
		results: (page.VocabularyFilters ?? []).map((f) => ({
			name: f.VocabularyFilterName ?? '',
			value: f.VocabularyFilterName ?? '',
		})),
		paginationToken: page.NextToken,
	};
}

async function allPages<T>(
	read: (token?: string) => Promise<{ items: T[]; next?: string }>,
): Promise<T[]> {
	const all: T[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, next } = await read(token);
		all.push(...items);
		if (!next) break;
		token = next;
	}
	return all;
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/**
 * Start's Custom Vocabulary dropdown: READY custom vocabularies and custom medical vocabularies
 * (which API HealthScribe jobs take is not documented, so both are offered, labelled).
 */
export async function getVocabularies(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const kinds: Array<[VocabularyKind, string]> = [
		['standard', 'custom vocabulary'],
		['medical', 'medical vocabulary'],
	];
	const lists = await Promise.all(
		kinds.map(async ([kind, label]) =>
			(
				await allPages(async (token) => {
					const page = await listVocabulariesPage(this, kind, {
						StateEquals: 'READY',
						MaxResults: 100,
						...(token ? { NextToken: token } : {}),
					});
					return { items: page.Vocabularies ?? [], next: page.NextToken };
				})
			).map((v) => ({
				name: v.VocabularyName ?? '',
				value: v.VocabularyName ?? '',
				description: `READY ${label}`,
			})),
		),
	);
	return lists.flat().sort(byName);
}

export async function getVocabularyFilters(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const filters = await allPages(async (token) => {
		const page = await listVocabularyFiltersPage(this, {
			MaxResults: 100,
			...(token ? { NextToken: token } : {}),
		});
		return { items: page.VocabularyFilters ?? [], next: page.NextToken };
	});
	return filters
		.map((f) => ({ name: f.VocabularyFilterName ?? '', value: f.VocabularyFilterName ?? '' }))
		.sort(byName);
}
