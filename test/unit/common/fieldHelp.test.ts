/**
 * Help a clinic admin can read: vendor jargon (Heidi's Voice Style and Brain), S3 locations and AWS
 * roles are explained where they are asked for, every field of the six nodes carries help, and no
 * help text talks API (wire names, "sent as", what a vendor's docs leave open).
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { AmazonConnectHealth } from '../../../nodes/ConnectHealth/AmazonConnectHealth.node';
import { AmazonConnectHealthTrigger } from '../../../nodes/ConnectHealth/AmazonConnectHealthTrigger.node';
import { AwsHealthScribe } from '../../../nodes/HealthScribe/AwsHealthScribe.node';
import { AwsHealthScribeTrigger } from '../../../nodes/HealthScribe/AwsHealthScribeTrigger.node';
import { Heidi } from '../../../nodes/Heidi/Heidi.node';
import { HeidiTrigger } from '../../../nodes/Heidi/HeidiTrigger.node';

const NODES: Array<[string, INodeType]> = [
	['AWS HealthScribe', new AwsHealthScribe()],
	['AWS HealthScribe Trigger', new AwsHealthScribeTrigger()],
	['Amazon Connect Health', new AmazonConnectHealth()],
	['Amazon Connect Health Trigger', new AmazonConnectHealthTrigger()],
	['Heidi', new Heidi()],
	['Heidi Trigger', new HeidiTrigger()],
];

/** Every parameter of a node, including those inside collections and fixed collections. */
function allFields(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => {
		if (p.type === 'collection') return [p, ...allFields(p.options as INodeProperties[])];
		if (p.type === 'fixedCollection')
			return [
				p,
				...(p.options as Array<{ values: INodeProperties[] }>).flatMap((o) => allFields(o.values)),
			];
		return [p];
	});
}

const texts = (p: INodeProperties): string[] =>
	[
		p.description,
		p.hint,
		...(Array.isArray(p.options)
			? (p.options as INodePropertyOptions[]).map((o) => o.description)
			: []),
	].filter((t): t is string => typeof t === 'string');

const fieldsOf = (node: INodeType, displayName: string) =>
	allFields(node.description.properties).filter((p) => p.displayName === displayName);

describe('help for the fields a clinic admin fills in', () => {
	it('explains Heidi’s Voice Style and Brain wherever they appear', () => {
		const heidi = new Heidi();
		const voice = fieldsOf(heidi, 'Voice Style');
		const brain = fieldsOf(heidi, 'Brain');
		expect(voice.length).toBeGreaterThanOrEqual(2);
		expect(brain.length).toBeGreaterThanOrEqual(2);
		for (const p of voice) expect(p.description).toMatch(/how long and detailed.*Goldilocks/i);
		for (const p of brain) expect(p.description).toMatch(/writing engines.*Left.*Right/);
		for (const p of [...voice, ...brain])
			for (const option of p.options as INodePropertyOptions[])
				expect(option.description).toEqual(expect.any(String));
	});

	it.each([
		['AWS HealthScribe', 'Media File URI', /s3:\/\/, then the bucket name.*Copy S3 URI.*Region/],
		['Amazon Connect Health', 'Audio S3 URI', /s3:\/\/, then the bucket name.*Copy S3 URI/],
		[
			'AWS HealthScribe',
			'Data Access Role ARN',
			/role (that lets HealthScribe read the recording|Transcribe assumes)/,
		],
		['AWS HealthScribe', 'Speaker Identification', /clinician and the patient apart/],
		['Heidi', 'Custom Template Method', /Keep TEMPLATE/],
		['Heidi', 'Coding System', /Account Default/],
		['Heidi Trigger', 'Events', /Account → Check/],
	])('%s › %s says what to enter', (nodeName, field, help) => {
		const node = NODES.find(([name]) => name === nodeName)![1];
		const found = fieldsOf(node, field);
		expect(found.length).toBeGreaterThan(0);
		for (const p of found) expect(p.description).toMatch(help);
	});

	it.each(NODES)(
		'%s: every field outside a collection has help, and none talks API',
		(_name, node) => {
			const fields = allFields(node.description.properties).filter((p) => p.type !== 'notice');
			// The note output fields (Note Format, Include Outputs and its binary fields, FHIR references) are described and tested with common/noteOutput.
			const top = node.description.properties.filter(
				(p) =>
					!['notice', 'collection', 'fixedCollection'].includes(p.type) &&
					p.name !== 'operation' &&
					!/^(noteFormat|includeOutputs|includeNote|fhir|transcriptBinaryProperty|clinicalDocumentBinaryProperty)/.test(
						p.name,
					),
			);
			for (const p of top)
				expect([p.displayName, Boolean(p.description ?? p.hint)]).toEqual([p.displayName, true]);
			for (const p of fields) {
				for (const text of texts(p)) {
					expect([p.displayName, text]).not.toEqual([
						p.displayName,
						expect.stringMatching(
							/\bsent as\b|docs (were|leave|send)|\bAPI user\b|\b(Get|Create|Start)[A-Z]\w*(Job|Vocabulary)\b|consult_note|third_party|meta_data|coding_system/,
						),
					]);
				}
			}
		},
	);
});
