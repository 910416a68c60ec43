import type { EmailAddress, EmailMessage } from '@tandem/client';

/** `Ann <ann@example.com>, bob@example.com`. */
export function addressList(list: readonly EmailAddress[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The document shown in the sandboxed frame: the server's sanitised HTML (or the text, escaped),
 * with readable defaults and links opening outside the client.
 */
export function emailDocument(message: Pick<EmailMessage, 'html' | 'text'>): string {
  const body = message.html ?? `<pre style="white-space:pre-wrap;font:inherit">${escapeHtml(message.text)}</pre>`;
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.45;color:#1b2330;margin:12px;word-wrap:break-word}img{max-width:100%;height:auto}</style></head><body>${body}</body></html>`;
}

/** Parses `a@x.org, Ann <ann@y.org>` typed in an address field; blanks dropped. */
export function parseAddresses(text: string): (string | EmailAddress)[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*)<([^>]+)>$/.exec(part);
      return match ? { name: (match[1] ?? '').trim().replace(/^"|"$/g, ''), address: (match[2] ?? '').trim() } : part;
    });
}
