/**
 * A local SMTP catcher for the summary emails of the examples: accepts every message on 127.0.0.1,
 * keeps it in memory and delivers nothing. Plain SMTP without STARTTLS or AUTH (RFC 5321 subset).
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface CaughtMail {
	from: string;
	to: string[];
	subject: string;
	/** The message as sent (headers and body, dot-stuffing removed). */
	raw: string;
}

export interface SmtpSink {
	port: number;
	messages: CaughtMail[];
	stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function subjectOf(raw: string): string {
	const headers = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
	const line = headers.split(/\r?\n/).find((h) => /^subject:/i.test(h));
	return line ? line.slice(line.indexOf(':') + 1).trim() : '';
}

function session(socket: Socket, deliver: (mail: CaughtMail) => void): void {
	let buffer = '';
	let inData = false;
	let data: string[] = [];
	let envelope = { from: '', to: [] as string[] };
	const reply = (text: string): void => {
		socket.write(`${text}\r\n`);
	};
	const address = (arg: string): string => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

	const command = (line: string): void => {
		const verb = line.slice(0, 4).toUpperCase();
		const arg = line.slice(line.indexOf(':') + 1);
		if (verb === 'EHLO')
			reply('250-127.0.0.1 smtp sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760');
		else if (verb === 'HELO') reply('250 127.0.0.1 smtp sink');
		else if (verb === 'MAIL') {
			envelope = { from: address(arg), to: [] };
			reply('250 OK');
		} else if (verb === 'RCPT') {
			envelope.to.push(address(arg));
			reply('250 OK');
		} else if (verb === 'DATA') {
			if (!envelope.to.length) return reply('503 RCPT first');
			inData = true;
			data = [];
			reply('354 End data with <CR><LF>.<CR><LF>');
		} else if (verb === 'RSET') {
			envelope = { from: '', to: [] };
			reply('250 OK');
		} else if (verb === 'NOOP') reply('250 OK');
		else if (verb === 'QUIT') {
			reply('221 Bye');
			socket.end();
		} else reply('502 Command not implemented');
	};

	socket.on('data', (chunk: Buffer) => {
		buffer += chunk.toString('utf8');
		if (buffer.length > MAX_MESSAGE_BYTES * 2) {
			socket.destroy();
			return;
		}
		let end: number;
		while ((end = buffer.indexOf('\r\n')) >= 0) {
			const line = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			if (!inData) {
				command(line);
				continue;
			}
			if (line !== '.') {
				data.push(line.startsWith('..') ? line.slice(1) : line);
				continue;
			}
			inData = false;
			const raw = data.join('\r\n');
			deliver({ from: envelope.from, to: envelope.to, subject: subjectOf(raw), raw });
			envelope = { from: '', to: [] };
			reply('250 OK: message caught');
		}
	});
	socket.on('error', () => socket.destroy());
	reply('220 127.0.0.1 ESMTP smtp sink');
}

/** Starts the catcher; port 0 picks a free port. `onMessage` sees each mail as it arrives. */
export async function startSmtpSink(
	port = 0,
	onMessage?: (mail: CaughtMail) => void,
): Promise<SmtpSink> {
	const messages: CaughtMail[] = [];
	const deliver = (mail: CaughtMail): void => {
		messages.push(mail);
		onMessage?.(mail);
	};
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		session(socket, deliver);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (typeof address !== 'object' || !address) throw new Error('SMTP sink has no address');
	return {
		port: address.port,
		messages,
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
