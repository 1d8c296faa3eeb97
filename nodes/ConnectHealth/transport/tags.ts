import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type { Tags } from './model';
import { readTags } from './shapes';

/** TagResource: POST /tags/{resourceArn} (the ARN is one escaped label) → 204. @idempotent. */
export async function tagResource(
	client: ConnectHealthClient,
	input: { resourceArn: string; tags: Tags },
	options?: CallOptions,
): Promise<void> {
	await client.call(
		{
			operation: 'TagResource',
			method: 'POST',
			path: restPath`/tags/${input.resourceArn}`,
			body: { tags: input.tags },
			idempotent: true,
		},
		options,
	);
}

/** UntagResource: DELETE /tags/{resourceArn}?tagKeys=a&tagKeys=b, no body → 204. @idempotent. */
export async function untagResource(
	client: ConnectHealthClient,
	input: { resourceArn: string; tagKeys: string[] },
	options?: CallOptions,
): Promise<void> {
	await client.call(
		{
			operation: 'UntagResource',
			method: 'DELETE',
			path: restPath`/tags/${input.resourceArn}`,
			query: { tagKeys: input.tagKeys },
			idempotent: true,
		},
		options,
	);
}

/** ListTagsForResource: GET /tags/{resourceArn}. */
export async function listTagsForResource(
	client: ConnectHealthClient,
	input: { resourceArn: string },
	options?: CallOptions,
): Promise<Tags> {
	return readTags(
		await client.call(
			{
				operation: 'ListTagsForResource',
				method: 'GET',
				path: restPath`/tags/${input.resourceArn}`,
				idempotent: true,
			},
			options,
		),
	);
}
