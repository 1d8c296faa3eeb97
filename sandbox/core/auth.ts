/**
 * SigV4 verification of a received request against the sandbox's credentials, with the
 * error each AWS protocol answers for each failure.
 */
import { ChunkedBodyError, decodeAwsChunked } from './chunked';
import type { AwsIdentity, CredentialRegistry } from './credentials';
import { ServiceError, type Protocol } from './errors';
import {
	MalformedAuthError,
	STREAMING_SIGNED,
	STREAMING_SIGNED_TRAILER,
	STREAMING_UNSIGNED_TRAILER,
	UNSIGNED_PAYLOAD,
	canonicalRequest,
	chunkSignature,
	parseAmzDate,
	readClaim,
	sha256Hex,
	sign,
	signaturesMatch,
	signingKey,
	stringToSign,
	toAmzDate,
	trailerSignature,
	type CredentialScope,
	type SignatureClaim,
} from './sigv4';

/** AWS accepts a signature dated up to 15 minutes away from its own clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface ReceivedRequest {
	method: string;
	rawPath: string;
	rawQuery: string;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: Buffer;
}

export interface AuthExpectation {
	protocol: Protocol;
	signingName: string;
	region: string;
	/** The operation's body is a signed event stream (its events are verified by the operation). */
	eventStream?: boolean;
}

export interface Authenticated {
	auth: { accessKeyId: string; region: string; service: string };
	identity: AwsIdentity;
	/** The payload: decoded when the request used aws-chunked encoding. */
	body: Buffer;
	/** aws-chunked trailers (lower-cased names), e.g. a checksum. */
	trailers: Record<string, string>;
	/** What an event-stream body's signing chain is verified with: the request signature seeds it. */
	chain: { seed: string; key: Buffer; scope: CredentialScope };
}

/** Payload hash of a request whose body is a chain of signed event-stream messages. */
export const STREAMING_EVENTS = 'STREAMING-AWS4-HMAC-SHA256-EVENTS';

type Failure =
	| 'missing'
	| 'malformed'
	| 'unknownKey'
	| 'badSignature'
	| 'wrongRegion'
	| 'wrongService'
	| 'skew'
	| 'invalidToken'
	| 'expiredToken'
	| 'presignExpired'
	| 'missingContentSha'
	| 'contentShaMismatch'
	| 'badChunks';

const JSON_SIGNATURE_MISMATCH =
	'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** The error real AWS answers for an authentication failure, in the protocol's own vocabulary. */
