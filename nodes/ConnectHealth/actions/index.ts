import { defineNode } from '../../common/operation';
import { domain } from './domain';
import { listeningSession } from './listeningSession';
import { patientInsightsJob } from './patientInsightsJob';
import { subscription } from './subscription';
import { tag } from './tag';

export const connectHealth = defineNode(
	[domain, listeningSession, patientInsightsJob, subscription, tag],
	{
		default: 'domain',
		description:
			'What to work with: listening sessions turn a recorded consultation into a clinical note; patient insights jobs summarise a patient’s record before a visit; domains and subscriptions are the Connect Health set-up they run in',
	},
);
