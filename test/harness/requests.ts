import type { LogEntry, LogFilter, RequestLog } from '../../sandbox';
import { matchesFilter } from '../../sandbox/core/log';

/**
 * Runs `action` right after the sandbox has decided its answer to (and logged) each request matching
 * `filter`, before the client reads that answer. Tests use it to step the sandbox clock between two
 * polls of a node (`clockSpeed: 0` + `clock.advance` here), so what every poll sees is fixed by the
 * test and never by how fast the machine is. Returns a function that removes the hook.
 */
export function afterRequest(
	log: RequestLog,
	filter: LogFilter,
	action: (entry: LogEntry, count: number) => void,
): () => void {
	const add = log.add;
	let count = 0;
	log.add = (entry) => {
		const logged = add(entry);
		if (matchesFilter(logged, filter)) action(logged, ++count);
		return logged;
	};
	return () => {
		log.add = add;
	};
}
