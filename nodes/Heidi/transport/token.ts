import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { perExecution } from '../../common/perExecution';

export type HeidiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'heidiApi';

/** Longest margin before `expiration_time` at which a token is renewed (https://www.heidihealth.com/developers/heidi-api/authentication: 30–60 s). */
const MAX_MARGIN_MS = 60_000;

/** What a request should send: the credential data, and whether it carries the one renewal. */
export interface TokenLease {
	data: ICredentialDataDecryptedObject;
	/** Set on the one request that renews the token: pass `data` as `credentialsDecrypted`. */
	renewal?: ICredentialsDecrypted;
	/**
	 * Call once the renewing request is over, with its error if it failed; `transient` says that
	 * error may pass (an outage), so the next request tries the exchange again.
	 */
	release(failure?: unknown, transient?: boolean): void;
}

/** Seconds claims of a JWT, when it is one (Heidi's are); never used for anything but timing. */
function claims(token: string): { iat?: number; exp?: number } {
	try {
		const payload = JSON.parse(
			Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
		) as { iat?: unknown; exp?: unknown };
		return {
			iat: typeof payload.iat === 'number' ? payload.iat : undefined,
			exp: typeof payload.exp === 'number' ? payload.exp : undefined,
		};
	} catch {
		return {};
	}
}

/**
 * Hands out the Heidi JWT to every request of one node execution and renews it exactly once per
 * expiry. n8n's pre-authentication does the `GET /jwt` exchange and stores the result in the
 * credential: it runs when the request's credential data has an empty token, so the request
 * that finds the token about to expire becomes the renewal (its data has the token blanked), and
 * every other request waits for it and then uses the new token.
 */
export class TokenGate {
	private current: ICredentialDataDecryptedObject | undefined;

	private loading: Promise<void> | undefined;

	private renewing: Promise<void> | undefined;

	/** When this gate last got a token (local clock); a skewed clock must not cause a renewal loop. */
	private renewedAt: number | undefined;

	/** Why the last renewal failed; later requests fail the same way instead of asking again. */
	private failure: unknown;

	constructor(
		private readonly context: HeidiContext,
		private readonly now: () => number = Date.now,
	) {}

	/** The credential data (loaded once per execution). */
	async credentials(): Promise<ICredentialDataDecryptedObject> {
		this.loading ??= (async () => {
			this.current = (await this.context.getCredentials(
				CREDENTIAL_TYPE,
			)) as ICredentialDataDecryptedObject;
		})();
		await this.loading;
		return this.current!;
	}

	/**
	 * A token for one request. `rejected` is the token a 401 just refused: it is renewed unless
	 * another request has already replaced it.
	 */
	async lease(rejected?: string): Promise<TokenLease> {
		await this.credentials();
		while (this.renewing) await this.renewing;
		if (this.failure) throw this.failure;
		const current = this.current!;
		const token = String(current.sessionToken ?? '');
		const renew = rejected !== undefined ? token === rejected : this.isStale(current);
		if (!renew) return { data: current, release: () => undefined };

		const data: ICredentialDataDecryptedObject = { ...current, sessionToken: '' };
		let done!: () => void;
		this.renewing = new Promise((resolve) => (done = resolve));
		const node = this.context.getNode();
		const stored = node.credentials?.[CREDENTIAL_TYPE];
		return {
			data,
			renewal: {
				id: stored?.id ?? CREDENTIAL_TYPE,
				name: stored?.name ?? CREDENTIAL_TYPE,
				type: CREDENTIAL_TYPE,
				data,
			},
			release: (failure?: unknown, transient = false) => {
				// Pre-authentication wrote the new token into `data`; an empty one means the exchange failed.
				if (data.sessionToken) {
					this.current = data;
					this.renewedAt = this.now();
				} else if (failure && !transient) {
					this.failure = failure;
				}
				this.renewing = undefined;
				done();
			},
		};
	}

	/** Empty, or inside the renewal margin before `expiration_time`. */
	isStale(data: ICredentialDataDecryptedObject): boolean {
		const token = String(data.sessionToken ?? '');
		if (!token) return true;
		const expiresAt = Date.parse(String(data.sessionExpiresAt ?? ''));
		if (Number.isNaN(expiresAt)) return false;
		const { iat, exp } = claims(token);
		const lifetime =
			iat !== undefined && exp !== undefined && exp > iat ? (exp - iat) * 1000 : undefined;
		// Short-lived tokens get a proportional margin, so a renewal does not follow every request.
		const margin = lifetime ? Math.min(MAX_MARGIN_MS, lifetime / 5) : MAX_MARGIN_MS;
		const now = this.now();
		// A token this gate got less than half a lifetime ago is not renewed again (a skewed clock would loop).
		if (this.renewedAt !== undefined && now - this.renewedAt < (lifetime ?? 2 * MAX_MARGIN_MS) / 2)
			return false;
		return expiresAt - now <= margin;
	}
}

/** One gate per node execution (the execution context object), so a batch shares one token. */
export const tokenGate = perExecution((context: HeidiContext) => new TokenGate(context));
