/** Finds problems in what n8n printed: load errors, warnings, failed executions. */

/** n8n's own start-up notices on this machine, unrelated to any package. */
const N8N_NOTICES = [
	/Failed to start Python task runner in internal mode/, // no Python venv installed; JS runner works
	/\[license SDK\]/, // no license on a community instance
];

const PROBLEM = /\b(warn(ing)?|error|exception|cannot find module|could not be loaded|failed|deprecat\w*|unhandled)\b/i;

export function logProblems(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => PROBLEM.test(line) && !N8N_NOTICES.some((notice) => notice.test(line)));
}
