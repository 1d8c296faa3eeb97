import { randomBytes, randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(alphabet: string, length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
	return out;
}

/** `dom-` + 20 lower-case alphanumerics: 24 characters, inside the model's 20–25. */
export const newDomainId = (): string => `dom-${randomChars(LOWER_ALNUM, 20)}`;
/** `sub-` + 21 alphanumerics: exactly the model's 25. */
export const newSubscriptionId = (): string => `sub-${randomChars(MIXED_ALNUM, 21)}`;
export const newJobId = (): string => randomUUID();
export const newSessionId = (): string => randomUUID();
export const newIdcApplicationId = (): string => `apl-${randomChars('0123456789abcdef', 16)}`;

export interface ArnScope {
	region: string;
	accountId: string;
}

export const domainArn = (s: ArnScope, domainId: string): string =>
	`arn:aws:health-agent:${s.region}:${s.accountId}:domain/${domainId}`;
export const subscriptionArn = (s: ArnScope, domainId: string, subscriptionId: string): string =>
	`${domainArn(s, domainId)}/subscription/${subscriptionId}`;
export const jobArn = (s: ArnScope, domainId: string, jobId: string): string =>
	`${domainArn(s, domainId)}/patient-insights-job/${jobId}`;
