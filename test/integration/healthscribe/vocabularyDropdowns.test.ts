import '../../harness/env';
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ILoadOptionsFunctions,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { runNode } from '../../harness';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import { loadPackage } from '../../harness/nodeTypes';
import { credentialsFor, healthScribeSandbox, MEDIA_BUCKET, NODE } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	// Processing takes an hour of sandbox time: only advance() makes a vocabulary READY.
	sandbox = await healthScribeSandbox({ transcribe: { vocabularyProcessingMs: 3_600_000 } });
	const run = (parameters: INodeParameters) =>
		runNode(NODE, parameters, { credentials: credentialsFor(sandbox) });
	await run({
		resource: 'vocabulary',
		operation: 'create',
		vocabularyName: 'cardio-terms',
		vocabularySource: 'phrases',
		vocabularyPhrases: 'Metoprolol',
	});
	await run({
		resource: 'vocabulary',
		operation: 'create',
		vocabularyName: 'ortho-terms',
		vocabularySource: 'phrases',
		vocabularyPhrases: 'Arthroplasty',
	});
	await run({
		resource: 'vocabulary',
		operation: 'create',
		vocabularyType: 'medical',
		vocabularyName: 'ward-med',
		vocabularySource: 'phrases',
		vocabularyPhrases: 'Heparin',
		vocabularyUploadBucket: MEDIA_BUCKET,
	});
	sandbox.clock.advance(3_600_000);
	await run({
		resource: 'vocabulary',
		operation: 'create',
		vocabularyName: 'still-pending',
		vocabularySource: 'phrases',
		vocabularyPhrases: 'Warfarin',
	});
	await run({
		resource: 'vocabularyFilter',
		operation: 'create',
		filterName: 'clinic-filter',
		filterSource: 'words',
		filterWords: 'darn',
	});
});
afterAll(async () => await sandbox.stop());

/** A context for the built node's dropdown methods, as the editor creates one. */
async function methodsFor(parameters: INode['parameters'], path: string) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const node: INode = {
		id: 'n',
		name: 'AWS HealthScribe',
		type: `n8n-nodes-clinical-scribe.${NODE}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { awsClinicalApi: { id: 'awsClinicalApi', name: 'awsClinicalApi' } },
	};
	const workflow = new Workflow({
		id: 'w',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, credentialsFor(sandbox));
	const context = new LoadOptionsContext(
		workflow,
		node,
		{
			credentialsHelper,
			currentNodeParameters: parameters,
		} as unknown as IWorkflowExecuteAdditionalData,
		path,
	) as unknown as ILoadOptionsFunctions;
	const type = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	return { context, methods: type.methods! };
}

test('the Vocabulary locator lists the chosen type, filtered by the typed text', async () => {
	const standard = await methodsFor(
		{ resource: 'vocabulary', operation: 'get', vocabularyType: 'standard' },
		'parameters.vocabulary',
	);
	const all = await standard.methods.listSearch!.searchVocabularies.call(standard.context);
	expect(all.results.map((r) => r.value).sort()).toEqual([
		'cardio-terms',
		'ortho-terms',
		'still-pending',
	]);
	expect(all.results.find((r) => r.value === 'still-pending')!.name).toBe(
		'still-pending (pending)',
	);
	const since = sandbox.log.entries().at(-1)?.seq ?? 0;
	const filtered = await standard.methods.listSearch!.searchVocabularies.call(
		standard.context,
		'CARDIO',
	);
	expect(filtered.results.map((r) => r.value)).toEqual(['cardio-terms']);
	expect(sandbox.log.entries({ since, target: 'ListVocabularies' })[0].body).toEqual({
		NameContains: 'CARDIO',
		MaxResults: 100,
	});
	const medical = await methodsFor(
		{ resource: 'vocabulary', operation: 'get', vocabularyType: 'medical' },
		'parameters.vocabulary',
	);
	expect(
		(await medical.methods.listSearch!.searchVocabularies.call(medical.context)).results.map(
			(r) => r.value,
		),
	).toEqual(['ward-med']);
	expect(
		(
			await medical.methods.listSearch!.searchVocabularies.call(
				medical.context,
				'no spaces allowed',
			)
		).results,
	).toEqual([]);
});

test('Start’s dropdowns offer READY vocabularies of both kinds, labelled, and the vocabulary filters', async () => {
	const start = await methodsFor(
		{ resource: 'medicalScribeJob', operation: 'start' },
		'parameters.additionalFields.vocabularyName',
	);
	const vocabularies = await start.methods.loadOptions!.getVocabularies.call(start.context);
	expect(vocabularies).toEqual([
		{ name: 'cardio-terms', value: 'cardio-terms', description: 'READY custom vocabulary' },
		{ name: 'ortho-terms', value: 'ortho-terms', description: 'READY custom vocabulary' },
		{ name: 'ward-med', value: 'ward-med', description: 'READY medical vocabulary' },
	]);
	const filters = await start.methods.loadOptions!.getVocabularyFilters.call(start.context);
	expect(filters).toEqual([{ name: 'clinic-filter', value: 'clinic-filter' }]);
	const locator = await start.methods.listSearch!.searchVocabularyFilters.call(
		start.context,
		'clinic',
	);
	expect(locator.results).toEqual([{ name: 'clinic-filter', value: 'clinic-filter' }]);
});
