import type { INodeProperties } from 'n8n-workflow';

/** The ARN of any taggable Connect Health resource. */
export function resourceArnProperty(): INodeProperties {
	return {
		displayName: 'Resource ARN',
		name: 'resourceArn',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'arn:aws:health-agent:us-east-1:123456789012:domain/dom-abcdefghij0123456789',
		description: 'ARN of a domain, subscription or patient insights job',
	};
}
