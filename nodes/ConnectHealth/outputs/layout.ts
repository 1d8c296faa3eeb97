import { RULES } from '../actions/validation';

/**
 * Where Connect Health writes outputs, and how a watcher finds them without reading all history.
 *
 * AWS does not document the key layout under an output URI. What we rely on: an artifact or
 * insights file sits in a folder named after its session (a UUID) or job, possibly under folders
 * named after the domain (dom-…/hai-…) and subscription (sub-…). S3 lists keys in key order, and
 * those ids are random, so "start after the last key" would skip new sessions; remembering finished
 * session folders saves nothing either, as ListObjectsV2 cannot leave keys out. An output URI may therefore
 * carry date tokens — {yyyy}, {mm}, {dd} (UTC) — filled in when a job or session starts; a watcher
 * then lists only the partitions of recent days, and its cost stops growing with history.
 */

export { datePartitions, expandDateTokens, hasDateTokens } from '../../common/datePrefix';

export interface OutputKey {
	/** The folder the file is in: the session ID or job ID. */
	id: string;
	fileName: string;
	domainId?: string;
	subscriptionId?: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Reads the ids out of an output key (relative to the watched prefix). A file right under the prefix
 * is named after its job or session (`<id>.json`); otherwise its folder is.
 */
export function parseOutputKey(key: string): OutputKey | undefined {
	const segments = key.split('/').filter(Boolean);
	if (segments.length === 0) return undefined;
	const fileName = segments[segments.length - 1];
	const folders = segments.slice(0, -1);
	return {
		id: folders.length ? folders[folders.length - 1] : fileName.replace(/\.[^.]*$/, ''),
		fileName,
		domainId: folders.find((s) => RULES.domainId.pattern.test(s)),
		subscriptionId: folders.find((s) => RULES.subscriptionId.pattern.test(s)),
	};
}

/** A listening session's artifact key: its folder must be the session's UUID. */
export function parseSessionArtifactKey(
	key: string,
): (OutputKey & { sessionId: string }) | undefined {
	const parsed = parseOutputKey(key);
	return parsed && UUID.test(parsed.id) ? { ...parsed, sessionId: parsed.id } : undefined;
}

export type ArtifactKind = 'clinicalNote' | 'transcript' | 'afterVisitSummary';

/** Which artifact a file is, by its name (clinical-note.json, transcript.json, after-visit-summary.json, clinicalDoc.json, …). */
export function artifactKindOf(fileName: string): ArtifactKind | undefined {
	const name = fileName.toLowerCase().replace(/[^a-z]/g, '');
	if (!fileName.toLowerCase().endsWith('.json')) return undefined;
	if (name.includes('aftervisit')) return 'afterVisitSummary';
	if (name.includes('transcript')) return 'transcript';
	if (
		name.includes('clinicalnote') ||
		name.includes('clinicaldoc') ||
		name === 'summaryjson' ||
		name === 'notejson'
	)
		return 'clinicalNote';
	return undefined;
}

/** The S3 prefix a URI (s3://bucket/prefix) names, with a trailing slash so a sibling folder is not matched. */
export function listingPrefix(uri: string): { bucket: string; prefix: string } | undefined {
	const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
	if (!match) return undefined;
	const prefix = match[2] === '' || match[2].endsWith('/') ? match[2] : `${match[2]}/`;
	return { bucket: match[1], prefix };
}
