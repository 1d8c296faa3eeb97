/**
 * STS emulator (awsQuery protocol: form-encoded `Action=...&Version=2011-06-15`, XML answers):
 * GetCallerIdentity and AssumeRole. Credentials it issues are accepted by every AWS emulator.
 */
import type { CredentialRegistry } from '../core/credentials';
import { ServiceError } from '../core/errors';
import type { EmulatorContext, Handler, SandboxRequest, SandboxResponse } from '../core/types';
import { xmlElement } from '../core/xml';

export interface StsOptions {
	credentials: CredentialRegistry;
	/** ExternalId demanded by roles whose name contains `external-id-required`. */
	requiredExternalId?: string;
	/** Longest session a role allows (AWS default MaxSessionDuration is 1 hour). */
	maxSessionSeconds?: number;
}

export interface StsEmulator {
	handle: Handler;
}

export const EXTERNAL_ID_ROLE_MARKER = 'external-id-required';
export const SANDBOX_EXTERNAL_ID = 'sandbox-external-id';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

const validation = (message: string): ServiceError =>
	new ServiceError(400, 'ValidationError', message);

function params(req: SandboxRequest): URLSearchParams {
	const merged = new URLSearchParams(req.query);
	if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
		for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) merged.set(k, v);
	}
	return merged;
}

function respond(action: string, result: string, requestId: string): SandboxResponse {
	const xml = `<${action}Response xmlns="${STS_NS}">\n  <${action}Result>${result}</${action}Result>\n  <ResponseMetadata>${xmlElement('RequestId', requestId)}</ResponseMetadata>\n</${action}Response>\n`;
	return { status: 200, headers: { 'content-type': 'text/xml' }, body: xml };
}

function requireParam(
	p: URLSearchParams,
	name: string,
	member: string,
	min: number,
	max: number,
	pattern?: RegExp,
): string {
	const value = p.get(name);
	if (value === null)
		throw validation(
			`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
		);
	if (value.length < min)
		throw validation(
			`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
		);
	if (value.length > max)
		throw validation(
			`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
		);
	if (pattern && !pattern.test(value))
		throw validation(
			`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
		);
	return value;
}

export function createStsEmulator(ctx: EmulatorContext, options: StsOptions): StsEmulator {
	const { credentials } = options;
	const requiredExternalId = options.requiredExternalId ?? SANDBOX_EXTERNAL_ID;
	const maxSession = options.maxSessionSeconds ?? 3600;

	const caller = (req: SandboxRequest) => {
		const identity = req.auth && credentials.lookup(req.auth.accessKeyId);
		if (!identity)
			throw new ServiceError(
				403,
				'MissingAuthenticationToken',
				'Request is missing Authentication Token',
			);
		return identity;
	};

	const assumeRole = (req: SandboxRequest, p: URLSearchParams): SandboxResponse => {
		const who = caller(req);
		const roleArn = requireParam(p, 'RoleArn', 'roleArn', 20, 2048);
		const sessionName = requireParam(
			p,
			'RoleSessionName',
			'roleSessionName',
			2,
			64,
			/^[\w+=,.@-]*$/,
		);
		const externalId = p.get('ExternalId');
		if (externalId !== null)
			requireParam(p, 'ExternalId', 'externalId', 2, 1224, /^[\w+=,.@:/-]*$/);
		const durationRaw = p.get('DurationSeconds');
		const duration = durationRaw === null ? 3600 : Number(durationRaw);
		if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
			throw validation(
				`1 validation error detected: Value '${durationRaw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`,
			);
		}
		const chained = who.sessionToken !== undefined;
		if (duration > (chained ? 3600 : maxSession)) {
			throw validation(
				chained
					? 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
					: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
			);
		}
		const m = ROLE_ARN.exec(roleArn);
		if (!m) throw validation(`${roleArn} is invalid`);
		const denied = new ServiceError(
			403,
			'AccessDenied',
			`User: ${who.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
		);
		if (m[1] !== credentials.accountId) throw denied;
		if (m[3].includes(EXTERNAL_ID_ROLE_MARKER) && externalId !== requiredExternalId) throw denied;

		const issued = credentials.issue({ roleArn, sessionName, durationSeconds: duration });
		const result =
			`<AssumedRoleUser>${xmlElement('Arn', issued.arn)}${xmlElement('AssumedRoleId', issued.userId)}</AssumedRoleUser>` +
			`<Credentials>${xmlElement('AccessKeyId', issued.accessKeyId)}${xmlElement('SecretAccessKey', issued.secretAccessKey)}${xmlElement('SessionToken', issued.sessionToken)}${xmlElement('Expiration', new Date(issued.expiration!).toISOString().replace(/\.\d{3}Z$/, 'Z'))}</Credentials>`;
		return respond('AssumeRole', result, req.requestId ?? '');
	};

	const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
		if (req.method !== 'POST' && req.method !== 'GET')
			throw new ServiceError(405, 'MethodNotAllowed', `${req.method} is not supported`);
		const p = params(req);
		const action = p.get('Action');
		if (!action) throw new ServiceError(400, 'MissingAction', 'Missing Action');
		const version = p.get('Version');
		if (version !== null && version !== '2011-06-15')
			throw new ServiceError(
				400,
				'InvalidAction',
				`Could not find operation ${action} for version ${version}`,
			);
		switch (action) {
			case 'GetCallerIdentity': {
				const who = caller(req);
				return respond(
					'GetCallerIdentity',
					`${xmlElement('Arn', who.arn)}${xmlElement('UserId', who.userId)}${xmlElement('Account', who.account)}`,
					req.requestId ?? '',
				);
			}
			case 'AssumeRole':
				return assumeRole(req, p);
		}
		throw new ServiceError(
			400,
			'InvalidAction',
			`Could not find operation ${action} for version ${version ?? '2011-06-15'}`,
		);
	};
	return { handle };
}
