/** Reading node outputs from n8n run data (CLI `--rawOutput` or the public API's executions). */

export type Json = Record<string, unknown>;

export interface RunData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main?: Array<Array<{ json: Json }> | null> }; error?: { message?: string } }>
		>;
		error?: { message?: string; node?: { name?: string } };
	};
}

/** The JSON of every item a node output on its first output, over all its runs. */
export function nodeItems(data: RunData | undefined, nodeName: string, output = 0): Json[] {
	const runs = data?.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) => run.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Items a node output on each of its outputs (Switch, If), first run. */
export function nodeOutputs(data: RunData | undefined, nodeName: string): Json[][] {
	const main = data?.resultData.runData[nodeName]?.[0]?.data?.main ?? [];
	return main.map((items) => (items ?? []).map((item) => item.json));
}

/** The execution's error message, if it failed. */
export function runError(data: RunData | undefined): string | undefined {
	const error = data?.resultData.error;
	return error
		? `${error.node?.name ? `${error.node.name}: ` : ''}${error.message ?? 'failed'}`
		: undefined;
}
