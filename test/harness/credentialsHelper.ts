import { Credentials } from 'n8n-core';
import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	IRequestOptionsSimplified,
} from 'n8n-workflow';

/** Fills `{{$credentials.x}}` placeholders of a generic authenticate block. */
function resolve(template: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof template !== 'string') return template;
	const body = template.startsWith('=') ? template.slice(1) : template;
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
		String(credentials[key] ?? ''),
	);
}

/**
 * Credentials for in-process runs, behaving like n8n's own helper where our nodes depend on it:
 * generic and function `authenticate`, `preAuthentication` for expirable fields (when empty or
 * after a 401) and persisting what it returns, so tests can count token exchanges.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every write-back from preAuthentication, oldest first. */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (!authenticate || authenticate.type !== 'generic') return options;
		const next = {
			...options,
			headers: { ...(options.headers ?? {}) },
			qs: { ...(options.qs ?? {}) },
		};
		const { headers = {}, qs = {} } = authenticate.properties as {
			headers?: Record<string, unknown>;
			qs?: Record<string, unknown>;
		};
		for (const [key, value] of Object.entries(headers))
			next.headers[key] = resolve(value, credentials) as string;
		for (const [key, value] of Object.entries(qs))
			next.qs[key] = resolve(value, credentials) as string;
		return next;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		)
			return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const data = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		await this.updateCredentials({ id: typeName, name: typeName }, typeName, data);
		return data;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...data };
		this.updates.push({ type, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
