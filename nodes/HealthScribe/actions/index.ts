import { defineNode } from '../../common/operation';
import { medicalScribeJob } from './medicalScribeJob';
import { medicalScribeStream } from './medicalScribeStream';
import { recording } from './recording';
import { tag } from './tag';
import { vocabulary } from './vocabulary';
import { vocabularyFilter } from './vocabularyFilter';

export const healthScribe = defineNode(
	[medicalScribeJob, medicalScribeStream, recording, vocabulary, vocabularyFilter, tag],
	{
		default: 'medicalScribeJob',
		description:
			'What to work with: a medical scribe job turns one consultation recording into a transcript and a clinical note',
	},
);
