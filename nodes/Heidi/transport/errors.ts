import type { INode, NodeApiError } from 'n8n-workflow';
import { vendorError, type VendorFailure } from '../../common/errors';
import { parseJson } from './json';

/** What came back from a failed Heidi call; the body is read here and never shown. */
export interface HeidiFailedCall {
	operation: string;
	status?: number;
	body?: Buffer | string;
	requestId?: string;
	/** Network error code when there was no response. */
	code?: string;
	/** Extra advice from the caller (e.g. the request may have gone through). */
	hint?: string;
}

interface Detail {
	type?: string;
	message?: string;
}

/**
 * Heidi is a FastAPI service: handled errors are `{"detail":{"msg","type"}}`, validation errors
 * FastAPI's `{"detail":[{loc,msg,type}]}` (inferred: Heidi documents only the first form), unknown
 * paths `{"detail":"Not Found"}`.
 */
export function readDetail(body: Buffer | string | undefined): Detail {
	if (body === undefined || body.length === 0) return {};
	let parsed: unknown;
	try {
		parsed = parseJson(body.toString());
	} catch {
		return {};
	}
	const detail = (parsed as { detail?: unknown } | null)?.detail;
	if (typeof detail === 'string') return { message: detail };
	if (Array.isArray(detail)) {
		const issues = detail.map((issue: { loc?: unknown[]; msg?: string }) => {
			const field = Array.isArray(issue?.loc)
				? issue.loc.filter((part) => part !== 'body').join('.')
				: '';
			return field ? `${field}: ${issue?.msg ?? 'invalid'}` : String(issue?.msg ?? 'invalid');
		});
		return { type: 'ValidationError', message: issues.join('; ') };
	}
	if (detail && typeof detail === 'object') {
		const { msg, type } = detail as { msg?: unknown; type?: unknown };
		return {
			type: typeof type === 'string' ? type : undefined,
			message: typeof msg === 'string' ? msg : undefined,
		};
	}
	return {};
}

/** What the user can do about the known failure modes. */
export function hintFor(status: number | undefined, detail: Detail): string | undefined {
	const type = detail.type ?? '';
	const message = detail.message ?? '';
	if (
		type === 'NoLinkedUserException' ||
		/linked account is required|link your account/i.test(message)
	) {
		return 'This Heidi API user is not linked to a Heidi account yet. The clinician links it by signing in to Heidi through your integration (the Heidi widget), or use Account → Link with their Heidi user ID (kp_…), then run again.';
	}
	if (type === 'SessionNotFoundError') {
		return 'Check the Session ID: it must belong to the clinician in the credential. Session IDs are long numbers; keep them as text, since a number field rounds them.';
	}
	if (
		/template/i.test(`${type} ${message}`) &&
		(status === 404 || /not.?found|does not exist|missing/i.test(`${type} ${message}`))
	) {
		return 'The template was not found for this user: pick one from the list (Template → Get Many) or check the Template ID.';
	}
	if (type === 'OpenAPIHeidiAccountAlreadyLinkedError') {
		return 'This API user is already linked to a Heidi account. Use Account → Unlink first to link a different account.';
	}
	if (status === 401) {
		return 'Heidi refused the token even after renewing it: check the API key, the environment (production keys are per region), the clinician email and the internal user ID in the credential.';
	}
	if (status === 403) {
		return 'The Heidi account is not allowed to use this feature (clinical coding, for example, must be enabled on the account by Heidi).';
	}
	if (status === 404 && message === 'Not Found' && !type) {
		return 'Heidi does not know this path: check the environment, or the custom base URL, which must end with /open-api.';
	}
	if (status === 422 || type === 'ValidationError')
		return 'Heidi rejected the field named in the message: correct it and run again.';
	if (status === 429)
		return 'Heidi is limiting requests: lower the Concurrency option or run again later.';
	return undefined;
}

/** A NodeApiError naming the operation, status, Heidi error type and request id; message redacted. */
export function heidiError(
	node: INode,
	call: HeidiFailedCall,
	options: { itemIndex?: number; secrets?: readonly unknown[] },
): NodeApiError {
	const detail = readDetail(call.body);
	const failure: VendorFailure = {
		operation: call.operation,
		httpStatus: call.status,
		errorType: detail.type ?? (call.status ? httpTypeName(call.status) : undefined),
		requestId: call.requestId,
		message: detail.message,
		code: call.code,
	};
	const error = vendorError(node, failure, options);
	const advice = [
		call.hint ?? hintFor(call.status, detail),
		call.requestId ? `Request ID: ${call.requestId}` : undefined,
	].filter(Boolean);
	if (advice.length) error.description = advice.join('\n');
	return error;
}

function httpTypeName(status: number): string {
	const names: Record<number, string> = {
		400: 'BadRequest',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'NotFound',
		409: 'Conflict',
		413: 'PayloadTooLarge',
		422: 'ValidationError',
		429: 'TooManyRequests',
	};
	return (
		names[status] ??
		(status >= 500 ? 'ServerError' : status >= 300 && status < 400 ? 'Redirect' : 'HttpError')
	);
}
