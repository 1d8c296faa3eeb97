import { defineNode } from '../../common/operation';
import { account } from './account';
import { askHeidi } from './askHeidi';
import { clinicalCode } from './clinicalCode';
import { consultNote } from './consultNote';
import { context } from './context';
import { document } from './document';
import { patientProfile } from './patientProfile';
import { session } from './session';
import { template } from './template';
import { transcription } from './transcription';

export const heidi = defineNode(
	[
		session,
		patientProfile,
		transcription,
		consultNote,
		template,
		document,
		context,
		clinicalCode,
		askHeidi,
		account,
	],
	{
		default: 'session',
		description:
			'What to work with. Every request acts as the clinician set in the Heidi credential, so sessions, notes and templates are that clinician’s.',
	},
);
