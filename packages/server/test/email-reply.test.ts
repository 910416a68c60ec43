import { describe, expect, it } from 'vitest';
import {
  buildForwardDraft,
  buildReplyAllDraft,
  buildReplyDraft,
  draftToOutboundEmail,
  forwardSubject,
  replySubject,
  validateOutboundEmail,
  type InboundAttachment,
} from '../src/channels/email/index.js';
import { anInboundEmail, BILLING, SALES, SUPPORT } from './email-test-kit.js';

const mailbox = { address: SUPPORT, name: 'Tandem Support' };
const ann = { address: 'ann@customer.example', name: 'Ann Customer' };
const bob = { address: 'bob@customer.example', name: 'Bob' };
const carol = { address: 'carol@partner.example', name: 'Carol' };

function anAttachment(overrides: Partial<InboundAttachment> = {}): InboundAttachment {
  const content = new Uint8Array([1, 2, 3, 4]);
  return {
    filename: 'photo.png',
    contentType: 'image/png',
    size: content.byteLength,
    content,
    contentId: null,
    inline: false,
    ...overrides,
  };
}

describe('subjects', () => {
  it('puts Re: in front of a subject once, whatever the case of an existing prefix', () => {
    expect(replySubject('My order')).toBe('Re: My order');
    expect(replySubject('Re: My order')).toBe('Re: My order');
    expect(replySubject('RE:My order')).toBe('RE:My order');
    expect(replySubject('re[2]: My order')).toBe('re[2]: My order');
    expect(replySubject('Fw: My order')).toBe('Re: Fw: My order');
  });

  it('puts Fw: in front of a subject unless it already starts with Fw: or Fwd:', () => {
    expect(forwardSubject('My order')).toBe('Fw: My order');
    expect(forwardSubject('FWD: My order')).toBe('FWD: My order');
    expect(forwardSubject('Re: My order')).toBe('Fw: Re: My order');
  });

  it('keeps a prefixed subject within 1024 characters so the reply can be sent', () => {
    const subject = replySubject('x'.repeat(1024));
    expect(subject).toHaveLength(1024);
    expect(subject.startsWith('Re: ')).toBe(true);
  });
});

describe('reply', () => {
  it('answers the sender from the mailbox, threaded on the original Message-ID', () => {
    const draft = buildReplyDraft(anInboundEmail(), { mailbox });

    expect(draft).toMatchObject({
      kind: 'reply',
      from: mailbox,
      to: [ann],
      cc: [],
      bcc: [],
      subject: 'Re: My order',
      inReplyTo: '<m1@customer.example>',
      references: ['<m1@customer.example>'],
      html: null,
      attachments: [],
    });
  });

  it('answers the Reply-To address instead of the sender when the mail has one', () => {
    const draft = buildReplyDraft(anInboundEmail({ replyTo: [carol] }), { mailbox });
    expect(draft.to).toEqual([carol]);
  });

  it('extends the References chain and falls back to In-Reply-To when References is missing', () => {
    const withChain = anInboundEmail({ references: ['<a@x>', '<b@x>'], inReplyTo: '<b@x>' });
    expect(buildReplyDraft(withChain, { mailbox }).references).toEqual(['<a@x>', '<b@x>', '<m1@customer.example>']);
    const onlyInReplyTo = anInboundEmail({ inReplyTo: '<b@x>' });
    expect(buildReplyDraft(onlyInReplyTo, { mailbox }).references).toEqual(['<b@x>', '<m1@customer.example>']);
  });

  it('has no In-Reply-To when the original had no Message-ID', () => {
    const draft = buildReplyDraft(anInboundEmail({ messageId: null }), { mailbox });
    expect(draft.inReplyTo).toBeNull();
    expect(draftToOutboundEmail(draft)).not.toHaveProperty('inReplyTo');
  });

  it('quotes the original text under an attribution line', () => {
    const draft = buildReplyDraft(anInboundEmail({ text: 'Line one\r\n\r\n> earlier quote\r\n' }), { mailbox });
    expect(draft.text).toBe(
      '\n\nOn Mon, 02 Mar 2026 09:30:00 GMT, Ann Customer <ann@customer.example> wrote:\n' +
        '> Line one\n>\n>> earlier quote\n',
    );
  });

  it('answers an HTML mail in HTML, quoting the sanitized original and carrying the inline images it shows', () => {
    const logo = anAttachment({ filename: 'logo.png', contentId: 'logo@x', inline: true });
    const unrelated = anAttachment({ filename: 'report.pdf', contentType: 'application/pdf' });
    const original = anInboundEmail({
      html: '<p onclick="steal()">Hi <img src="cid:logo@x"></p><script>alert(1)</script>',
      attachments: [logo, unrelated],
    });
    const draft = buildReplyDraft(original, { mailbox });

    expect(draft.html).toContain('<blockquote type="cite"');
    expect(draft.html).toContain('<p>Hi <img src="cid:logo@x" /></p>');
    expect(draft.html).not.toMatch(/script|onclick/);
    expect(draft.html).toContain('Ann Customer &#60;ann@customer.example&#62; wrote:');
    expect(draft.attachments).toEqual([
      { filename: 'logo.png', contentType: 'image/png', content: logo.content, contentId: 'logo@x' },
    ]);
  });

  it('leaves the mailbox out of a reply to its own mail, and such a draft is refused for lack of a recipient', () => {
    const draft = buildReplyDraft(anInboundEmail({ from: { address: 'SUPPORT@tandem.test', name: '' } }), { mailbox });
    expect(draft.to).toEqual([]);
    expect(() => validateOutboundEmail(draftToOutboundEmail(draft))).toThrow(/^to: at least one recipient/);
  });
});

