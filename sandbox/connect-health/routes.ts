import type { SandboxRequest, SandboxResponse } from '../core/types';
import { createDomain, deleteDomain, getDomain, listDomains } from './domains';
import { getPatientInsightsJob, startPatientInsightsJob } from './insights';
import { getMedicalScribeListeningSession, startMedicalScribeListeningSession } from './sessions';
import type { Env } from './state';
import {
	createSubscription,
	getSubscription,
	listSubscriptions,
	setSubscriptionActive,
} from './subscriptions';
import { listTagsForResource, tagResource, untagResource } from './tags';
import { serializationError, unknownOperation } from './wire';

type Run = (env: Env, req: SandboxRequest, labels: Record<string, string>) => SandboxResponse;

interface Route {
	operation: string;
	method: string;
	/** Path template segments; `{name}` is a label. */
	segments: string[];
	/** The model's @endpoint hostPrefix. */
	hostPrefix?: 'runtime' | 'streaming';
	run: Run;
}

const route = (
	operation: string,
	method: string,
	template: string,
	run: Run,
	hostPrefix?: Route['hostPrefix'],
): Route => ({
	operation,
	method,
	segments: template.split('/').slice(1),
	hostPrefix,
	run,
});

/** The 16 operations of the API reference (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_Operations.html), path for path. */
export const ROUTES: readonly Route[] = [
	route(
		'ActivateSubscription',
		'POST',
		'/domains/{domainId}/subscriptions/{subscriptionId}/activate',
		(env, _req, l) => setSubscriptionActive(env, l, true),
	),
	route('CreateDomain', 'POST', '/domain', (env, req) => createDomain(env, req)),
	route('CreateSubscription', 'POST', '/domains/{domainId}/subscriptions', (env, _req, l) =>
		createSubscription(env, l),
	),
	route(
		'DeactivateSubscription',
		'POST',
		'/domains/{domainId}/subscriptions/{subscriptionId}/deactivate',
		(env, _req, l) => setSubscriptionActive(env, l, false),
	),
	route('DeleteDomain', 'DELETE', '/domain/{domainId}', (env, _req, l) => deleteDomain(env, l)),
	route('GetDomain', 'GET', '/domain/{domainId}', (env, _req, l) => getDomain(env, l)),
	route(
		'GetMedicalScribeListeningSession',
		'GET',
		'/medical-scribe-stream/domain/{domainId}/subscription/{subscriptionId}/session/{sessionId}',
		(env, _req, l) => getMedicalScribeListeningSession(env, l),
		'streaming',
	),
	route(
		'GetPatientInsightsJob',
		'GET',
		'/domain/{domainId}/patient-insights-job/{jobId}',
		(env, _req, l) => getPatientInsightsJob(env, l),
		'runtime',
	),
	route(
		'GetSubscription',
		'GET',
		'/domains/{domainId}/subscriptions/{subscriptionId}',
		(env, _req, l) => getSubscription(env, l),
	),
	route('ListDomains', 'GET', '/domain', (env, req) => listDomains(env, req)),
	route('ListSubscriptions', 'GET', '/domains/{domainId}/subscriptions', (env, req, l) =>
		listSubscriptions(env, req, l),
	),
	route('ListTagsForResource', 'GET', '/tags/{resourceArn}', (env, _req, l) =>
		listTagsForResource(env, l),
	),
	route(
		'StartMedicalScribeListeningSession',
		'POST',
		'/medical-scribe-stream/',
		(env, req) => startMedicalScribeListeningSession(env, req),
		'streaming',
	),
	route(
		'StartPatientInsightsJob',
		'POST',
		'/domain/{domainId}/patient-insights-job',
		(env, req, l) => startPatientInsightsJob(env, req, l),
		'runtime',
	),
	route('TagResource', 'POST', '/tags/{resourceArn}', (env, req, l) => tagResource(env, req, l)),
	route('UntagResource', 'DELETE', '/tags/{resourceArn}', (env, req, l) =>
		untagResource(env, req, l),
	),
];

function decodeLabel(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw serializationError('A path label is not valid percent-encoding.');
	}
}

export interface Match {
	route: Route;
	labels: Record<string, string>;
}

/**
 * Finds the operation from method and raw path (labels are decoded per segment, so an ARN's
 * encoded `/` and `:` stay inside its label). A request to a `runtime.` or `streaming.` host must
 * name an operation with that host prefix; a bare host (endpoint override without DNS for the
 * prefixes) reaches every operation.
 */
export function matchRoute(req: SandboxRequest): Match {
	const segments = req.rawPath.split('/').slice(1);
	const hostPrefix = /^(runtime|streaming)\./.exec(req.headers.host ?? '')?.[1];
	for (const candidate of ROUTES) {
		if (candidate.method !== req.method || candidate.segments.length !== segments.length) continue;
		const labels: Record<string, string> = {};
		const fits = candidate.segments.every((part, i) => {
			if (part.startsWith('{')) {
				labels[part.slice(1, -1)] = segments[i];
				return true;
			}
			return part === segments[i];
		});
		if (!fits) continue;
		if (hostPrefix !== undefined && candidate.hostPrefix !== hostPrefix) break;
		for (const name of Object.keys(labels)) labels[name] = decodeLabel(labels[name]);
		return { route: candidate, labels };
	}
	throw unknownOperation();
}
