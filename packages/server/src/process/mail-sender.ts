import type { SendEmailEffect } from '@tandem/core';
import { createTransport, type Transporter } from 'nodemailer';

/** Send Email: plain-text mail through the configured SMTP relay (TANDEM_SMTP_RELAY_HOST / PORT). */
export class ProcessMailSender {
  private transport: Transporter | undefined;

  constructor(private readonly relay: () => { host: string; port: number; from: string }) {}

  /** Resolves with the relay's message id once it accepted the message; throws its refusal. */
  async send(effect: SendEmailEffect): Promise<Record<string, unknown>> {
    const { host, port, from } = this.relay();
    this.transport ??= createTransport({
      host,
      port,
      secure: false,
      requireTLS: false,
      tls: { rejectUnauthorized: false },
    });
    const info = (await this.transport.sendMail({
      from,
      to: effect.to,
      subject: effect.subject,
      text: effect.body,
      messageId: `<${effect.effectId}@tandem.process>`,
    })) as { messageId?: string };
    return { messageId: info.messageId ?? null };
  }

  close(): void {
    this.transport?.close();
  }
}
