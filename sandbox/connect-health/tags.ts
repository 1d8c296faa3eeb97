import type { SandboxRequest, SandboxResponse } from '../core/types';
import { LIST_TAGS_INPUT, TAG_RESOURCE_INPUT, UNTAG_RESOURCE_INPUT } from './shapes';
import type { Env } from './state';
import { validateInput } from './validate';
import { json, jsonBody, noContent, notFound } from './wire';

/**
 * Tags for every resource with an ARN here: domains, subscriptions, patient insights jobs.
 * A resource is taggable from creation until its domain is DELETED.
 */

/** Registers a resource (with its initial tags), replacing any tags it had. */
export function replaceTags(env: Env, arn: string, tags: Record<string, string>): void {
	env.state.tags.set(arn, new Map(Object.entries(tags)));
}

export function tagsOf(env: Env, arn: string): Record<string, string> {
	return Object.fromEntries(env.state.tags.get(arn) ?? []);
}

/** Drops a resource and everything under it (`arn` and `arn/...`) from the taggable set. */
export function forgetResources(env: Env, arn: string): void {
	for (const known of [...env.state.tags.keys()]) {
		if (known === arn || known.startsWith(`${arn}/`)) env.state.tags.delete(known);
	}
}

function tagsFor(env: Env, arn: string): Map<string, string> {
	const tags = env.state.tags.get(arn);
	if (!tags) throw notFound(`Resource ${arn} was not found.`);
	return tags;
}

export function listTagsForResource(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(LIST_TAGS_INPUT, labels);
	return json(200, { tags: Object.fromEntries(tagsFor(env, labels.resourceArn)) });
}

export function tagResource(
	env: Env,
	req: SandboxRequest,
	labels: Record<string, string>,
): SandboxResponse {
	const input = { resourceArn: labels.resourceArn, tags: jsonBody(req).tags };
	validateInput(TAG_RESOURCE_INPUT, input);
	const tags = tagsFor(env, input.resourceArn);
	for (const [key, value] of Object.entries(input.tags as Record<string, string>))
		tags.set(key, value);
	return noContent();
}

export function untagResource(
	env: Env,
	req: SandboxRequest,
	labels: Record<string, string>,
): SandboxResponse {
	const keys = req.query.getAll('tagKeys');
	const input = { resourceArn: labels.resourceArn, tagKeys: keys.length > 0 ? keys : undefined };
	validateInput(UNTAG_RESOURCE_INPUT, input);
	const tags = tagsFor(env, input.resourceArn);
	for (const key of keys) tags.delete(key);
	return noContent();
}
