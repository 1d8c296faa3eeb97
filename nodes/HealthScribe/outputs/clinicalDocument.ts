import type { EncounterNoteParts } from '../../common/encounterNote';
import type { ClinicalDocumentFile } from './types';
import { asList } from './json';

/**
 * Note sections in file order. Unknown section names are kept (titles come from the name), and a section
 * with an empty or missing Summary stays as a section without items (the service may do either).
 */
export function clinicalSections(file: ClinicalDocumentFile): EncounterNoteParts['sections'] {
	return asList(file.ClinicalDocumentation?.Sections).map((section) => ({
		name: section.SectionName ?? 'UNNAMED_SECTION',
		items: asList(section.Summary).map((entry) => ({
			text: entry.SummarizedSegment ?? '',
			evidence: asList(entry.EvidenceLinks)
				.map((link) => link.SegmentId)
				.filter((id): id is string => !!id),
		})),
	}));
}
