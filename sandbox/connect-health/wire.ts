import { ServiceError } from '../core/errors';
import type { SandboxRequest, SandboxResponse } from '../core/types';

/** Every Connect Health timestamp is epoch seconds (fractional) except the patient-insights ISO times. */
export const epochSeconds = (ms: number): number => Math.round(ms) / 1000;
export const isoTime = (ms: number): string => new Date(ms).toISOString();

const error = (status: number, type: string, message: string): ServiceError =>
	new ServiceError(status, type, message, {}, 'message');
export const notFound = (message: string): ServiceError =>
	error(404, 'ResourceNotFoundException', message);
export const conflict = (message: string): ServiceError => error(409, 'ConflictException', message);
export const quotaExceeded = (message: string): ServiceError =>
	error(402, 'ServiceQuotaExceededException', message);
export const serializationError = (message: string): ServiceError =>
	error(400, 'SerializationException', message);
export const unknownOperation = (): ServiceError =>
	error(
		404,
		'UnknownOperationException',
		'The requested operation is not recognized by the service.',
	);

export function json(status: number, body: object): SandboxResponse {
	return { status, headers: { 'content-type': 'application/json' }, body };
}

export const noContent = (): SandboxResponse => ({ status: 204 });

/** The JSON body of a request; an absent body reads as `{}` (the service then reports missing members). */
export function jsonBody(req: SandboxRequest): Record<string, unknown> {
	const text = req.body.toString('utf8');
	if (text.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw serializationError('Request body is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw serializationError('Request body must be a JSON object');
	return parsed as Record<string, unknown>;
}

export interface S3Location {
	bucket: string;
	/** Key or key prefix, without a leading slash; '' for the bucket root. */
	key: string;
}

/** Splits a validated `s3://bucket/key` URI. */
export function parseS3Uri(uri: string): S3Location {
	const rest = uri.slice('s3://'.length);
	const slash = rest.indexOf('/');
	return slash < 0
		? { bucket: rest, key: '' }
		: { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** `s3://bucket/` + the non-empty key parts joined by `/` (a prefix's trailing slash is not doubled). */
export function s3Join(base: S3Location, ...parts: string[]): S3Location {
	const key = [base.key.replace(/\/+$/, ''), ...parts].filter((part) => part !== '').join('/');
	return { bucket: base.bucket, key };
}

export const formatS3Uri = (loc: S3Location): string => `s3://${loc.bucket}/${loc.key}`;

/** An integer query parameter; absent → undefined, not a decimal integer → SerializationException. */
export function queryInteger(req: SandboxRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null) return undefined;
	if (!/^-?\d+$/.test(raw))
		throw serializationError(`Query parameter '${name}' must be an integer`);
	return Number(raw);
}

/** A string query parameter; absent → undefined. */
export function queryString(req: SandboxRequest, name: string): string | undefined {
	return req.query.get(name) ?? undefined;
}
