/**
 * The example workflows in examples/: loading them, telling action workflows (a Manual Trigger,
 * runnable with `n8n execute`) from trigger workflows (a polling trigger, need a running n8n), and
 * filling in the machine-specific values of their "Clinic Settings" node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The Set node every example keeps its clinic-specific values in. */
export const SETTINGS_NODE = 'Clinic Settings';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	file: string;
	id: string;
	name: string;
	kind: 'action' | 'trigger';
	workflow: WorkflowJson;
}

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(
				readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
			) as WorkflowJson;
			const manual = workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
			return {
				file,
				id: workflow.id,
				name: workflow.name,
				kind: manual ? 'action' : 'trigger',
				workflow,
			};
		});
}

interface Assignment {
	name: string;
	value: unknown;
}

/** A copy of the workflow with the named Clinic Settings values replaced (others keep their defaults). */
export function configureExample(
	workflow: WorkflowJson,
	values: Record<string, string>,
): WorkflowJson {
	const copy = structuredClone(workflow);
	const settings = copy.nodes.find((node) => node.name === SETTINGS_NODE);
	if (!settings) return copy;
	const assignments = (settings.parameters.assignments as { assignments: Assignment[] })
		.assignments;
	for (const assignment of assignments)
		if (assignment.name in values) assignment.value = values[assignment.name];
	return copy;
}

/** The value a workflow's Clinic Settings node holds for `name`, as configured. */
export function settingValue(workflow: WorkflowJson, name: string): unknown {
	const settings = workflow.nodes.find((node) => node.name === SETTINGS_NODE);
	return (
		settings?.parameters.assignments as { assignments: Assignment[] } | undefined
	)?.assignments.find((a) => a.name === name)?.value;
}
