/**
 * Finds problems in what n8n printed: load errors, warnings, failed executions. n8n's own notices of
 * the version that printed them are known and skipped; a line that names this package never is.
 */

/** n8n's own notices on this machine, unrelated to any package, by the n8n versions (major.minor) that print them. */
const N8N_NOTICES: Array<{ versions: string[] | 'all'; pattern: RegExp }> = [
	// No Python venv installed; the JavaScript task runner works.
	{ versions: 'all', pattern: /Failed to start Python task runner in internal mode/ },
	// No licence on a community instance.
	{ versions: 'all', pattern: /\[license SDK\]/ },
	// n8n 2.41 lists the settings whose defaults change in a later version (all of them n8n's own N8N_*).
	{ versions: ['2.41'], pattern: /^There are deprecations related to your n8n setup/ },
	{ versions: ['2.41'], pattern: /^- N8N_[A-Z0-9_]+ -> / },
	// Offline: n8n 2.41 refreshes its MCP server registry from api.n8n.io at start-up (a system task).
	{ versions: ['2.41'], pattern: /getaddrinfo (ENOTFOUND|EAI_AGAIN) api\.n8n\.io$/ },
	{
		versions: ['2.41'],
		pattern: /^Error fetching from Strapi API \(https:\/\/api\.n8n\.io\/api\/mcp-servers\)/,
	},
	{ versions: ['2.41'], pattern: /^A system task run failed$/ },
	// On a machine whose cores are busy (CI shares two): n8n's own health checks time out and retry.
	// 2.41 pings its database; 2.8's task runner retries its handshake when the broker is slow to answer.
	{ versions: 'all', pattern: /^Database ping failed\b.*timed out/i },
	{ versions: 'all', pattern: /^Task runner connection attempt failed with status code 403$/ },
];

const PROBLEM =
	/\b(warn(ing)?|error|exception|cannot find module|could not be loaded|failed|deprecat\w*|unhandled)\b/i;
/** Lines naming this package or its node/credential types are always reported. */
const OURS = /clinical-scribe|healthscribe|connect ?health|heidi|awsClinicalApi/i;

const minor = (version: string): string => version.split('.').slice(0, 2).join('.');

/** The lines of `text` that report a problem; `n8nVersion` (e.g. "2.41.1") selects the notices of that n8n to skip. */
export function logProblems(text: string, n8nVersion?: string): string[] {
	const notices = N8N_NOTICES.filter(
		(notice) =>
			notice.versions === 'all' ||
			(n8nVersion !== undefined && notice.versions.includes(minor(n8nVersion))),
	);
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(
			(line) =>
				PROBLEM.test(line) &&
				(OURS.test(line) || !notices.some((notice) => notice.pattern.test(line))),
		);
}

/**
 * What `n8n execute --rawOutput` printed, without the execution's JSON (from the line that is exactly
 * `{` to the line that is exactly `}`): item data is not a log line, and an item routed to a node's
 * error output rightly carries an `error` field. Whether the execution failed is read from the JSON.
 */
export function withoutRunData(output: string): string {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	return start < 0 || end < 0
		? output
		: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n');
}
