import { askHeidi } from '../content/ask';
import { fragments } from '../content/format';
import { optionalEnum, requiredString } from '../fields';
import { objectId } from '../ids';
import { ownedSession, touch } from '../model/session';
import type { Route } from '../router';
import { streamFragments } from '../stream';
import { readObject } from '../wire';
import { CONTENT_TYPES } from './notes';

export const askRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/ask-ai',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			const body = readObject(c.req);
			const command = requiredString(body, 'ai_command_text');
			const content = requiredString(body, 'content');
			const contentType = optionalEnum(body, 'content_type', CONTENT_TYPES) ?? 'MARKDOWN';
			const answer = askHeidi(command, content, contentType, session.encounter);
			session.consultNote.ai_command_id = objectId();
			session.consultNote.ai_command_text = command;
			touch(c.world, session);
			c.world.stats.askAi++;
			const { streamFormat, streamChunkDelayMs } = c.world.options;
			return streamFragments(fragments(answer), streamFormat, streamChunkDelayMs, () => undefined);
		},
	},
];
