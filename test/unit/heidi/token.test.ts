import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { TokenGate } from '../../../nodes/Heidi/transport/token';

/** A JWT-shaped token with the given lifetime (only its claims are read). */
function jwt(iat: number, lifetimeS: number): string {
	const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
	return `${part({ alg: 'none' })}.${part({ iat, exp: iat + lifetimeS })}.sig`;
}

function context(data: ICredentialDataDecryptedObject): IExecuteFunctions {
	return {
		getCredentials: async () => ({ ...data }),
		getNode: () => ({ credentials: { heidiApi: { id: 'c1', name: 'Heidi' } } }),
	} as unknown as IExecuteFunctions;
}

describe('TokenGate', () => {
	const now = Date.UTC(2025, 0, 1, 12);

	it('renews an empty token, or one inside the margin before expiry', () => {
		const gate = new TokenGate(context({}), () => now);
		const token = jwt(now / 1000, 3600);
		expect(gate.isStale({ sessionToken: '' })).toBe(true);
		expect(
			gate.isStale({ sessionToken: token, sessionExpiresAt: new Date(now + 61_000).toISOString() }),
		).toBe(false);
		expect(
			gate.isStale({ sessionToken: token, sessionExpiresAt: new Date(now + 59_000).toISOString() }),
		).toBe(true);
		// A 2 s token gets a 400 ms margin, not 60 s.
		const short = jwt(now / 1000, 2);
		expect(
			gate.isStale({ sessionToken: short, sessionExpiresAt: new Date(now + 1000).toISOString() }),
		).toBe(false);
		expect(
			gate.isStale({ sessionToken: short, sessionExpiresAt: new Date(now + 300).toISOString() }),
		).toBe(true);
		// Unknown expiry: used until Heidi refuses it.
		expect(gate.isStale({ sessionToken: 'opaque' })).toBe(false);
	});

	it('lets exactly one of many concurrent requests renew, the rest use its token', async () => {
		const gate = new TokenGate(context({ apiKey: 'k', sessionToken: '' }), () => now);
		const leases = [gate.lease(), gate.lease(), gate.lease(), gate.lease()];
		const first = await leases[0];
		expect(first.renewal).toMatchObject({ id: 'c1', type: 'heidiApi' });
		expect(first.data.sessionToken).toBe('');
		// What n8n's pre-authentication does to the request's credential data:
		Object.assign(first.data, {
			sessionToken: jwt(now / 1000, 3600),
			sessionExpiresAt: new Date(now + 3_600_000).toISOString(),
		});
		first.release();
		const rest = await Promise.all(leases.slice(1));
		expect(
			rest.every((l) => l.renewal === undefined && l.data.sessionToken === first.data.sessionToken),
		).toBe(true);
	});

	it('renews a refused token once; later refusals of the same token reuse the new one', async () => {
		const gate = new TokenGate(context({ sessionToken: 'old', sessionExpiresAt: '' }), () => now);
		const first = await gate.lease('old');
		const second = gate.lease('old');
		expect(first.renewal).toBeDefined();
		first.data.sessionToken = 'new';
		first.release();
		expect((await second).renewal).toBeUndefined();
		expect((await second).data.sessionToken).toBe('new');
		const after = await gate.lease('old');
		expect(after.renewal).toBeUndefined();
		expect(after.data.sessionToken).toBe('new');
	});

	it('a refused API key fails the waiting requests without asking again; an outage does not', async () => {
		const refused = new TokenGate(context({ sessionToken: '' }), () => now);
		const first = await refused.lease();
		const waiting = refused.lease();
		first.release(new Error('Heidi token exchange failed (HTTP 403)'));
		await expect(waiting).rejects.toThrow(/HTTP 403/);

		const outage = new TokenGate(context({ sessionToken: '' }), () => now);
		const one = await outage.lease();
		const two = outage.lease();
		one.release(new Error('Heidi token exchange failed (HTTP 503)'), true);
		expect((await two).renewal).toBeDefined();
	});
});
