/**
 * Every node and trigger that returns a note offers the same Note Format parameter in version 2 (a
 * new node), and keeps its own old selector in version 1 (a saved workflow), as n8n resolves them.
 */
import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { AmazonConnectHealth } from '../../../nodes/ConnectHealth/AmazonConnectHealth.node';
import { AmazonConnectHealthTrigger } from '../../../nodes/ConnectHealth/AmazonConnectHealthTrigger.node';
import { AwsHealthScribe } from '../../../nodes/HealthScribe/AwsHealthScribe.node';
import { AwsHealthScribeTrigger } from '../../../nodes/HealthScribe/AwsHealthScribeTrigger.node';
import { Heidi } from '../../../nodes/Heidi/Heidi.node';
import { HeidiTrigger } from '../../../nodes/Heidi/HeidiTrigger.node';

/** The parameters n8n keeps for a node of this version with these values (defaults filled, hidden ones dropped). */
function resolved(type: INodeType, typeVersion: number, values: INodeParameters): INodeParameters {
	const { properties } = type.description;
	return NodeHelpers.getNodeParameters(
		properties,
		values,
		true,
		false,
		{ typeVersion } as INode,
		type.description,
	)!;
}

const NOTE_PATHS: Array<[string, INodeType, INodeParameters, string | undefined]> = [
	[
		'HealthScribe Get',
		new AwsHealthScribe(),
		{ resource: 'medicalScribeJob', operation: 'get' },
		'includeOutputs',
	],
	[
		'HealthScribe Start with wait',
		new AwsHealthScribe(),
		{ resource: 'medicalScribeJob', operation: 'start', waitForCompletion: true },
		'includeOutputs',
	],
	['HealthScribe Trigger', new AwsHealthScribeTrigger(), {}, 'includeOutputs'],
	[
		'Connect Health Get Listening Session',
		new AmazonConnectHealth(),
		{ resource: 'listeningSession', operation: 'get' },
		'includeNote',
	],
	[
		'Connect Health Start Listening Session with wait',
		new AmazonConnectHealth(),
		{ resource: 'listeningSession', operation: 'start', waitForCompletion: true },
		'includeNote',
	],
	[
		'Connect Health Trigger',
		new AmazonConnectHealthTrigger(),
		{ event: 'sessionArtifactsReady' },
		'includeNote',
	],
	[
		'Heidi Consult Note Get',
		new Heidi(),
		{ resource: 'consultNote', operation: 'get' },
		'noteFormat',
	],
	[
		'Heidi Consult Note Generate',
		new Heidi(),
		{ resource: 'consultNote', operation: 'generate' },
		'noteFormat',
	],
	['Heidi Trigger', new HeidiTrigger(), {}, undefined],
];

describe.each(NOTE_PATHS)('%s', (_name, type, values, legacy) => {
	it('version 2 has Note Format, with Simplify (on) for the EncounterNote, and no old selector', () => {
		expect(type.description.version).toEqual([1, 2]);
		expect(type.description.defaultVersion).toBe(2);
		const current = resolved(type, 2, { ...values, noteFormat: 'encounterNote' });
		expect(current).toMatchObject({ noteFormat: 'encounterNote', simple: true });
		for (const old of ['includeOutputs', 'includeNote']) expect(current).not.toHaveProperty(old);
		// No Options collection shown in version 2 offers the old switch.
		const shownOptions = type.description.properties.filter(
			(p) =>
				p.name === 'options' &&
				NodeHelpers.displayParameter(current, p, { typeVersion: 2 } as INode, type.description),
		);
		const names = shownOptions.flatMap((p) =>
			(p.options ?? []).map((o) => ('name' in o ? o.name : '')),
		);
		expect(names).not.toContain('includeEncounterNote');
		if (!legacy) expect(names).toContain('includeTranscript');
	});

	it('version 1 keeps its old selector and value, without Simplify', () => {
		const saved = legacy
			? { ...values, [legacy]: 'encounterNote' }
			: { ...values, options: { includeEncounterNote: true } };
		const kept = resolved(type, 1, saved);
		if (legacy) expect(kept[legacy]).toBe('encounterNote');
		else expect(kept.options).toMatchObject({ includeEncounterNote: true });
		expect(kept).not.toHaveProperty('simple');
		if (legacy !== 'noteFormat') expect(kept).not.toHaveProperty('noteFormat');
	});
});