describe('reply all', () => {
  it('answers the sender and every other recipient, leaving out the mailbox and duplicates', () => {
    const original = anInboundEmail({
      to: [{ address: 'Support@Tandem.test', name: 'Support' }, bob, { address: 'BOB@customer.example', name: '' }],
      cc: [carol, { address: 'ANN@customer.example', name: '' }],
    });
    const draft = buildReplyAllDraft(original, { mailbox });

    expect(draft.kind).toBe('reply-all');
    expect(draft.to).toEqual([ann, bob]);
    expect(draft.cc).toEqual([carol]);
  });

  it('answers Reply-To and the original recipients but not the sender when the mail has a Reply-To', () => {
    const original = anInboundEmail({ replyTo: [carol], to: [mailbox, bob] });
    const draft = buildReplyAllDraft(original, { mailbox });

    expect(draft.to).toEqual([carol, bob]);
    expect(draft.to).not.toContainEqual(ann);
  });

  it('leaves out every mailbox of this server the mail reached and any own address given', () => {
    const original = anInboundEmail({
      to: [mailbox, { address: SALES, name: '' }, bob],
      cc: [
        { address: BILLING, name: '' },
        { address: 'noreply@tandem.test', name: '' },
      ],
      envelope: { mailFrom: ann.address, rcptTo: [SUPPORT, SALES, BILLING] },
    });
    const draft = buildReplyAllDraft(original, { mailbox, ownAddresses: ['NoReply@tandem.test'] });

    expect(draft.to).toEqual([ann, bob]);
    expect(draft.cc).toEqual([]);
  });
});

describe('forward', () => {
  it('starts with no recipients, keeps every attachment and puts the original under a header block', () => {
    const files = [anAttachment(), anAttachment({ filename: 'logo.png', contentId: 'logo@x', inline: true })];
    const original = anInboundEmail({ cc: [bob], references: ['<a@x>'], attachments: files });
    const draft = buildForwardDraft(original, { mailbox });

    expect(draft).toMatchObject({
      kind: 'forward',
      from: mailbox,
      to: [],
      cc: [],
      subject: 'Fw: My order',
      inReplyTo: null,
      references: ['<a@x>', '<m1@customer.example>'],
      html: null,
    });
    expect(draft.attachments.map((file) => file.filename)).toEqual(['photo.png', 'logo.png']);
    expect(draft.attachments[1]?.contentId).toBe('logo@x');
    expect(draft.text).toContain(
      '---------- Forwarded message ----------\n' +
        'From: Ann Customer <ann@customer.example>\n' +
        'Date: Mon, 02 Mar 2026 09:30:00 GMT\n' +
        'Subject: My order\n' +
        'To: Support <support@tandem.test>\n' +
        'Cc: Bob <bob@customer.example>\n\n' +
        'Where is my order?\nIt is late.',
    );
  });

  it('needs a recipient before it can be sent', () => {
    const draft = buildForwardDraft(anInboundEmail(), { mailbox });
    expect(() => validateOutboundEmail(draftToOutboundEmail(draft))).toThrow(/^to:/);
    const addressed = { ...draftToOutboundEmail(draft), to: [carol] };
    expect(() => validateOutboundEmail(addressed)).not.toThrow();
  });
});
