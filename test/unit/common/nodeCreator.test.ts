/**
 * How n8n's node creator shows each node and its trigger: as ONE entry (the trigger's name minus
 * "Trigger" is the node's name) that carries the node's codex but the TRIGGER's description
 * (editor-ui `useActionsGenerator.generateMergedNodesAndActions`: `app.description = trigger.description`).
 * So each trigger's description must read right for the whole entry, also when a clinic admin picks
 * an action after a trigger, and the node's codex must hold what people search for.
 */
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { AmazonConnectHealth } from '../../../nodes/ConnectHealth/AmazonConnectHealth.node';
import { AmazonConnectHealthTrigger } from '../../../nodes/ConnectHealth/AmazonConnectHealthTrigger.node';
import { AwsHealthScribe } from '../../../nodes/HealthScribe/AwsHealthScribe.node';
import { AwsHealthScribeTrigger } from '../../../nodes/HealthScribe/AwsHealthScribeTrigger.node';
import { Heidi } from '../../../nodes/Heidi/Heidi.node';
import { HeidiTrigger } from '../../../nodes/Heidi/HeidiTrigger.node';

interface Codex {
	categories: string[];
	alias: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codex = (folder: string, file: string): Codex =>
	require(`../../../nodes/${folder}/${file}.node.json`) as Codex;

const PAIRS: Array<[string, INodeType, INodeType, string, string]> = [
	[
		'HealthScribe',
		new AwsHealthScribe(),
		new AwsHealthScribeTrigger(),
		'AwsHealthScribe',
		'AwsHealthScribeTrigger',
	],
	[
		'ConnectHealth',
		new AmazonConnectHealth(),
		new AmazonConnectHealthTrigger(),
		'AmazonConnectHealth',
		'AmazonConnectHealthTrigger',
	],
	['Heidi', new Heidi(), new HeidiTrigger(), 'Heidi', 'HeidiTrigger'],
];

/** The entry n8n builds for a node and its trigger (name match as in the editor: the trigger's name without "Trigger"). */
function mergedEntry(app: INodeTypeDescription, trigger: INodeTypeDescription) {
	expect(trigger.name.replace('Trigger', '')).toBe(app.name);
	return { displayName: app.displayName, description: trigger.description };
}

describe('the node creator entry of each node and its trigger', () => {
	it.each(PAIRS)(
		'%s: the merged entry’s description covers the actions and the trigger',
		(folder, app, trigger) => {
			const entry = mergedEntry(app.description, trigger.description);
			// Not worded for the trigger alone ("Starts the workflow when…"), which reads wrong when picking an action.
			expect(entry.description).not.toMatch(/^(Starts|Triggers?|Fires|Runs)\b/i);
			// Names the service and says what the actions do and that workflows can start from it.
			expect(entry.description).toContain(entry.displayName.replace(/^AWS |^Amazon /, ''));
			expect(entry.description).toMatch(/start workflows|workflows that start/);
			expect(entry.description).toMatch(/notes?/);
			expect(trigger.description.displayName).toBe(`${app.description.displayName} Trigger`);
		},
	);

	it.each(PAIRS)(
		'%s: node and trigger share categories, and the node’s codex (the one the entry uses) has every alias',
		(folder, _app, _trigger, appFile, triggerFile) => {
			const appCodex = codex(folder, appFile);
			const triggerCodex = codex(folder, triggerFile);
			expect(appCodex.categories).toEqual(triggerCodex.categories);
			for (const alias of triggerCodex.alias) expect(appCodex.alias).toContain(alias);
		},
	);

	it('no notice sits at the top of a node: help lives with the fields', () => {
		for (const [, app, trigger] of PAIRS) {
			for (const node of [app, trigger])
				expect(node.description.properties[0].type).not.toBe('notice');
		}
	});
});
