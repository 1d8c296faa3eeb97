import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The EHR's FHIR server and the OAuth bearer token Amazon Connect Health presents to it when a
 * Patient Insights job reads the patient's record (StartPatientInsightsJob `inputDataConfig.fhirServer`:
 * `fhirEndpoint` + sensitive `oauthToken`). Kept in a credential so the token is encrypted by n8n,
 * never stored in the workflow, and never copied into items, errors or logs. The nodes send it only
 * in that request body, over AWS's TLS; n8n itself never calls the FHIR server, so its test (the
 * Amazon Connect Health node's) checks the values and contacts nothing.
 */
export class ConnectHealthFhirApi implements ICredentialType {
	name = 'connectHealthFhirApi';

	displayName = 'Connect Health EHR (FHIR) API';

	icon: Icon = { light: 'file:icons/aws.svg', dark: 'file:icons/aws.dark.svg' };

	documentationUrl =
		'https://github.com/clinical-scribe/n8n-nodes-clinical-scribe#connect-health-ehr-fhir-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'FHIR Server Endpoint',
			name: 'fhirEndpoint',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://ehr.example.org/fhir/r4',
			description:
				'Base URL of the FHIR server Connect Health reads the patient’s record from. The token below is only ever sent for this server.',
		},
		{
			displayName: 'OAuth Token',
			name: 'oauthToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Bearer token Connect Health presents to the FHIR server (never shown in errors, output or logs)',
		},
	];
}
