/**
 * Heidi's enums (https://www.heidihealth.com/developers/heidi-api/consult-notes), their option
 * lists and the help texts of the fields that use them, shared by the operations that send them.
 */

export const VOICE_STYLES = [
	'GOLDILOCKS',
	'DETAILED',
	'BRIEF',
	'SUPER_DETAILED',
	'MY_VOICE',
] as const;
export const BRAINS = ['LEFT', 'RIGHT'] as const;
export const CONTENT_TYPES = ['MARKDOWN', 'HTML'] as const;
export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;

export const voiceStyleOptions = [
	{ name: 'Brief', value: 'BRIEF', description: 'Short: the key points only' },
	{ name: 'Detailed', value: 'DETAILED', description: 'More detail than Goldilocks' },
	{
		name: 'Goldilocks (Balanced)',
		value: 'GOLDILOCKS',
		description: 'Neither too short nor too long',
	},
	{
		name: 'My Voice',
		value: 'MY_VOICE',
		description:
			'Writes like the clinician’s own notes, once the clinician has set this up in Heidi',
	},
	{ name: 'Super Detailed', value: 'SUPER_DETAILED', description: 'The most detail' },
];

export const brainOptions = [
	{ name: 'Left', value: 'LEFT', description: 'Heidi’s default' },
	{ name: 'Right', value: 'RIGHT', description: 'Heidi’s other writing engine' },
];

/** Help for the "Voice Style" field, wherever it appears. */
export const VOICE_STYLE_HELP =
	'How long and detailed Heidi writes: from Brief (key points only) to Super Detailed; Goldilocks is the balanced middle. My Voice imitates the clinician’s own writing style, once set up in Heidi.';

/** Help for the "Brain" field, wherever it appears. */
export const BRAIN_HELP =
	'Which of Heidi’s two AI writing engines writes the text. Heidi’s API names them Left (its default) and Right without saying how they differ: keep Left unless Heidi advises otherwise, or compare both on a test session.';

export const contentTypeOptions = [
	{ name: 'HTML', value: 'HTML' },
	{ name: 'Markdown', value: 'MARKDOWN' },
];

export const genderOptions = [
	{ name: 'Female', value: 'FEMALE' },
	{ name: 'Male', value: 'MALE' },
	{ name: 'Other', value: 'OTHER' },
];
