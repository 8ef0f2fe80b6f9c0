import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export type Received = { from: string; to: string[]; raw: string; subject: string; text: string };

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtp() {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const [head = '', ...body] = raw.split(/\r?\n\r?\n/);
				const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
				received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, subject, text: body.join('\n\n') });
				done();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		/** Mail to one address, oldest first. */
		to: (address: string) => received.filter((m) => m.to.includes(address)),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Quoted-printable as nodemailer writes it, back to text. */
export const unqp = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** The guest token in an invitation's personal link. */
export const guestTokenIn = (text: string) => /https?:\/\/\S+\/g\/(g1\.[A-Za-z0-9_-]+)/.exec(unqp(text))?.[1];
