import nodemailer from 'nodemailer';

export type Mail = { to: string; subject: string; text: string; html: string };
export type Mailer = { send: (m: Mail) => Promise<void>; close: () => void };

/** SMTP through nodemailer; `smtpUrl` like smtp://user:pass@host:587 or smtps://host:465. */
export function createMailer(opts: { smtpUrl: string; from: string }): Mailer {
	const transport = nodemailer.createTransport(opts.smtpUrl);
	return {
		send: async (m) => {
			await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
		},
		close: () => transport.close()
	};
}
