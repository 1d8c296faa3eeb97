import '../../harness/env';
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ILoadOptionsFunctions,
	type INode,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { heidiCredentials } from '../../harness';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import { loadPackage } from '../../harness/nodeTypes';
import { heidiRequests, heidiSandbox, HP_TEMPLATE, lastSeq } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await heidiSandbox()));
afterAll(async () => await sandbox.stop());

/** Calls a loadOptions method of the built Heidi node the way the editor does. */
async function loadOptions(method: string) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const node: INode = {
		id: 'n',
		name: 'Heidi',
		type: 'n8n-nodes-clinical-scribe.heidi',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'consultNote', operation: 'generate' },
		credentials: { heidiApi: { id: 'heidiApi', name: 'heidiApi' } },
	};
	const workflow = new Workflow({
		id: 'w',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, {
		heidiApi: heidiCredentials(sandbox),
	});
	const additionalData = { credentialsHelper } as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.templateId');
	const type = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	const fn = type.methods!.loadOptions![method];
	return await fn.call(context as unknown as ILoadOptionsFunctions);
}

test('template dropdowns list the account’s templates', async () => {
	const since = lastSeq(sandbox);
	const consult = await loadOptions('getConsultNoteTemplates');
	expect(consult).toContainEqual({
		name: 'H & P',
		value: HP_TEMPLATE,
		description: 'CONSULT_NOTE_TEMPLATE by Heidi',
	});
	expect(consult.map((o) => o.name)).toEqual(
		[...consult.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
	);
	const documents = await loadOptions('getDocumentTemplates');
	expect(documents.map((o) => o.name)).toEqual(
		expect.arrayContaining(['Referral Letter', 'Patient Summary Letter']),
	);
	expect(heidiRequests(sandbox, since).map((r) => r.route)).toEqual([
		'GET /jwt',
		'GET /templates/consult-note-templates',
		'GET /jwt',
		'GET /templates/document-templates',
	]);
});
