import { randomBytes } from 'node:crypto';
import type { Clock } from './types';

/** One AWS principal the sandbox accepts: the fixed sandbox user, or an STS-issued role session. */
export interface AwsIdentity {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	/** Sandbox-clock milliseconds; temporary credentials only. */
	expiration?: number;
	arn: string;
	userId: string;
	account: string;
}

export interface CredentialRegistry {
	readonly accountId: string;
	/** The long-term key pair printed by the CLI and returned by startSandbox(). */
	readonly root: AwsIdentity;
	lookup(accessKeyId: string): AwsIdentity | undefined;
	/** Temporary credentials for an assumed role (STS AssumeRole). */
	issue(role: { roleArn: string; sessionName: string; durationSeconds: number }): AwsIdentity;
}

export const SANDBOX_ACCOUNT_ID = '111122223333';
export const SANDBOX_ACCESS_KEY_ID = 'AKIASANDBOXLOCAL0001';
export const SANDBOX_SECRET_ACCESS_KEY = 'sandboxSecretKeyForLocalUseOnly000000000';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(prefix: string, length: number): string {
	const bytes = randomBytes(length);
	let out = prefix;
	for (let i = out.length; i < length; i++) out += KEY_ALPHABET[bytes[i] % KEY_ALPHABET.length];
	return out;
}

export function createCredentialRegistry(
	clock: Clock,
	accountId = SANDBOX_ACCOUNT_ID,
): CredentialRegistry {
	const root: AwsIdentity = {
		accessKeyId: SANDBOX_ACCESS_KEY_ID,
		secretAccessKey: SANDBOX_SECRET_ACCESS_KEY,
		arn: `arn:aws:iam::${accountId}:user/sandbox-user`,
		userId: 'AIDASANDBOXUSER00001',
		account: accountId,
	};
	const temporary = new Map<string, AwsIdentity>();

	// Expired sessions are kept a day past expiry (so they answer "expired", not "unknown"), then dropped.
	const prune = (): void => {
		const cutoff = clock.now() - 86_400_000;
		for (const [key, identity] of temporary)
			if ((identity.expiration ?? 0) < cutoff) temporary.delete(key);
	};

	return {
		accountId,
		root,
		lookup: (accessKeyId) => (accessKeyId === root.accessKeyId ? root : temporary.get(accessKeyId)),
		issue({ roleArn, sessionName, durationSeconds }) {
			prune();
			const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
			const roleId = randomId('AROA', 21);
			const identity: AwsIdentity = {
				accessKeyId: randomId('ASIA', 20),
				secretAccessKey: randomBytes(30).toString('base64'),
				sessionToken: `SandboxSessionToken/${randomBytes(96).toString('base64')}`,
				expiration: Math.floor(clock.now() / 1000) * 1000 + durationSeconds * 1000,
				arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
				userId: `${roleId}:${sessionName}`,
				account: accountId,
			};
			temporary.set(identity.accessKeyId, identity);
			return identity;
		},
	};
}
