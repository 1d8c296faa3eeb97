import { defineResource } from '../operation';
import { linkSessions } from './linkSessions';
import { setClinicianNotes } from './setClinicianNotes';
import { uploadDocument } from './uploadDocument';

export const context = defineResource('context', 'Context', [setClinicianNotes, linkSessions, uploadDocument]);
