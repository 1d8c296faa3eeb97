import type { ContextDocument, World } from '../state';

/** Context documents are PARSING for `contextParseMs` of sandbox time, then READY (undocumented; a third-party API profile suggests it). */
export function contextDocumentStatus(
	world: World,
	doc: ContextDocument,
	now = world.clock.now(),
): 'PARSING' | 'READY' {
	return now >= doc.createdAt + world.options.contextParseMs ? 'READY' : 'PARSING';
}
