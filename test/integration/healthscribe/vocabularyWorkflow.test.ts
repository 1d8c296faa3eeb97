import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	startParameters,
} from './helpers';

const node = (name: string, x: number, parameters: INodeParameters) => ({
	id: name,
	name,
	type: `n8n-nodes-clinical-scribe.${NODE}`,
	typeVersion: 1,
	position: [x, 0] as [number, number],
	parameters,
});

describe('AWS HealthScribe: vocabulary from a table → ready → used by a job → note', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
	});
	afterAll(async () => await sandbox.stop());

	it('creates a vocabulary, waits until READY, starts a job that uses it and gets the clinical note', async () => {
		const vocabulary = node('Vocabulary', 0, {
			resource: 'vocabulary',
			operation: 'create',
			vocabularyName: 'clinic-terms',
			vocabularySource: 'table',
			vocabularyTableField: 'data',
			vocabularyUploadBucket: MEDIA_BUCKET,
			waitForCompletion: true,
		});
		const start = node(
			'Start',
			300,
			startParameters(sandbox, {
				jobNameMode: 'custom',
				jobName: 'visit-with-vocabulary',
				mediaSource: 's3',
				mediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[0]}`,
				additionalFields: { vocabularyName: '={{ $json.VocabularyName }}' },
				waitForCompletion: true,
				maxWaitMinutes: 5,
				includeOutputs: 'encounterNote',
			}),
		);
		const rows = [
			{ Phrase: 'Amoxicillin', 'Sounds Like': 'am-ox-i-sil-in' },
			{ Phrase: 'Dr.-Okafor', 'Display As': 'Dr. Okafor' },
			{ Phrase: 'Metoprolol' },
		];
		const { outputs, error } = await runWorkflow(
			{
				nodes: [vocabulary, start],
				connections: { Vocabulary: { main: [[{ node: 'Start', type: 'main', index: 0 }]] } },
			},
			{
				credentials: credentialsFor(sandbox),
				startNode: 'Vocabulary',
				input: [{ json: { data: rows } }],
			},
		);
		expect(error).toBeUndefined();
		expect(outputs.Vocabulary[0].json).toMatchObject({
			VocabularyName: 'clinic-terms',
			VocabularyState: 'READY',
		});
		const [startCall] = sandbox.log.entries({ target: 'StartMedicalScribeJob' });
		expect((startCall.body as { Settings: Record<string, unknown> }).Settings).toMatchObject({
			VocabularyName: 'clinic-terms',
		});
		// The job was started only after the vocabulary was READY: the last Get before Start saw READY.
		const lastGet = sandbox.log
			.entries({ target: 'GetVocabulary' })
			.filter((e) => e.seq < startCall.seq)
			.at(-1)!;
		expect(lastGet.status).toBe(200);
		const [item] = outputs.Start;
		expect(item.json.MedicalScribeJobStatus).toBe('COMPLETED');
		const note = item.json.note as {
			sections: Array<{ name: string; text: string }>;
			markdown: string;
		};
		expect(note.sections.length).toBeGreaterThan(2);
		expect(note.markdown).toEqual(expect.any(String));
	});
});
