import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode } from 'n8n-workflow';
import { runWorkflow, type WorkflowJson } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox } from './helpers';

const EXAMPLE = path.join(__dirname, '../../../examples/08-healthscribe-vocabulary.json');

/**
 * The example workflow's own HealthScribe nodes, run in-process: the schedule and the two Set nodes
 * (n8n-nodes-base, not loaded here) are replaced by pass-through nodes fed with what they would output.
 */
function exampleWithStandIns(): { workflow: WorkflowJson; input: Record<string, unknown> } {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
		nodes: Array<INode & { parameters: any }>;
		connections: WorkflowJson['connections'];
	};
	const settings = example.nodes.find((n) => n.name === 'Clinic Settings')!;
	const sheet = example.nodes.find((n) => n.name === 'Clinic Terms Sheet')!;
	const values = Object.fromEntries(
		settings.parameters.assignments.assignments.map((a: { name: string; value: string }) => [
			a.name,
			a.value,
		]),
	);
	const table = JSON.parse(sheet.parameters.jsonOutput) as { data: unknown[] };
	const nodes = example.nodes
		.filter((n) => !['Every Evening', 'Run Now'].includes(n.name))
		.map((n) =>
			n.type === 'n8n-nodes-base.set'
				? { ...n, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }
				: n,
		)
		.map(({ credentials: _credentials, ...n }) => n as INode);
	return { workflow: { nodes, connections: example.connections }, input: { ...values, ...table } };
}

describe('examples/08-healthscribe-vocabulary.json', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
	});
	afterAll(async () => await sandbox.stop());

	it('builds the vocabulary from the sheet, waits until READY and runs the day’s recordings with it; a second run updates it', async () => {
		const { workflow, input } = exampleWithStandIns();
		const first = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox),
			startNode: 'Clinic Settings',
			input: [{ json: input as never }],
		});
		expect(first.error).toBeUndefined();
		expect(first.outputs['Vocabulary: Build and Wait Until Ready'][0].json).toMatchObject({
			VocabularyName: 'clinic-terms',
			VocabularyState: 'READY',
			EntryCount: 5,
		});
		const jobs = first.outputs['HealthScribe: Start With Vocabulary and Wait'];
		expect(jobs).toHaveLength(sandbox.seededRecordings.length);
		expect(
			jobs.every(
				(j) =>
					j.json.MedicalScribeJobStatus === 'COMPLETED' &&
					Object.keys((j.json.note as { sections: Record<string, string> }).sections).length > 0,
			),
		).toBe(true);
		const starts = sandbox.log.entries({ target: 'StartMedicalScribeJob' });
		expect(
			starts.every(
				(s) =>
					(s.body as { Settings: { VocabularyName?: string } }).Settings.VocabularyName ===
					'clinic-terms',
			),
		).toBe(true);

		const since = sandbox.log.entries().at(-1)!.seq;
		const second = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox),
			startNode: 'Clinic Settings',
			input: [{ json: input as never }],
		});
		expect(second.error).toBeUndefined();
		expect(sandbox.log.entries({ since, target: 'UpdateVocabulary' })).toHaveLength(1);
	});
});
