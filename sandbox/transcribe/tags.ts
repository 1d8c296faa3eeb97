/**
 * TagResource / UntagResource / ListTagsForResource over the emulator's taggable resources, addressed
 * by ARN: `arn:aws:transcribe:<region>:<account>:<type>/<name>` with type medical-scribe-job,
 * vocabulary, medical-vocabulary or vocabulary-filter. A well-formed ARN that names nothing here
 * (another Region or account, a missing resource) is a NotFoundException.
 */
import type { EmulatorContext } from '../core/types';
import type { Tag } from './shapes';
import { notFound } from './resourceRequests';
import { badRequest } from './validate';

export const MAX_TAGS_PER_RESOURCE = 200;

/** Reads and replaces the tags of one resource. */
export interface Taggable {
	tags(): Tag[];
	setTags(tags: Tag[]): void;
}

export type TaggableLookup = (type: string, name: string) => Taggable | undefined;

export function resourceArn(ctx: EmulatorContext, type: string, name: string): string {
	return `arn:aws:transcribe:${ctx.region}:${ctx.accountId}:${type}/${name}`;
}

export function createTagging(ctx: EmulatorContext, lookup: TaggableLookup) {
	const resolve = (arn: string): Taggable => {
		const m =
			/^arn:aws(?:-[^:]+)?:transcribe:([a-zA-Z0-9-]*):([0-9]{12}):([a-zA-Z-]*)\/([0-9a-zA-Z._-]+)$/.exec(
				arn,
			);
		const found =
			m && m[1] === ctx.region && m[2] === ctx.accountId ? lookup(m[3], m[4]) : undefined;
		if (!found) throw notFound('resource');
		return found;
	};
	return {
		tag(arn: string, tags: Tag[]): void {
			const resource = resolve(arn);
			const merged = new Map(resource.tags().map((t) => [t.Key, t.Value]));
			for (const t of tags) merged.set(t.Key, t.Value);
			if (merged.size > MAX_TAGS_PER_RESOURCE)
				throw badRequest(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
			resource.setTags([...merged].map(([Key, Value]) => ({ Key, Value })));
		},
		untag(arn: string, keys: string[]): void {
			const resource = resolve(arn);
			resource.setTags(resource.tags().filter((t) => !keys.includes(t.Key)));
		},
		list(arn: string): Tag[] {
			return resolve(arn).tags();
		},
	};
}
