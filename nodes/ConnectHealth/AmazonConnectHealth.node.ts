import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { testAwsCredential } from '../common/aws/credentialTest';
import { testFhirCredential } from './actions/patientInsightsJob/fhirAccess';
import { connectHealth } from './actions';
import { searchDomains, searchSubscriptions } from './methods/listSearch';

export class AmazonConnectHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Connect Health',
		name: 'amazonConnectHealth',
		icon: { light: 'file:connectHealth.svg', dark: 'file:connectHealth.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Amazon Connect Health domains and subscriptions, run patient insights jobs, and stream recordings into medical scribe listening sessions',
		defaults: { name: 'Amazon Connect Health' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'awsClinicalApi', required: true, testedBy: 'awsClinicalApiTest' },
			// The EHR's FHIR server and OAuth token for Patient Insights: a credential, so the token is never in the workflow.
			{
				name: 'connectHealthFhirApi',
				required: false,
				testedBy: 'connectHealthFhirApiTest',
				displayOptions: connectHealth.showFor('patientInsightsJob', ['start']),
			},
		],
		properties: connectHealth.properties,
	};

	methods = {
		credentialTest: {
			awsClinicalApiTest: testAwsCredential,
			connectHealthFhirApiTest: testFhirCredential,
		},
		listSearch: { searchDomains, searchSubscriptions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await connectHealth.execute.call(this);
	}
}
