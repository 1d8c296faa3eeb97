import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { valueChecks } from '../../common/params';
import type { ItemValidator } from '../../common/validate';
import { checkDomainId, checkSubscriptionId, RULES } from './validation';

export type Show = NonNullable<IDisplayOptions['show']>;

/** The Domain resource locator: From List (ListDomains), By ID, By ARN. */
export function domainLocator(
	displayOptions: IDisplayOptions = {},
	name = 'domain',
): INodeProperties {
	return {
		displayName: 'Domain',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Connect Health domain',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDomains', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'dom-abcdefghij0123456789',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^(hai-|dom-)[a-z0-9]{16,21}$',
							errorMessage: 'A domain ID is dom- or hai- and 16–21 lower-case letters or digits',
						},
					},
				],
			},
			{
				displayName: 'By ARN',
				name: 'arn',
				type: 'string',
				placeholder: 'arn:aws:health-agent:us-east-1:123456789012:domain/dom-abcdefghij0123456789',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RULES.domainArn.source,
							errorMessage: 'Not a Connect Health domain ARN',
						},
					},
				],
				extractValue: { type: 'regex', regex: RULES.domainArn.source },
			},
		],
		displayOptions,
	};
}

/** The Subscription resource locator: From List (ListSubscriptions of the chosen domain), By ID, By ARN. */
export function subscriptionLocator(
	displayOptions: IDisplayOptions = {},
	name = 'subscription',
): INodeProperties {
	return {
		displayName: 'Subscription',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'A subscription of the chosen domain',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'sub-abcdefghijklmnopqrstu',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RULES.subscriptionId.pattern.source,
							errorMessage: 'A subscription ID is sub- and 21 letters or digits',
						},
					},
				],
			},
			{
				displayName: 'By ARN',
				name: 'arn',
				type: 'string',
				placeholder: 'arn:aws:health-agent:us-east-1:123456789012:domain/dom-…/subscription/sub-…',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RULES.subscriptionArn.source,
							errorMessage: 'Not a Connect Health subscription ARN',
						},
					},
				],
				extractValue: { type: 'regex', regex: 'subscription/(sub-[a-zA-Z0-9]{21})$' },
			},
		],
		displayOptions,
	};
}

/** What a resource locator parameter holds: the locator object, or a plain value from an expression. */
function locatorValue(v: ItemValidator, field: string, raw: unknown): string {
	const isLocator =
		raw !== null &&
		typeof raw === 'object' &&
		!Array.isArray(raw) &&
		('__rl' in raw || 'mode' in raw);
	return valueChecks(v).text(field, isLocator ? (raw as { value?: unknown }).value : raw);
}

/** The domain ID a Domain locator names (ID or ARN, whatever the mode), checked against the model. */
export function domainIdFrom(raw: unknown, v: ItemValidator, field = 'Domain'): string {
	const value = locatorValue(v, field, raw);
	const arn = RULES.domainArn.exec(value) ?? RULES.subscriptionArn.exec(value);
	if (value.startsWith('arn:') && !arn)
		v.fail(
			field,
			'it is not a Connect Health domain ARN',
			'Use arn:aws:health-agent:<region>:<account>:domain/<domain ID>, or the domain ID.',
		);
	const domainId = arn ? arn[1] : value;
	checkDomainId(v, field, domainId);
	return domainId;
}

/** The subscription ID a Subscription locator names; an ARN must belong to `domainId`. */
export function subscriptionIdFrom(
	raw: unknown,
	domainId: string,
	v: ItemValidator,
	field = 'Subscription',
): string {
	const value = locatorValue(v, field, raw);
	const arn = RULES.subscriptionArn.exec(value);
	if (value.startsWith('arn:') && !arn)
		v.fail(
			field,
			'it is not a Connect Health subscription ARN',
			'Use the subscription’s ARN or its ID (sub-…).',
		);
	if (arn && arn[1] !== domainId)
		v.fail(
			field,
			'the ARN belongs to another domain',
			'Pick the subscription’s own domain, or a subscription of the chosen domain.',
		);
	const subscriptionId = arn ? arn[2] : value;
	checkSubscriptionId(v, field, subscriptionId);
	return subscriptionId;
}

/** Domain + subscription from their two locators (`read` is the caller's parameter getter). */
export function subscriptionKeyFrom(
	read: (name: string) => unknown,
	v: ItemValidator,
): { domainId: string; subscriptionId: string } {
	const domainId = domainIdFrom(read('domain'), v);
	return { domainId, subscriptionId: subscriptionIdFrom(read('subscription'), domainId, v) };
}