export function authError(protocol: Protocol, failure: Failure, detail = ''): ServiceError {
	if (protocol === 'restXml') return s3AuthError(failure, detail);
	const query = protocol === 'awsQuery';
	const json = (status: number, type: string, message: string): ServiceError =>
		new ServiceError(status, type, message, {}, 'message');
	const mismatchType = query ? 'SignatureDoesNotMatch' : 'InvalidSignatureException';
	switch (failure) {
		case 'missing':
			return query
				? json(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
				: json(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
		case 'malformed':
			return json(400, query ? 'IncompleteSignature' : 'IncompleteSignatureException', detail);
		case 'unknownKey':
		case 'invalidToken':
			return json(
				403,
				query ? 'InvalidClientTokenId' : 'UnrecognizedClientException',
				'The security token included in the request is invalid.',
			);
		case 'expiredToken':
			return json(
				403,
				query ? 'ExpiredToken' : 'ExpiredTokenException',
				'The security token included in the request is expired',
			);
		case 'wrongRegion':
		case 'wrongService':
		case 'skew':
			return json(403, mismatchType, detail);
		case 'badSignature':
		case 'badChunks':
		case 'contentShaMismatch':
		case 'missingContentSha':
		case 'presignExpired':
			return json(403, mismatchType, detail || JSON_SIGNATURE_MISMATCH);
	}
}

function s3AuthError(failure: Failure, detail: string): ServiceError {
	switch (failure) {
		case 'missing':
			return new ServiceError(403, 'AccessDenied', 'Access Denied');
		case 'malformed':
			return new ServiceError(
				400,
				'AuthorizationHeaderMalformed',
				`The authorization header is malformed; ${detail}`,
			);
		case 'unknownKey':
			return new ServiceError(
				403,
				'InvalidAccessKeyId',
				'The AWS Access Key Id you provided does not exist in our records.',
			);
		case 'invalidToken':
			return new ServiceError(
				400,
				'InvalidToken',
				'The provided token is malformed or otherwise invalid.',
			);
		case 'expiredToken':
			return new ServiceError(400, 'ExpiredToken', 'The provided token has expired.');
		case 'wrongRegion':
		case 'wrongService':
			return new ServiceError(
				400,
				'AuthorizationHeaderMalformed',
				`The authorization header is malformed; ${detail}`,
			);
		case 'skew':
			return new ServiceError(
				403,
				'RequestTimeTooSkewed',
				'The difference between the request time and the current time is too large.',
				{
					MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
				},
			);
		case 'presignExpired':
			return new ServiceError(403, 'AccessDenied', 'Request has expired');
		case 'missingContentSha':
			return new ServiceError(
				400,
				'InvalidRequest',
				'Missing required header for this request: x-amz-content-sha256',
			);
		case 'contentShaMismatch':
			return new ServiceError(
				400,
				'XAmzContentSHA256Mismatch',
				"The provided 'x-amz-content-sha256' header does not match what was computed.",
			);
		case 'badChunks':
			return new ServiceError(
				400,
				'IncompleteBody',
				detail || 'The request body could not be decoded as aws-chunked.',
			);
		case 'badSignature':
			return new ServiceError(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
			);
	}
}

function checkScope(claim: SignatureClaim, exp: AuthExpectation): void {
	const { region, service } = claim.scope;
	if (exp.protocol === 'restXml') {
		if (region !== exp.region) {
			throw new ServiceError(
				400,
				'AuthorizationHeaderMalformed',
				`The authorization header is malformed; the region '${region}' is wrong; expecting '${exp.region}'`,
				{ Region: exp.region },
			);
		}
		if (service !== exp.signingName)
			throw authError(
				exp.protocol,
				'wrongService',
				`incorrect service "${service}". This endpoint belongs to "${exp.signingName}".`,
			);
		return;
	}
	if (region !== exp.region)
		throw authError(exp.protocol, 'wrongRegion', `Credential should be scoped to a valid region. `);
	if (service !== exp.signingName)
		throw authError(
			exp.protocol,
			'wrongService',
			`Credential should be scoped to correct service: '${exp.signingName}'. `,
		);
}

function checkTime(claim: SignatureClaim, exp: AuthExpectation, nowMs: number): void {
	const signedAt = parseAmzDate(claim.amzDate);
	if (Number.isNaN(signedAt))
		throw authError(
			exp.protocol,
			'malformed',
			`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
		);
	if (claim.scope.date !== claim.amzDate.slice(0, 8)) {
		throw authError(
			exp.protocol,
			'malformed',
			`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scope.date}' != '${claim.amzDate.slice(0, 8)}'`,
		);
	}
	if (claim.presigned) {
		const expires = claim.expiresSeconds ?? 604800;
		if (nowMs > signedAt + expires * 1000)
			throw authError(exp.protocol, 'presignExpired', 'Request has expired');
		if (signedAt - nowMs > MAX_SKEW_MS)
			throw authError(exp.protocol, 'skew', 'Request is not yet valid');
		return;
	}
	if (nowMs - signedAt > MAX_SKEW_MS) {
		throw authError(
			exp.protocol,
			'skew',
			`Signature expired: ${claim.amzDate} is now earlier than ${toAmzDate(nowMs - MAX_SKEW_MS)} (${toAmzDate(nowMs)} - 15 min.)`,
		);
	}
	if (signedAt - nowMs > MAX_SKEW_MS) {
		throw authError(
			exp.protocol,
			'skew',
			`Signature not yet current: ${claim.amzDate} is still later than ${toAmzDate(nowMs + MAX_SKEW_MS)} (${toAmzDate(nowMs)} + 15 min.)`,
		);
	}
}

function checkIdentity(
	claim: SignatureClaim,
	exp: AuthExpectation,
	registry: CredentialRegistry,
	sandboxNow: number,
): AwsIdentity {
	const identity = registry.lookup(claim.scope.accessKeyId);
	if (!identity) throw authError(exp.protocol, 'unknownKey');
	if (identity.sessionToken === undefined) {
		if (claim.sessionToken !== undefined) throw authError(exp.protocol, 'invalidToken');
		return identity;
	}
	if (claim.sessionToken !== identity.sessionToken) throw authError(exp.protocol, 'invalidToken');
	if ((identity.expiration ?? Infinity) <= sandboxNow)
		throw authError(exp.protocol, 'expiredToken');
	return identity;
}

/**
 * Verifies the request's SigV4 signature (header or presigned query) and returns who signed it.
 * `nowMs` is real time (signatures are made with the client's wall clock); `sandboxNow` is the
 * sandbox clock that temporary credentials expire on. Throws a ServiceError in the protocol's format.
 */
