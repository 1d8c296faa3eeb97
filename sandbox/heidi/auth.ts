import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ServiceError } from './wire';

/**
 * The JWTs Heidi hands out for an API key + user. HS256 with a secret that lives only in this
 * emulator instance, so a token from another sandbox run is rejected like a forged one.
 * Expiry uses wall time (Date.now): clients compare `expiration_time` with their own clock.
 */
export interface TokenClaims {
	/** The shadow "Heidi API User" id. */
	sub: string;
	email: string;
	third_party_internal_id: string;
	iss: string;
	/** Seconds, fractional allowed (tests use sub-second lifetimes). */
	iat: number;
	exp: number;
	jti: string;
}

const ISSUER = 'heidi-sandbox';
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface TokenIssuer {
	issue(
		user: { id: string; email: string; thirdPartyInternalId: string },
		lifetimeSeconds: number,
	): { token: string; expirationTime: string };
	/** The claims of a valid, unexpired, unrevoked token; a 401 ServiceError otherwise. */
	verify(authorization: string | undefined): TokenClaims;
	/** Every token issued so far stops working (the "expired tokens" fault). */
	revokeAll(): void;
}

export function createTokenIssuer(): TokenIssuer {
	const secret = randomBytes(32);
	/** jti of every token not revoked; revoking clears it (expiry is still checked on `exp`). */
	const live = new Set<string>();
	const sign = (input: string): Buffer => createHmac('sha256', secret).update(input).digest();

	return {
		issue(user, lifetimeSeconds) {
			const nowMs = Date.now();
			const expMs = nowMs + lifetimeSeconds * 1000;
			const claims: TokenClaims = {
				sub: user.id,
				email: user.email,
				third_party_internal_id: user.thirdPartyInternalId,
				iss: ISSUER,
				iat: nowMs / 1000,
				exp: expMs / 1000,
				jti: randomBytes(8).toString('hex'),
			};
			live.add(claims.jti);
			const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
			return {
				token: `${input}.${b64url(sign(input))}`,
				expirationTime: new Date(expMs).toISOString(),
			};
		},
		verify(authorization) {
			const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
			if (!match) throw unauthorized('Not authenticated', 'MissingTokenError');
			const parts = match[1].split('.');
			if (parts.length !== 3) throw unauthorized('Invalid token', 'InvalidTokenError');
			const expected = sign(`${parts[0]}.${parts[1]}`);
			const given = Buffer.from(parts[2], 'base64url');
			if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
				throw unauthorized('Invalid token', 'InvalidTokenError');
			}
			const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
			if (claims.exp * 1000 <= Date.now() || !live.has(claims.jti)) {
				throw unauthorized('Token has expired', 'TokenExpiredError');
			}
			return claims;
		},
		revokeAll() {
			live.clear();
		},
	};
}

/** 401 types are not documented; these names are the emulator's own. */
function unauthorized(msg: string, type: string): ServiceError {
	return new ServiceError(401, type, msg);
}
