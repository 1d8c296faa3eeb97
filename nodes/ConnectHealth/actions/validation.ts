import { valueChecks } from '../../common/params';
import type { ItemValidator } from '../../common/validate';
import {
	CUSTOM_TEMPLATE_BASES,
	MANAGED_NOTE_TEMPLATES,
	PARTICIPANT_ROLES,
	type Tags,
} from '../transport/model';

/**
 * Constraints of the service's shapes, as the API reference gives them
 * (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_Types.html and each
 * operation's page); its patterns are unanchored unless they say so.
 */
export const RULES = {
	domainId: { min: 20, max: 25, pattern: /^(hai-|dom-)[a-z0-9]+$/ },
	domainArn: /^arn:aws:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/((?:hai-|dom-)[a-z0-9]+)$/,
	domainName: { min: 1, max: 64 },
	subscriptionId: { min: 25, max: 25, pattern: /^sub-[a-zA-Z0-9]{21}$/ },
	subscriptionArn:
		/^arn:aws:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/((?:hai-|dom-)[a-z0-9]+)\/subscription\/(sub-[a-zA-Z0-9]{21})$/,
	sessionId: {
		min: 36,
		max: 36,
		pattern: /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/,
	},
	jobId: { min: 1, max: 36 },
	jobArn: {
		min: 20,
		max: 200,
		pattern:
			/^arn:aws[-a-z]*:health-agent:[-a-z0-9]+:[0-9]{12}:domain\/[-a-zA-Z0-9-]+\/patient-insights-job\/[-a-zA-Z0-9_/.]+$/,
	},
	/** Any Connect Health resource (domain, subscription, patient insights job). */
	resourceArn: /^arn:aws[-a-z]*:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/\S+$/,
	kmsKeyArn: /^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-f0-9-]+$/,
	ehrRole: { min: 1, max: 2048, pattern: /^arn:aws:iam::[0-9]{12}:role\/.+$/ },
	idcInstanceId: { min: 1, max: 256 },
	idcRegion: { min: 1, max: 64 },
	s3Uri: { max: 1024, pattern: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/ },
	nonEmpty: /\S/,
	dateOfBirth: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
	encounterReason: { min: 1, max: 256, pattern: /^[a-zA-Z0-9 .,-]+$/ },
	fhirEndpoint: /^https?:\/\/[a-zA-Z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/,
	maxS3Sources: 10,
	tagKey: { min: 1, max: 128 },
	tagValue: { min: 0, max: 256 },
	tagKeys: { min: 1, max: 50 },
	maxResults: { min: 1, max: 100 },
	sectionHeader: /^[a-zA-Z0-9_]+$/,
	markdown: /^[\p{L}\p{N}\s*_\-#[\]().,:;!?'"`<>~/|+=&%@\\{}^]+$/u,
	templateInstructions: { min: 1, max: 20 },
} as const;

/**
 * These rules, checked on one item before any call. Messages name the field and the fix
 * (ItemValidator never quotes values: several of these fields are PHI).
 */

export function checkDomainId(v: ItemValidator, field: string, value: string): void {
	v.required(
		field,
		value,
		`Choose a domain from the list, or enter its ID (dom-… or hai-…) or ARN.`,
	);
	v.length(field, value, RULES.domainId.min, RULES.domainId.max);
	v.pattern(
		field,
		value,
		RULES.domainId.pattern,
		'A domain ID starts with "dom-" or "hai-" followed by lower-case letters and digits.',
	);
}

export function checkSubscriptionId(v: ItemValidator, field: string, value: string): void {
	v.required(field, value, 'Choose a subscription from the list, or enter its ID (sub-…) or ARN.');
	v.length(field, value, RULES.subscriptionId.min, RULES.subscriptionId.max);
	v.pattern(
		field,
		value,
		RULES.subscriptionId.pattern,
		'A subscription ID is "sub-" followed by 21 letters and digits.',
	);
}

export function checkSessionId(v: ItemValidator, field: string, value: string): void {
	v.required(
		field,
		value,
		'Enter the listening session ID (the UUID the session was started with).',
	);
	v.length(field, value, RULES.sessionId.min, RULES.sessionId.max);
	v.pattern(
		field,
		value,
		RULES.sessionId.pattern,
		'A session ID is a UUID such as 123e4567-e89b-42d3-a456-426614174000.',
	);
}

/** The job ID goes into the path (/domain/{domainId}/patient-insights-job/{jobId}): the job ARN's characters, never a dot segment. */
export function checkJobId(v: ItemValidator, field: string, value: string): void {
	v.required(field, value, 'Enter the patient insights job ID returned by Start.');
	v.length(field, value, RULES.jobId.min, RULES.jobId.max);
	valueChecks(v).segment(field, value, {
		pattern: /^[-a-zA-Z0-9_.]+$/,
		fix: 'Use the job ID exactly as Start returned it (letters, digits, hyphens, underscores and dots).',
	});
}

const S3_URI_FIX =
	'Use s3://bucket/key with a lower-case bucket name (3–63 letters, digits, dots or hyphens).';

export function checkS3Uri(
	v: ItemValidator,
	field: string,
	value: string | undefined,
	required = true,
): void {
	if (required) v.required(field, value, 'Enter an S3 URI such as s3://my-bucket/prefix/.');
	if (!value) return;
	v.length(field, value, 1, RULES.s3Uri.max);
	v.pattern(field, value, RULES.s3Uri.pattern, S3_URI_FIX);
	valueChecks(v).s3Uri(field, value, { fix: S3_URI_FIX });
}

export function checkNonEmpty(
	v: ItemValidator,
	field: string,
	value: string | undefined,
	fix: string,
): void {
	v.required(field, value, fix);
	v.pattern(field, value, RULES.nonEmpty, fix);
}

export function checkResourceArn(v: ItemValidator, field: string, value: string): void {
	v.required(
		field,
		value,
		'Enter the ARN of a Connect Health domain, subscription or patient insights job.',
	);
	v.pattern(
		field,
		value,
		RULES.resourceArn,
		'Use an ARN like arn:aws:health-agent:us-east-1:123456789012:domain/dom-….',
	);
}

export function checkTags(v: ItemValidator, field: string, tags: Tags, requireOne: boolean): void {
	const keys = Object.keys(tags);
	if (requireOne && keys.length === 0)
		v.fail(field, 'no tag is given', 'Add at least one tag (key and value).');
	for (const key of keys) {
		v.length(`${field} key`, key, RULES.tagKey.min, RULES.tagKey.max);
		v.length(`${field} value`, tags[key], RULES.tagValue.min, RULES.tagValue.max);
	}
}

export function checkTagKeys(v: ItemValidator, field: string, keys: string[]): void {
	if (keys.length < RULES.tagKeys.min || keys.length > RULES.tagKeys.max)
		v.fail(
			field,
			`${keys.length} keys are given`,
			`Give ${RULES.tagKeys.min} to ${RULES.tagKeys.max} tag keys.`,
		);
	for (const key of keys) v.length(field, key, RULES.tagKey.min, RULES.tagKey.max);
}

/*
 * The listening session's configuration event (StartMedicalScribeListeningSession, the streaming
 * operation): its note template union, markdown context and channel rules.
 */

/** Template settings of a listening session: exactly one of a managed or a custom template. */
export interface NoteTemplateChoice {
	managedTemplate?: { templateType: string };
	customTemplate?: {
		templateType: string;
		templateInstructions: Array<{ sectionHeader: string; sectionInstruction: string }>;
	};
}

export function checkNoteTemplateSettings(v: ItemValidator, settings: NoteTemplateChoice): void {
	v.exactlyOne({
		managedTemplate: settings.managedTemplate,
		customTemplate: settings.customTemplate,
	});
	if (settings.managedTemplate)
		v.oneOf(
			'managedTemplate.templateType',
			settings.managedTemplate.templateType,
			MANAGED_NOTE_TEMPLATES,
		);
	const custom = settings.customTemplate;
	if (!custom) return;
	v.required(
		'customTemplate.templateType',
		custom.templateType,
		`Use one of: ${CUSTOM_TEMPLATE_BASES.join(', ')}.`,
	);
	v.oneOf('customTemplate.templateType', custom.templateType, CUSTOM_TEMPLATE_BASES);
	const sections = custom.templateInstructions ?? [];
	if (
		sections.length < RULES.templateInstructions.min ||
		sections.length > RULES.templateInstructions.max
	)
		v.fail(
			'customTemplate.templateInstructions',
			`${sections.length} sections are given`,
			'Give 1 to 20 sections, each with a header and an instruction.',
		);
	sections.forEach((section, n) => {
		const at = `customTemplate.templateInstructions[${n}]`;
		v.required(`${at}.sectionHeader`, section.sectionHeader);
		v.pattern(
			`${at}.sectionHeader`,
			section.sectionHeader,
			RULES.sectionHeader,
			'Use only letters, digits and underscores in a section header.',
		);
		v.required(`${at}.sectionInstruction`, section.sectionInstruction);
		checkMarkdown(v, `${at}.sectionInstruction`, section.sectionInstruction);
	});
}

/** Unstructured context and section instructions: letters, digits, whitespace and common markdown punctuation. */
export function checkMarkdown(v: ItemValidator, field: string, value: string | undefined): void {
	v.pattern(
		field,
		value,
		RULES.markdown,
		'Use letters, digits, spaces and the punctuation * _ - # [ ] ( ) . , : ; ! ? \' " ` < > ~ / | + = & % @ \\ { } ^ only.',
	);
}

/** Channel definitions of a listening session: none, or exactly two with channel IDs 0 and 1. */
export function checkChannelDefinitions(
	v: ItemValidator,
	channels: Array<{ channelId: number; participantRole: string }> | undefined,
): void {
	if (channels === undefined) return;
	const field = 'channelDefinitions';
	if (channels.length !== 2)
		v.fail(
			field,
			`${channels.length} channels are defined`,
			'Define exactly two channels (0 and 1), or none to let the service tell speakers apart.',
		);
	channels.forEach((channel, n) => {
		v.integer(`${field}[${n}].channelId`, channel.channelId);
		v.range(`${field}[${n}].channelId`, channel.channelId, 0, 1);
		v.oneOf(`${field}[${n}].participantRole`, channel.participantRole, PARTICIPANT_ROLES);
	});
	if (channels[0].channelId === channels[1].channelId)
		v.fail(
			field,
			'both channels have the same ID',
			'Use channel 0 for one participant and channel 1 for the other.',
		);
}
