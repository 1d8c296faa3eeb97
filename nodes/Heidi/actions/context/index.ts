import { defineResource } from '../../../common/operation';
import { getDocuments } from './getDocuments';
import { linkSessions } from './linkSessions';
import { setClinicianNotes } from './setClinicianNotes';
import { uploadDocument } from './uploadDocument';

export const context = defineResource(
	{ value: 'context', name: 'Context', default: 'linkSessions' },
	{ setClinicianNotes, linkSessions, uploadDocument, getDocuments },
);
