import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { uploadContextDocument } from '../../transport/api';
import { readContextFile } from '../binary';
import { readSessionId } from '../ids';
import { binaryPropertyProperty, sessionIdProperty } from '../properties';
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const uploadDocument: Operation<'uploadDocument'> = {
	option: {
		name: 'Upload Document',
		value: 'uploadDocument',
		action: 'Upload a context document',
		description:
			'Attach a referral, letter or results (.pdf, .jpg, .png, .docx, .doc) for Heidi to use as context',
	},
	description: [
		sessionIdProperty(),
		binaryPropertyProperty('The document (.pdf, .jpg, .png, .docx or .doc)'),
		{
			displayName: 'Document Name',
			name: 'documentName',
			type: 'string',
			default: '',
			description: 'The name Heidi shows for the document; the file name when left blank',
		},
		{
			displayName: 'Document Date',
			name: 'documentDate',
			type: 'string',
			default: '',
			placeholder: '2025-03-01',
			description: 'Date of the document (YYYY-MM-DD)',
		},
		{
			displayName: 'Additional Context',
			name: 'additionalContext',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'What the document is, for Heidi',
		},
	],
	options: [
		{
			displayName: 'Additional Context Key',
			name: 'additionalContextKey',
			type: 'string',
			default: 'additional_context',
			description:
				'Leave as is. Only if Heidi ignores the Additional Context you send: ask Heidi support which field name your account expects, and enter it here.',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name to send instead of the binary’s own (its extension decides the type)',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const options = readOptions(this, i);
		const date = p.date('Document Date', p.raw('documentDate', ''), '2025-03-01');
		const key =
			p.text('Additional Context Key', options.additionalContextKey) || 'additional_context';
		p.pattern(
			'Additional Context Key',
			key,
			/^[A-Za-z_][A-Za-z0-9_]*$/,
			'Use a field name such as additional_context.',
		);
		const name = p.string('documentName', 'Document Name');
		const context = p.string('additionalContext', 'Additional Context');
		const file = await readContextFile(this, i, p.optionalText('File Name', options.fileName));
		const meta: IDataObject = { name: name || file.fileName };
		if (date) meta.date = date;
		if (context) meta[key] = context;
		return jsonItems(
			{ session_id: sessionId, ...(await uploadContextDocument(this, sessionId, file, meta, i)) },
			i,
		);
	},
};
