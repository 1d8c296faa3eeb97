import type { SandboxRequest, SandboxResponse } from '../core/types';
import { ServiceError } from '../core/errors';

/**
 * Heidi's wire conventions (https://www.heidihealth.com/developers/heidi-api/authentication, https://www.heidihealth.com/developers/heidi-api/sessions/overview). Heidi is a FastAPI service: handled errors are
 * `{"detail":{"msg","type"}}` (ServiceError, rendered by core/errors), framework errors are
 * FastAPI's own bodies (`{"detail":"Not Found"}`, 422 `{"detail":[{type,loc,msg}]}`).
 */

export { ServiceError };

export type ValidationStyle = 'fastapi' | 'detail';

export interface ValidationIssue {
	/** pydantic v2 error type: `missing`, `string_type`, `enum`, `json_invalid`, ... */
	type: string;
	loc: Array<string | number>;
	msg: string;
}

/**
 * A request that failed schema validation. Heidi documents only `{detail:{msg,type}}`; FastAPI's 422 list is inferred,
 * so the emulator can also answer with the `{"detail":{"msg","type"}}` envelope (400); clients must
 * cope with both. The offending input is never echoed (it may be PHI).
 */
export class ValidationFailure extends Error {
	constructor(readonly issues: ValidationIssue[]) {
		super(issues.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '));
	}
}

export function invalid(
	loc: Array<string | number>,
	msg: string,
	type = 'value_error',
): ValidationFailure {
	return new ValidationFailure([{ type, loc, msg }]);
}

export function renderValidation(
	failure: ValidationFailure,
	style: ValidationStyle,
): SandboxResponse {
	if (style === 'fastapi') return json(422, { detail: failure.issues });
	return json(400, { detail: { msg: failure.message, type: 'ValidationError' } });
}

export function json(status: number, body: object): SandboxResponse {
	return { status, headers: { 'content-type': 'application/json' }, body };
}

export const ok = (body: object): SandboxResponse => json(200, body);

/** FastAPI's answer for a path no route matches (string `detail`, not the object envelope). */
export const notFoundRoute = (): SandboxResponse => json(404, { detail: 'Not Found' });
export const methodNotAllowed = (): SandboxResponse => json(405, { detail: 'Method Not Allowed' });

export const sessionNotFound = (): ServiceError =>
	new ServiceError(404, 'SessionNotFoundError', 'Session not found');

/** Parse a JSON request body; an empty body reads as `undefined` (several endpoints take none). */
export function readJson(req: SandboxRequest): unknown {
	if (req.body.length === 0) return undefined;
	try {
		return JSON.parse(req.body.toString('utf8'));
	} catch {
		throw new ValidationFailure([
			{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' },
		]);
	}
}

/** A JSON object body (or `{}` when absent and allowed). */
export function readObject(req: SandboxRequest, required = true): Record<string, unknown> {
	const body = readJson(req);
	if (body === undefined && !required) return {};
	if (body === undefined) throw invalid(['body'], 'Field required', 'missing');
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw invalid(['body'], 'Input should be a valid dictionary', 'dict_type');
	}
	return body as Record<string, unknown>;
}

/** Heidi's record timestamps: UTC, microseconds, no zone suffix (`2024-12-11T03:57:57.921000`). */
export function heidiTimestamp(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 23)}000`;
}
