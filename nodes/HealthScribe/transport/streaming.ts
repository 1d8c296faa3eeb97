import type {
	GetMedicalScribeStreamCommandOutput,
	MedicalScribeInputStream,
	StartMedicalScribeStreamCommandInput,
	StartMedicalScribeStreamCommandOutput,
	TranscribeStreamingClient,
} from '@aws-sdk/client-transcribe-streaming';
import { awsSession, sdkClientConfig, type AwsContext } from '../../common/aws/clients';
import { withSdkPlugins } from '../../common/aws/transport';

/**
 * The Transcribe Streaming client of this execution (AWS HealthScribe streaming). The SDK signs the
 * request and every event of the stream itself. It needs HTTP/2: the request handler is the SDK's
 * NodeHttp2Handler, whose request timeout is an inactivity timeout on the stream (no byte either
 * way for that long fails it). The credential's Transcribe endpoint override, when set, serves
 * streaming too; otherwise the SDK's transcribestreaming.<region> endpoint is used.
 */
export async function transcribeStreamingClient(
	context: AwsContext,
): Promise<TranscribeStreamingClient> {
	const session = await awsSession(context);
	return await session.client('transcribeStreaming', async () => {
		const { TranscribeStreamingClient } = await import('@aws-sdk/client-transcribe-streaming');
		const config = sdkClientConfig(session, 'transcribeEndpoint');
		return withSdkPlugins(
			new TranscribeStreamingClient({
				...config,
				requestHandler: {
					requestTimeout: session.settings.requestTimeoutMs,
					disableConcurrentStreams: true,
				},
			}),
		);
	});
}

/** StartMedicalScribeStream: resolves once the service answered; the results arrive on `ResultStream`. */
export async function startScribeStream(
	context: AwsContext,
	input: Omit<StartMedicalScribeStreamCommandInput, 'InputStream'> & {
		InputStream: AsyncIterable<MedicalScribeInputStream>;
	},
	abortSignal: AbortSignal,
): Promise<StartMedicalScribeStreamCommandOutput> {
	const [client, { StartMedicalScribeStreamCommand }] = await Promise.all([
		transcribeStreamingClient(context),
		import('@aws-sdk/client-transcribe-streaming'),
	]);
	return await client.send(new StartMedicalScribeStreamCommand(input), { abortSignal });
}

export async function getScribeStream(
	context: AwsContext,
	sessionId: string,
): Promise<GetMedicalScribeStreamCommandOutput> {
	const [client, { GetMedicalScribeStreamCommand }] = await Promise.all([
		transcribeStreamingClient(context),
		import('@aws-sdk/client-transcribe-streaming'),
	]);
	return await client.send(new GetMedicalScribeStreamCommand({ SessionId: sessionId }));
}