export function authenticate(
	req: ReceivedRequest,
	exp: AuthExpectation,
	registry: CredentialRegistry,
	nowMs: number,
	sandboxNow: number,
): Authenticated {
	let claim: SignatureClaim | undefined;
	try {
		claim = readClaim(req.headers, req.query);
	} catch (e) {
		if (e instanceof MalformedAuthError) throw authError(exp.protocol, 'malformed', e.message);
		throw e;
	}
	if (!claim) throw authError(exp.protocol, 'missing');
	checkScope(claim, exp);
	checkTime(claim, exp, nowMs);
	const identity = checkIdentity(claim, exp, registry, sandboxNow);
	// Over HTTP/2 the official clients sign the :authority pseudo-header instead of host.
	if (!claim.signedHeaders.includes('host') && !claim.signedHeaders.includes(':authority'))
		throw authError(
			exp.protocol,
			'badSignature',
			`'Host' must be a 'SignedHeader' in the AWS Authorization.`,
		);

	const s3 = exp.protocol === 'restXml';
	const payloadHash = payloadHashFor(req, exp, claim, s3);
	const canonical = canonicalRequest({
		method: req.method,
		rawPath: req.rawPath,
		rawQuery: req.rawQuery,
		headers: req.headers,
		signedHeaders: claim.signedHeaders,
		payloadHash,
		s3,
	});
	const key = signingKey(identity.secretAccessKey, claim.scope);
	const expected = sign(key, stringToSign(claim.amzDate, claim.scope, canonical));
	if (!signaturesMatch(expected, claim.signature)) throw authError(exp.protocol, 'badSignature');

	const auth = {
		accessKeyId: identity.accessKeyId,
		region: claim.scope.region,
		service: claim.scope.service,
	};
	const chain = { seed: expected, key, scope: claim.scope };
	const chunked =
		payloadHash.startsWith('STREAMING-') ||
		(req.headers['content-encoding'] ?? '').split(',').some((e) => e.trim() === 'aws-chunked');
	if (!s3 || !chunked) return { auth, identity, body: req.body, trailers: {}, chain };
	const signedChunks = payloadHash === STREAMING_SIGNED || payloadHash === STREAMING_SIGNED_TRAILER;
	try {
		const decoded = decodeAwsChunked(
			req.body,
			signedChunks
				? {
						seed: expected,
						chunk: (previous, data) =>
							chunkSignature(key, claim!.amzDate, claim!.scope, previous, data),
						trailer: (previous, trailers) =>
							trailerSignature(key, claim!.amzDate, claim!.scope, previous, trailers),
					}
				: undefined,
		);
		const declared = req.headers['x-amz-decoded-content-length'];
		if (declared !== undefined && Number(declared) !== decoded.data.length) {
			throw new ChunkedBodyError(
				'malformed',
				'x-amz-decoded-content-length does not match the decoded body',
			);
		}
		return { auth, identity, body: decoded.data, trailers: decoded.trailers, chain };
	} catch (e) {
		if (e instanceof ChunkedBodyError)
			throw authError(
				exp.protocol,
				e.reason === 'signature' ? 'badSignature' : 'badChunks',
				e.reason === 'signature' ? '' : e.message,
			);
		throw e;
	}
}

function payloadHashFor(
	req: ReceivedRequest,
	exp: AuthExpectation,
	claim: SignatureClaim,
	s3: boolean,
): string {
	if (!s3)
		return exp.eventStream && req.headers['x-amz-content-sha256'] === STREAMING_EVENTS
			? STREAMING_EVENTS
			: sha256Hex(req.body);
	if (claim.presigned)
		return (
			req.headers['x-amz-content-sha256'] ??
			req.query.get('X-Amz-Content-Sha256') ??
			UNSIGNED_PAYLOAD
		);
	const declared = req.headers['x-amz-content-sha256'];
	if (declared === undefined) throw authError(exp.protocol, 'missingContentSha');
	if (
		[
			UNSIGNED_PAYLOAD,
			STREAMING_SIGNED,
			STREAMING_SIGNED_TRAILER,
			STREAMING_UNSIGNED_TRAILER,
		].includes(declared)
	)
		return declared;
	if (!/^[0-9a-f]{64}$/.test(declared)) throw authError(exp.protocol, 'contentShaMismatch');
	if (declared !== sha256Hex(req.body)) throw authError(exp.protocol, 'contentShaMismatch');
	return declared;
}
