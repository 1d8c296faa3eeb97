import type { ApiUser, LinkedAccount, World } from '../state';
import { objectId } from '../ids';
import { SANDBOX_EHR_PROVIDER } from '../options';
import { heidiTimestamp } from '../wire';

/** Heidi finds or creates one shadow user per key + email + third-party id (https://www.heidihealth.com/developers/heidi-api/authentication). */
export function findOrCreateUser(
	world: World,
	email: string,
	thirdPartyInternalId: string,
): ApiUser {
	for (const user of world.users.values()) {
		if (
			user.email.toLowerCase() === email.toLowerCase() &&
			user.thirdPartyInternalId === thirdPartyInternalId
		)
			return user;
	}
	const user: ApiUser = { id: objectId(), email, thirdPartyInternalId };
	world.users.set(user.id, user);
	return user;
}

/** Link the shadow user to a (fake) Heidi account identified by its Kinde id. */
export function linkAccount(world: World, user: ApiUser, kindeUserId: string): LinkedAccount {
	const now = heidiTimestamp(world.clock.now());
	user.account = {
		_id: objectId(),
		user_id: kindeUserId,
		ehr_provider: SANDBOX_EHR_PROVIDER,
		ehr_email: user.email,
		ehr_user_id: user.thirdPartyInternalId,
		deleted_at: null,
		created_at: now,
		updated_at: now,
	};
	return user.account;
}
