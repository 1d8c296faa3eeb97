/**
 * Example 07 (the day's recordings streamed into listening sessions) run through the harness with
 * its Clinic Settings inlined (the harness has no n8n-nodes-base Set node), then example 06's
 * trigger picks the new sessions' notes up: recordings in S3 → notes filed, no other app involved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode } from 'n8n-workflow';
import { runWorkflow } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { MEDIA_BUCKET } from '../../../sandbox';
import { connectHealthSandbox, credentialsFor, poll } from './helpers';

let sandbox: Sandbox;
beforeAll(
	async () =>
		(sandbox = await connectHealthSandbox({
			connectHealth: { timings: { artifactGenerationMs: 0 } },
		})),
);
afterAll(async () => await sandbox.stop());

const example = (file: string) =>
	JSON.parse(readFileSync(path.join(__dirname, '../../../examples', file), 'utf8')) as {
		nodes: INode[];
		connections: Record<string, unknown>;
	};

/** Replaces `$('Clinic Settings').first().json.x` and `$json.x` of the first node with the settings' values. */
function inlineSettings(nodes: INode[], settings: Record<string, string>): INode[] {
	const fill = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const m = /^=\{\{ (?:\$\('Clinic Settings'\)\.first\(\)\.json|\$json)\.(\w+) \}\}$/.exec(
				value,
			);
			return m && settings[m[1]] !== undefined ? settings[m[1]] : value;
		}
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
		return value;
	};
	return nodes.map((node) => ({
		...node,
		parameters: fill(node.parameters) as INode['parameters'],
	}));
}

test('example 07 streams every recording of the day into a listening session; example 06’s trigger files their notes', async () => {
	// Example 06's trigger, unchanged, is running: its first poll sets its baseline.
	const trigger = example('06-connect-health-trigger-session-notes.json').nodes.find((n) =>
		n.type.endsWith('amazonConnectHealthTrigger'),
	)!;
	const state = {};
	expect(
		(await poll(sandbox, trigger.parameters, state, 'trigger', trigger.typeVersion)).emitted,
	).toBe(false);
	sandbox.clock.advance(1000);

	const workflow = example('07-connect-health-stream-recordings.json');
	const settingsNode = workflow.nodes.find((n) => n.name === 'Clinic Settings')!;
	const settings = Object.fromEntries(
		(
			(settingsNode.parameters.assignments as any).assignments as Array<{
				name: string;
				value: string;
			}>
		).map((a) => [a.name, a.value]),
	);
	const nodes = inlineSettings(
		workflow.nodes.filter((n) =>
			["List Today's Recordings", 'Stream into a Listening Session'].includes(n.name),
		),
		settings,
	);
	const { outputs, error } = await runWorkflow(
		{
			nodes,
			connections: {
				"List Today's Recordings": workflow.connections["List Today's Recordings"] as never,
			},
		},
		{ credentials: credentialsFor(sandbox), startNode: "List Today's Recordings" },
	);
	expect(error).toBeUndefined();
	const sessions = outputs['Stream into a Listening Session'].map((item) => item.json as any);
	expect(sessions).toHaveLength(sandbox.seededRecordings.length);
	expect(
		sessions.every((s) => s.streamStatus === 'COMPLETED' && s.transcript.turns.length > 0),
	).toBe(true);
	const streams = sandbox.log
		.entries({ service: 'connectHealth', pathPrefix: '/medical-scribe-stream/' })
		.filter((e) => e.method === 'POST');
	expect(streams.map((e) => (e.body as any).outcome)).toEqual(sessions.map(() => 'completed'));
	expect(
		sandbox.log
			.entries({ service: 's3' })
			.filter(
				(e) =>
					e.method === 'GET' &&
					sandbox.seededRecordings.some((k) => e.path === `/${MEDIA_BUCKET}/${k}`),
			),
	).toHaveLength(sessions.length);

	// Its next poll picks the streamed sessions' notes up.
	sandbox.clock.advance(1000);
	const { items } = await poll(sandbox, trigger.parameters, state, 'trigger', trigger.typeVersion);
	const noted = items.map((item: any) => item.sessionId);
	expect(noted).toEqual(expect.arrayContaining(sessions.map((s) => s.sessionId)));
	expect(
		items
			.filter((item: any) => sessions.some((s) => s.sessionId === item.sessionId))
			.every((item: any) => item.note?.markdown),
	).toBe(true);
});
