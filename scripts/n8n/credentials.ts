/**
 * n8n credentials pointing at the sandbox (and the local SMTP catcher), with the fixed ids the
 * example workflows reference.
 */
import type { Sandbox } from '../../sandbox';
import type { CredentialImport } from './cli';

export const CREDENTIALS = {
	aws: { id: 'csSandboxAws', name: 'AWS Clinical Services (sandbox)', type: 'awsClinicalApi' },
	heidi: { id: 'csSandboxHeidi', name: 'Heidi API (sandbox)', type: 'heidiApi' },
	smtp: { id: 'csLocalSmtp', name: 'SMTP (local mail catcher)', type: 'smtp' },
} as const;

export function sandboxCredentials(
	sandbox: Pick<Sandbox, 'urls' | 'credentials'>,
	smtpPort: number,
): CredentialImport[] {
	const { urls, credentials } = sandbox;
	return [
		{
			...CREDENTIALS.aws,
			data: {
				region: credentials.aws.region,
				authentication: 'accessKeys',
				accessKeyId: credentials.aws.accessKeyId,
				secretAccessKey: credentials.aws.secretAccessKey,
				customEndpoints: true,
				transcribeEndpoint: urls.transcribe,
				connectHealthEndpoint: urls.connectHealth,
				connectHealthHostPrefix: false,
				s3Endpoint: urls.s3,
				stsEndpoint: urls.sts,
			},
		},
		{
			...CREDENTIALS.heidi,
			data: {
				apiKey: credentials.heidi.apiKey,
				environment: 'custom',
				baseUrl: urls.heidi,
				email: credentials.heidi.email,
				userId: credentials.heidi.userId,
			},
		},
		{
			...CREDENTIALS.smtp,
			data: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: smtpPort,
				secure: false,
				disableStartTls: true,
			},
		},
	];
}
