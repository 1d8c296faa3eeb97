import type {
	DeleteMedicalScribeJobCommandOutput,
	GetMedicalScribeJobCommandOutput,
	ListMedicalScribeJobsCommandInput,
	ListMedicalScribeJobsCommandOutput,
	StartMedicalScribeJobCommandInput,
	StartMedicalScribeJobCommandOutput,
	TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { awsSession, sdkClientConfig, type AwsContext } from '../../common/aws/clients';
import { withSdkPlugins } from '../../common/aws/transport';

/** The Transcribe client of this execution (created once per credential, SDK loaded on first use). */
export async function transcribeClient(context: AwsContext): Promise<TranscribeClient> {
	const session = await awsSession(context);
	return await session.client('transcribe', async () => {
		const { TranscribeClient } = await import('@aws-sdk/client-transcribe');
		return withSdkPlugins(new TranscribeClient(sdkClientConfig(session, 'transcribeEndpoint')));
	});
}

export async function startJob(
	context: AwsContext,
	input: StartMedicalScribeJobCommandInput,
): Promise<StartMedicalScribeJobCommandOutput> {
	const [client, { StartMedicalScribeJobCommand }] = await Promise.all([
		transcribeClient(context),
		import('@aws-sdk/client-transcribe'),
	]);
	return await client.send(new StartMedicalScribeJobCommand(input));
}

export async function getJob(
	context: AwsContext,
	name: string,
): Promise<GetMedicalScribeJobCommandOutput> {
	const [client, { GetMedicalScribeJobCommand }] = await Promise.all([
		transcribeClient(context),
		import('@aws-sdk/client-transcribe'),
	]);
	return await client.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }));
}

export async function deleteJob(
	context: AwsContext,
	name: string,
): Promise<DeleteMedicalScribeJobCommandOutput> {
	const [client, { DeleteMedicalScribeJobCommand }] = await Promise.all([
		transcribeClient(context),
		import('@aws-sdk/client-transcribe'),
	]);
	return await client.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: name }));
}

/** One page of ListMedicalScribeJobs (newest creation first). */
export async function listJobsPage(
	context: AwsContext,
	input: ListMedicalScribeJobsCommandInput,
): Promise<ListMedicalScribeJobsCommandOutput> {
	const [client, { ListMedicalScribeJobsCommand }] = await Promise.all([
		transcribeClient(context),
		import('@aws-sdk/client-transcribe'),
	]);
	return await client.send(new ListMedicalScribeJobsCommand(input));
}

/** Pages of ListMedicalScribeJobs through the SDK paginator; `pageSize` goes to MaxResults (1..100). */
export async function* listJobPages(
	context: AwsContext,
	input: Omit<ListMedicalScribeJobsCommandInput, 'NextToken' | 'MaxResults'>,
	pageSize: number,
): AsyncGenerator<ListMedicalScribeJobsCommandOutput> {
	const [client, { paginateListMedicalScribeJobs }] = await Promise.all([
		transcribeClient(context),
		import('@aws-sdk/client-transcribe'),
	]);
	yield* paginateListMedicalScribeJobs(
		{ client, pageSize: Math.max(1, Math.min(100, Math.floor(pageSize))) },
		input,
	);
}

/** Whether an AWS SDK error is of the named type (e.g. ConflictException). */
export function isAwsError(error: unknown, name: string): boolean {
	return (error as { name?: string } | undefined)?.name === name;
}
