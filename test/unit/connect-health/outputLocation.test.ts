/**
 * The output location a clinic sets up: examples 06 (trigger) and 07 (Start) agree on one
 * date-partitioned URI, and the editor warns, as n8n decides what it shows, wherever an output
 * location a trigger watches has no {yyyy}/{mm}/{dd}.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { AmazonConnectHealth } from '../../../nodes/ConnectHealth/AmazonConnectHealth.node';
import { AmazonConnectHealthTrigger } from '../../../nodes/ConnectHealth/AmazonConnectHealthTrigger.node';
import { hasDateTokens } from '../../../nodes/common/datePrefix';

const PLACES: Array<[string, INodeType, INodeParameters, string]> = [
	['Trigger, session artifacts', new AmazonConnectHealthTrigger(), {}, 'outputS3Uri'],
	[
		'Trigger, insights jobs',
		new AmazonConnectHealthTrigger(),
		{ event: 'insightsJobFinished' },
		's3OutputPath',
	],
	[
		'Start Listening Session',
		new AmazonConnectHealth(),
		{ resource: 'listeningSession', operation: 'start' },
		'outputS3Uri',
	],
	[
		'Start Patient Insights Job',
		new AmazonConnectHealth(),
		{ resource: 'patientInsightsJob', operation: 'start' },
		's3OutputPath',
	],
];

/** The notices n8n shows for these values (defaults filled in as the editor does). */
function shownNotices(type: INodeType, values: INodeParameters): string[] {
	const { description } = type;
	const node = { typeVersion: description.defaultVersion ?? 1 } as INode;
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	)!;
	return description.properties
		.filter((p) => p.type === 'notice' && p.name.endsWith('UndatedNotice'))
		.filter((p) => NodeHelpers.displayParameter(parameters, p, node, description))
		.map((p) => p.name);
}

describe.each(PLACES)('%s', (_label, type, base, parameter) => {
	test.each(['s3://scribe-output/scribe', 's3://scribe-output/scribe/', 's3://b/2026/notes/'])(
		'an undated location (%s) shows the notice',
		(value) => {
			expect(shownNotices(type, { ...base, [parameter]: value })).toEqual([
				`${parameter}UndatedNotice`,
			]);
		},
	);
	test.each([
		'',
		's3://scribe-output/sessions/{yyyy}/{mm}/{dd}/',
		's3://scribe-output/{yyyy}-{mm}/',
		"={{ $('Clinic Settings').first().json.outputS3Uri }}",
	])('no notice for %j (empty, dated, or an expression)', (value) => {
		expect(shownNotices(type, { ...base, [parameter]: value })).toEqual([]);
	});
});

test('the trigger’s notice belongs to the watched event only', () => {
	const trigger = new AmazonConnectHealthTrigger();
	expect(shownNotices(trigger, { event: 'statusChanged', outputS3Uri: 's3://b/flat/' })).toEqual(
		[],
	);
	expect(
		shownNotices(trigger, { event: 'sessionArtifactsReady', s3OutputPath: 's3://b/flat/' }),
	).toEqual([]);
});

const example = (file: string) =>
	JSON.parse(readFileSync(path.join(__dirname, '../../../examples', file), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, any> }>;
	};

test('examples 06 and 07: the trigger watches the dated output location the Start node writes to', () => {
	const trigger = example('06-connect-health-trigger-session-notes.json').nodes.find((n) =>
		n.type.endsWith('.amazonConnectHealthTrigger'),
	)!;
	const streaming = example('07-connect-health-stream-recordings.json').nodes;
	const settings = streaming.find((n) => n.name === 'Clinic Settings')!.parameters.assignments
		.assignments as Array<{ name: string; value: string }>;
	const start = streaming.find((n) => n.type.endsWith('.amazonConnectHealth'))!;
	expect(start.parameters.outputS3Uri).toBe("={{ $('Clinic Settings').first().json.outputS3Uri }}");
	const written = settings.find((a) => a.name === 'outputS3Uri')!.value;
	expect(trigger.parameters.outputS3Uri).toBe(written);
	expect(hasDateTokens(written)).toBe(true);
	expect(shownNotices(new AmazonConnectHealthTrigger(), trigger.parameters)).toEqual([]);
});
