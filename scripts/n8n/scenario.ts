/**
 * What running the examples against the sandbox means, example by example: which node types poll
 * what, the events the triggers must see (the action examples' results plus what happens "in the
 * vendor's app"), how an emitted item names its event, and a one-line summary of each result.
 */
import type { LogEntry, Sandbox } from '../../sandbox';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health/seed';
import { expandDateTokens } from '../../nodes/common/datePrefix';
import { nodeItems, nodeOutputs, runError, type Json, type RunData } from './runData';

const PACKAGE = 'n8n-nodes-clinical-scribe';

/** The dated output location examples 06 (trigger) and 07 (Start) share; the clinic starts every session with it (the demo's too). */
export const CONNECT_HEALTH_OUTPUT = CONNECT_HEALTH_DEMO.outputS3Uri;

/** Heidi template of the note written "in the Heidi app" during the run (Psychology Progress Note). */
export const IN_APP_TEMPLATE_ID = '65a1c0de4b1d2e3f40a1b2c4';

interface TriggerKind {
	/** A sandbox request this trigger makes on every poll. */
	isPoll(entry: LogEntry): boolean;
	/** The event an emitted item stands for. */
	eventKey(item: Json): string;
}

export const TRIGGER_KINDS: Record<string, TriggerKind> = {
	[`${PACKAGE}.awsHealthScribeTrigger`]: {
		isPoll: (e) => e.service === 'transcribe' && e.target === 'Transcribe.ListMedicalScribeJobs',
		eventKey: (item) => String(item.MedicalScribeJobName),
	},
	[`${PACKAGE}.heidiTrigger`]: {
		isPoll: (e) =>
			e.service === 'heidi' && e.method === 'GET' && e.path.endsWith('/sessions/linked-user'),
		eventKey: (item) => String(item.session_id),
	},
	[`${PACKAGE}.amazonConnectHealthTrigger`]: {
		isPoll: (e) => e.service === 's3' && e.method === 'GET' && 'list-type' in e.query,
		eventKey: (item) => String(item.sessionId),
	},
};

/**
 * Events made outside n8n while the triggers run: two notes finished in the Heidi app (one with a
 * psychology template, one with the clinician's own JSON template) and a Connect Health session.
 */
export interface OutsideEvents {
	heidiSessionId: string;
	heidiCustomTemplateSessionId: string;
	connectHealthSessionId: string;
}

export function makeOutsideEvents(sandbox: Sandbox): OutsideEvents {
	const heidiSessionId = sandbox.heidi.seedSession({
		encounterId: 'enc-behavioral-health-001',
		withNote: false,
	});
	sandbox.heidi.completeConsultNote(heidiSessionId, { template_id: IN_APP_TEMPLATE_ID });
	const heidiCustomTemplateSessionId = sandbox.heidi.seedSession({
		encounterId: 'enc-primary-care-001',
		withNote: false,
	});
	sandbox.heidi.completeConsultNote(heidiCustomTemplateSessionId, {
		generation_method: 'THIRD_PARTY_TEMPLATE',
		template_id: null,
		third_party_template: JSON.stringify({ 'Reason for visit': '', Plan: '' }),
	});
	const session = sandbox.connectHealth.addListeningSession({
		domainId: CONNECT_HEALTH_DEMO.domainId,
		subscriptionId: CONNECT_HEALTH_DEMO.subscriptionId,
		encounter: 'enc-primary-care-001',
		// Started today by the clinic's other app, with the clinic's output location (dated, as in 07).
		outputS3Uri: expandDateTokens(CONNECT_HEALTH_OUTPUT, Date.now()),
	});
	return {
		heidiSessionId,
		heidiCustomTemplateSessionId,
		connectHealthSessionId: session.sessionId,
	};
}

/** The events each trigger example must emit exactly once, from the action runs and the outside events. */
export function expectedEvents(
	actions: Record<string, RunData | undefined>,
	outside: OutsideEvents,
): Record<string, string[]> {
	return {
		csExHsFhir: [
			...nodeItems(actions.csExHsBatch, 'HealthScribe: Start and Wait'),
			...nodeItems(actions.csExHsVocabulary, 'HealthScribe: Start With Vocabulary and Wait'),
		].map((item) => String(item.MedicalScribeJobName)),
		csExHeidiRoute: [
			...nodeItems(actions.csExHeidiNote, 'Heidi: Upload Recording').map((item) =>
				String(item.session_id),
			),
			outside.heidiSessionId,
			outside.heidiCustomTemplateSessionId,
		],
		csExChNotes: [
			outside.connectHealthSessionId,
			...nodeItems(actions.csExChStream, 'Sessions Started').map((item) => String(item.sessionId)),
		],
	};
}

