import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { startSandbox, type LogEntry, type Sandbox } from '../../../sandbox';
import type { HeidiEmulatorOptions } from '../../../sandbox/heidi';
import { credentialUpdates, heidiCredentials, runNode } from '../../harness';

export const HP_TEMPLATE = '659b8042fe093d6592b41ef7';
export const BASE_PATH = '/api/v2/ml-scribe/open-api';

export async function heidiSandbox(heidi: HeidiEmulatorOptions = {}): Promise<Sandbox> {
	return await startSandbox({
		ports: 0,
		seed: false,
		heidi: { streamChunkDelayMs: 1, transcriptionDelayMs: 20, ...heidi },
	});
}

/** Runs the Heidi node with credentials that carry over between runs, like n8n's stored credential. */
export class HeidiRunner {
	credentials: ICredentialDataDecryptedObject;

	/** Token exchanges (pre-authentication write-backs) over all runs. */
	exchanges = 0;

	constructor(sandbox: Sandbox) {
		this.credentials = heidiCredentials(sandbox);
	}

	async run(
		parameters: INodeParameters,
		input: INodeExecutionData[] = [{ json: {} }],
		continueOnFail = false,
	) {
		const result = await runNode('heidi', parameters, {
			credentials: { heidiApi: this.credentials },
			input,
			continueOnFail,
		});
		this.exchanges += credentialUpdates.length;
		const last = credentialUpdates[credentialUpdates.length - 1];
		if (last) this.credentials = last.data;
		return result;
	}
}

/** Heidi requests the sandbox logged after `since`, with the base path cut off. */
export function heidiRequests(sandbox: Sandbox, since = 0): Array<LogEntry & { route: string }> {
	return sandbox.log
		.entries({ service: 'heidi', since })
		.map((e) => ({ ...e, route: `${e.method} ${e.path.replace(BASE_PATH, '')}` }));
}

export const lastSeq = (sandbox: Sandbox): number => sandbox.log.entries().at(-1)?.seq ?? 0;

export const json = (items: INodeExecutionData[]): IDataObject[] => items.map((i) => i.json);

/** An input item carrying a (fake) audio file; the file name picks the sandbox's synthetic encounter. */
export function audioItem(
	fileName = 'visit.mp3',
	mimeType = 'audio/mpeg',
	extra: IDataObject = {},
): INodeExecutionData {
	const bytes = Buffer.from('ID3 synthetic audio bytes, not speech');
	return { json: extra, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } };
}
