import type { INode } from 'n8n-workflow';
import { ItemValidator } from '../../../nodes/common/validate';
import {
	checkChannelDefinitions,
	checkMarkdown,
	checkNoteTemplateSettings,
	type NoteTemplateChoice,
} from '../../../nodes/ConnectHealth/actions/validation';
import { domainIdFrom, subscriptionIdFrom } from '../../../nodes/ConnectHealth/actions/locators';

const node: INode = {
	id: '1',
	name: 'Connect Health',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const v = () => new ItemValidator(node, 0);
const failure = (check: () => void): string | undefined => {
	try {
		check();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
};

describe('note template settings: a one-of union', () => {
	const managed: NoteTemplateChoice = { managedTemplate: { templateType: 'SIRP' } };
	const custom = (
		sections: Array<{ sectionHeader: string; sectionInstruction: string }>,
		templateType = 'DAP',
	): NoteTemplateChoice => ({
		customTemplate: { templateType, templateInstructions: sections },
	});

	test.each([
		['managed', managed, undefined],
		[
			'custom with underscores in headers',
			custom([
				{
					sectionHeader: 'Chief_Complaint',
					sectionInstruction: 'Summarise the *reason* for the visit (1-2 lines).',
				},
			]),
			undefined,
		],
		['neither', {}, 'Invalid "managedTemplate / customTemplate": none is set'],
		[
			'both',
			{ ...managed, ...custom([{ sectionHeader: 'A', sectionInstruction: 'b' }]) },
			'Invalid "managedTemplate / customTemplate": more than one alternative is set',
		],
		[
			'unknown managed template',
			{ managedTemplate: { templateType: 'SOAP' } },
			'Invalid "managedTemplate.templateType": it is not one of the allowed values',
		],
		[
			'PHYSICAL_SOAP is not a custom base',
			custom([{ sectionHeader: 'A', sectionInstruction: 'b' }], 'PHYSICAL_SOAP'),
			'Invalid "customTemplate.templateType": it is not one of the allowed values',
		],
		[
			'no sections',
			custom([]),
			'Invalid "customTemplate.templateInstructions": 0 sections are given',
		],
		[
			'21 sections',
			custom(
				Array.from({ length: 21 }, (_, n) => ({ sectionHeader: `S${n}`, sectionInstruction: 'x' })),
			),
			'Invalid "customTemplate.templateInstructions": 21 sections are given',
		],
		[
			'header with a space',
			custom([{ sectionHeader: 'Chief complaint', sectionInstruction: 'x' }]),
			'Invalid "customTemplate.templateInstructions[0].sectionHeader": it does not have the required format',
		],
		[
			'instruction with a disallowed character',
			custom([{ sectionHeader: 'A', sectionInstruction: 'Use $ amounts' }]),
			'Invalid "customTemplate.templateInstructions[0].sectionInstruction": it does not have the required format',
		],
	] as Array<[string, NoteTemplateChoice, string | undefined]>)(
		'%s',
		(_name, settings, message) => {
			expect(failure(() => checkNoteTemplateSettings(v(), settings))).toBe(message);
		},
	);
});

describe('channel definitions: none or exactly two', () => {
	test.each([
		['absent', undefined, undefined],
		[
			'two',
			[
				{ channelId: 0, participantRole: 'CLINICIAN' },
				{ channelId: 1, participantRole: 'PATIENT' },
			],
			undefined,
		],
		[
			'one',
			[{ channelId: 0, participantRole: 'CLINICIAN' }],
			'Invalid "channelDefinitions": 1 channels are defined',
		],
		[
			'three',
			[0, 1, 1].map((channelId) => ({ channelId, participantRole: 'PATIENT' })),
			'Invalid "channelDefinitions": 3 channels are defined',
		],
		[
			'channel 2',
			[
				{ channelId: 0, participantRole: 'CLINICIAN' },
				{ channelId: 2, participantRole: 'PATIENT' },
			],
			'Invalid "channelDefinitions[1].channelId": 2 is out of range',
		],
		[
			'same channel twice',
			[
				{ channelId: 1, participantRole: 'CLINICIAN' },
				{ channelId: 1, participantRole: 'PATIENT' },
			],
			'Invalid "channelDefinitions": both channels have the same ID',
		],
		[
			'unknown role',
			[
				{ channelId: 0, participantRole: 'NURSE' },
				{ channelId: 1, participantRole: 'PATIENT' },
			],
			'Invalid "channelDefinitions[0].participantRole": it is not one of the allowed values',
		],
	] as Array<
		[string, Array<{ channelId: number; participantRole: string }> | undefined, string | undefined]
	>)('%s', (_name, channels, message) => {
		expect(failure(() => checkChannelDefinitions(v(), channels))).toBe(message);
	});
});

test('markdown context allows letters of any script and the listed punctuation only', () => {
	expect(
		failure(() =>
			checkMarkdown(
				v(),
				'context',
				'Patientin: Schmerzen seit 3 Tagen — ñ, ü; [ok] {x} ^ ~ | \\ @ % & = + <b>',
			),
		),
	).toBe('Invalid "context": it does not have the required format');
	expect(
		failure(() =>
			checkMarkdown(
				v(),
				'context',
				'Patientin: Schmerzen seit 3 Tagen, ñ ü; [ok] {x} ^ ~ | \\ @ % & = + <b> `code` "q" \'s\'',
			),
		),
	).toBeUndefined();
});

describe('locators', () => {
	const DOMAIN = 'dom-abcdefghij0123456789';
	const SUB = 'sub-ABCDEFGHIJ0123456789k';
	const ARN = `arn:aws:health-agent:us-east-1:123456789012:domain/${DOMAIN}`;
	test('a domain is named by ID, domain ARN or subscription ARN, in any mode or as a plain string', () => {
		expect(domainIdFrom({ __rl: true, mode: 'id', value: ` ${DOMAIN} ` }, v())).toBe(DOMAIN);
		expect(domainIdFrom({ __rl: true, mode: 'arn', value: ARN }, v())).toBe(DOMAIN);
		expect(domainIdFrom(`${ARN}/subscription/${SUB}`, v())).toBe(DOMAIN);
		expect(failure(() => domainIdFrom({ mode: 'list', value: '' }, v()))).toBe(
			'Invalid "Domain": it is empty',
		);
	});
	test('a subscription ARN must belong to the chosen domain', () => {
		expect(
			subscriptionIdFrom({ mode: 'arn', value: `${ARN}/subscription/${SUB}` }, DOMAIN, v()),
		).toBe(SUB);
		expect(
			failure(() =>
				subscriptionIdFrom(
					{ mode: 'arn', value: `${ARN}/subscription/${SUB}` },
					'dom-zzzzzzzzzzzzzzzzzzzz',
					v(),
				),
			),
		).toBe('Invalid "Subscription": the ARN belongs to another domain');
	});
});