const titles = (sections: unknown): string =>
	Array.isArray(sections)
		? sections.map((s) => String((s as Json).title ?? (s as Json).name)).join(', ')
		: '(no sections)';

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Short human summaries of one example's result (no clinical text: ids, counts, section titles). */
export function summarize(exampleId: string, data: RunData | undefined): string[] {
	const error = runError(data);
	if (error) return [`FAILED: ${error}`];
	switch (exampleId) {
		case 'csExHsBatch': {
			const jobs = nodeItems(data, 'HealthScribe: Start and Wait');
			const mail = nodeItems(data, 'Summary Email');
			return [
				`${count(jobs.length, 'HealthScribe job')} completed, ${count(nodeItems(data, 'File the Note').length, 'note')} filed, ${nodeItems(data, 'Note Already Filed?').length} already filed earlier, ${count(mail.length, 'summary email')} sent`,
				...jobs.map(
					(job) =>
						`${String(job.MedicalScribeJobName)}: ${titles((job.note as Json | undefined)?.sections)}`,
				),
			];
		}
		case 'csExHsFhir': {
			const receipts = nodeItems(data, 'Filing Receipt');
			return [
				`${count(nodeItems(data, 'HealthScribe Job Completed').length, 'completed job')} → ${count(receipts.length, 'FHIR transaction')} filed`,
				...receipts.map(
					(r) => `${String(r.status)}: ${String(r.documentReference)}, ${String(r.composition)}`,
				),
			];
		}
		case 'csExHeidiNote': {
			const notes = nodeItems(data, 'Heidi: Consult Note');
			return [
				`${count(notes.length, 'Heidi consult note')} generated and filed`,
				...notes.map(
					(note) =>
						`session ${String(((note.source as Json | undefined)?.ids as Json | undefined)?.sessionId ?? '?')}: ${titles(note.sections)}`,
				),
			];
		}
		case 'csExHeidiRoute': {
			const [primary = [], behavioural = [], other = []] = nodeOutputs(data, 'Route by Template');
			return [
				`routed: ${primary.length} to the EHR (FHIR), ${behavioural.length} to behavioural-health records, ${other.length} to the practice manager`,
				...nodeItems(data, 'Filing Receipt').map(
					(r) => `${String(r.status)}: ${String(r.documentReference)}, ${String(r.composition)}`,
				),
			];
		}
		case 'csExChInsights': {
			const [domain] = nodeItems(data, 'Connect Health: Create Domain');
			const [subscription] = nodeItems(data, 'Connect Health: Create Subscription');
			const [brief] = nodeItems(data, 'Pre-Visit Brief');
			return [
				`domain ${String(domain?.domainId)} (${String(domain?.status)}), subscription ${String(subscription?.subscriptionId)} (${String(subscription?.status)})`,
				`pre-visit insights job ${String(brief?.jobId)}: ${Array.isArray(brief?.sections) ? brief.sections.join(', ') : '(no sections)'}`,
			];
		}
		case 'csExChNotes': {
			const sessions = nodeItems(data, 'Session Note Ready');
			return sessions.map(
				(session) =>
					`session ${String(session.sessionId)}: EncounterNote ${titles((session.note as Json | undefined)?.sections)}`,
			);
		}
		case 'csExChStream': {
			const sessions = nodeItems(data, 'Sessions Started');
			return [
				`${count(sessions.length, 'recording')} streamed into listening sessions: ${sessions.map((s) => String(s.sessionId)).join(', ')}`,
			];
		}
		case 'csExHsVocabulary': {
			const [vocabulary] = nodeItems(data, 'Vocabulary: Build and Wait Until Ready');
			const jobs = nodeItems(data, 'HealthScribe: Start With Vocabulary and Wait');
			return [
				`vocabulary ${String(vocabulary?.VocabularyName)} (${String(vocabulary?.VocabularyState)}), ${count(jobs.length, 'HealthScribe job')} completed with it`,
			];
		}
		default:
			return [];
	}
}
