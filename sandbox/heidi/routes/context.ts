import { objectId } from '../ids';
import { contextDocumentStatus } from '../model/context';
import { ownedSession, touch } from '../model/session';
import { readForm } from '../multipart';
import type { Route } from '../router';
import type { ContextDocument, World } from '../state';
import { ServiceError, heidiTimestamp, invalid, ok } from '../wire';

const ALLOWED = /\.(pdf|jpg|png|docx|doc)$/i;

/**
 * `meta_data` is a JSON string with `name`, `date` and an additional-context field whose exact
 * name the docs cut off (https://www.heidihealth.com/developers/heidi-api/sessions/context): it is kept as sent. One object applies to every
 * file; an array pairs with the files in order.
 */
function readMeta(raw: string | undefined, count: number): Array<Record<string, unknown>> {
	if (raw === undefined || raw === '') return Array.from({ length: count }, () => ({}));
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw invalid(['body', 'meta_data'], 'meta_data must be a JSON string', 'json_invalid');
	}
	const isObject = (v: unknown): v is Record<string, unknown> =>
		!!v && typeof v === 'object' && !Array.isArray(v);
	if (isObject(parsed)) return Array.from({ length: count }, () => ({ ...parsed }));
	if (Array.isArray(parsed) && parsed.length === count && parsed.every(isObject)) return parsed;
	throw invalid(
		['body', 'meta_data'],
		'meta_data must be an object, or one object per file',
		'value_error',
	);
}

function toWire(world: World, doc: ContextDocument) {
	return {
		...doc.meta,
		id: doc.id,
		name: typeof doc.meta.name === 'string' ? doc.meta.name : doc.fileName,
		file_name: doc.fileName,
		content_type: doc.contentType,
		size: doc.size,
		status: contextDocumentStatus(world, doc),
		created_at: heidiTimestamp(doc.createdAt),
	};
}

export const contextRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/context-documents',
		guard: 'token',
		async handle(c) {
			const session = ownedSession(c);
			const form = await readForm(c.req);
			const files = form.files.filter((f) => f.field === 'context_documents');
			if (!files.length) throw invalid(['body', 'context_documents'], 'Field required', 'missing');
			const bad = files.find((f) => !ALLOWED.test(f.fileName));
			if (bad)
				throw new ServiceError(
					400,
					'UnsupportedFileTypeError',
					'Context documents must be .pdf, .jpg, .png, .docx or .doc files',
				);
			const metas = readMeta(form.fields.meta_data, files.length);
			const now = c.world.clock.now();
			const added = files.map((file, i) => ({
				id: objectId(),
				fileName: file.fileName,
				contentType: file.contentType,
				size: file.data.length,
				meta: metas[i],
				createdAt: now,
			}));
			session.contextDocuments.push(...added);
			touch(c.world, session);
			return ok({ context_documents: added.map((d) => toWire(c.world, d)) });
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/{session_id}/context-documents',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			return ok({ context_documents: session.contextDocuments.map((d) => toWire(c.world, d)) });
		},
	},
	{
		method: 'DELETE',
		pattern: '/sessions/{session_id}/context-documents',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			// `?ids=a,b` or `?ids=a&ids=b` (only a third-party API profile describes this call).
			const ids = new Set(
				c.req.query
					.getAll('ids')
					.flatMap((v) => v.split(','))
					.filter(Boolean),
			);
			if (!ids.size) throw invalid(['query', 'ids'], 'Field required', 'missing');
			const before = session.contextDocuments.length;
			session.contextDocuments = session.contextDocuments.filter((d) => !ids.has(d.id));
			if (session.contextDocuments.length !== before) touch(c.world, session);
			return ok({ is_success: true });
		},
	},
];
