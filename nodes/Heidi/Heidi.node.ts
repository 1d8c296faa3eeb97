import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { heidi } from './actions';
import { getConsultNoteTemplates, getDocumentTemplates } from './methods/templates';

export class Heidi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Heidi',
		name: 'heidi',
		icon: { light: 'file:heidi.svg', dark: 'file:heidi.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Sessions, transcripts, consult notes and documents from the Heidi AI medical scribe',
		defaults: { name: 'Heidi' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heidiApi', required: true }],
		properties: heidi.properties,
	};

	methods = { loadOptions: { getConsultNoteTemplates, getDocumentTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await heidi.execute.call(this);
	}
}
