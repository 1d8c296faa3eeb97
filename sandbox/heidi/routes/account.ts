import type { SandboxRequest } from '../../core/types';
import { requiredString } from '../fields';
import { findOrCreateUser, linkAccount } from '../model/users';
import type { Route } from '../router';
import type { World } from '../state';
import { ServiceError, invalid, ok, readObject } from '../wire';

/**
 * API-key check of `GET /jwt`. The statuses are undocumented; clients treat 401 and 403 from
 * /jwt alike as a bad key (https://www.heidihealth.com/developers/heidi-api/authentication), so a missing key is 401 and a wrong one 403.
 */
export function checkApiKey(world: World, req: SandboxRequest): void {
	const key = req.headers['heidi-api-key'];
	if (!key) throw new ServiceError(401, 'MissingApiKeyError', 'Heidi-Api-Key header is required');
	if (key !== world.options.apiKey)
		throw new ServiceError(403, 'InvalidApiKeyError', 'Invalid API key');
}

/** Heidi's message for features that need a linked account (https://www.heidihealth.com/developers/heidi-api/authentication). */
export const noLinkedUser = (): ServiceError =>
	new ServiceError(
		400,
		'NoLinkedUserException',
		'Linked Account is required. Please link your account before using this feature.',
	);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const accountRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/jwt',
		guard: 'api-key',
		handle({ req, world }) {
			const email = req.query.get('email');
			const thirdPartyId = req.query.get('third_party_internal_id');
			if (!email) throw invalid(['query', 'email'], 'Field required', 'missing');
			if (!EMAIL.test(email))
				throw invalid(['query', 'email'], 'value is not a valid email address', 'value_error');
			if (!thirdPartyId)
				throw invalid(['query', 'third_party_internal_id'], 'Field required', 'missing');
			const user = findOrCreateUser(world, email, thirdPartyId);
			const { token, expirationTime } = world.tokens.issue(
				user,
				world.options.tokenLifetimeSeconds,
			);
			world.stats.jwtExchanges++;
			return ok({ token, expiration_time: expirationTime });
		},
	},
	{
		method: 'POST',
		pattern: '/users/linked-account',
		guard: 'account',
		handle({ req, user, world }) {
			const body = readObject(req);
			const kindeId = requiredString(body, 'kinde_user_id');
			if (!/^kp_[A-Za-z0-9]+$/.test(kindeId))
				throw invalid(['body', 'kinde_user_id'], 'Kinde user ids start with kp_', 'value_error');
			if (user.account) {
				throw new ServiceError(
					409,
					'OpenAPIHeidiAccountAlreadyLinkedError',
					'A Heidi account is already linked to this user',
				);
			}
			return ok({ account: { ...linkAccount(world, user, kindeId) } });
		},
	},
	{
		method: 'DELETE',
		pattern: '/users/linked-account:unlink',
		guard: 'account',
		handle({ user }) {
			if (!user.account) throw noLinkedUser();
			user.account = undefined;
			return ok({ is_success: true });
		},
	},
	{
		method: 'GET',
		pattern: '/users/linked-account/access',
		guard: 'account',
		handle({ user }) {
			const linked = !!user.account;
			return ok({
				is_valid: linked,
				is_linked: linked,
				account: user.account ? { ...user.account } : null,
			});
		},
	},
];
