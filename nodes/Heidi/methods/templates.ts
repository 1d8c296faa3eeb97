import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listTemplates, type TemplateKind } from '../transport/api';

async function templateOptions(
	context: ILoadOptionsFunctions,
	kind: TemplateKind,
): Promise<INodePropertyOptions[]> {
	const templates = await listTemplates(context, kind);
	return templates
		.filter((t) => typeof t.id === 'string' || typeof t.id === 'number')
		.map((t) => ({
			name: String(t.name ?? t.id),
			value: String(t.id),
			description: [t.template_category, t.author_name ? `by ${String(t.author_name)}` : undefined]
				.filter(Boolean)
				.join(' '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** loadOptions: the consult-note templates the user can generate with. */
export async function getConsultNoteTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await templateOptions(this, 'consultNote');
}

/** loadOptions: the document templates (letters, handouts). */
export async function getDocumentTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await templateOptions(this, 'document');
}
