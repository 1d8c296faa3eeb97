import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	NODE,
	recordingItem,
	startParameters,
} from './helpers';

describe('AWS HealthScribe: Wait for Completion reaching its cap', () => {
	let sandbox: Sandbox;
	// Sandbox time stands still: the job stays QUEUED however long the machine takes.
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
	});
	afterAll(async () => await sandbox.stop());

	it('returns the job as it stands when asked to', async () => {
		const { items, error } = await runNode(
			NODE,
			startParameters(sandbox, {
				waitForCompletion: true,
				maxWaitMinutes: 0,
				onTimeout: 'returnJob',
			}),
			{
				credentials: credentialsFor(sandbox),
				input: [recordingItem(0)],
			},
		);
		expect(error).toBeUndefined();
		expect(items[0].json.MedicalScribeJobStatus).toBe('QUEUED');
		expect(sandbox.log.entries({ target: 'Transcribe.GetMedicalScribeJob' } as never)).toHaveLength(
			1,
		);
	});

	it('fails the item with a way forward otherwise', async () => {
		const { items } = await runNode(
			NODE,
			startParameters(sandbox, { waitForCompletion: true, maxWaitMinutes: 0, onTimeout: 'error' }),
			{
				credentials: credentialsFor(sandbox),
				input: [recordingItem(1)],
				continueOnFail: true,
			},
		);
		expect(items[0].json.error).toBe('The HealthScribe job is still QUEUED after the maximum wait');
		expect(items[0].json.description).toMatch(/Max Wait \(Minutes\)/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
