import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml, sanitizeEmailHtmlWithReport } from '../src/channels/email/index.js';

// Classic vectors (OWASP XSS filter evasion cheat sheet and friends). Whatever comes out must hold
// nothing that runs script, loads a frame, submits a form, restyles the page or reaches the network.
const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC=" &#14;  javascript:alert(1);">',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"//>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JAVASCRIPT:alert(1)">click</a>',
  '<a href="  javascript:alert(1)">click</a>',
  '<a href="java\0script:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="/api/v1/session" >relative</a>',
  '<body onload=alert(1)>',
  '<BODY BACKGROUND="javascript:alert(1)">',
  '<div onmouseover="alert(1)">hover</div>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="https://phish.example/"><input name="password"><button>Log on</button></form>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>@import "https://evil.example/x.css"; body { display: none }</style>',
  '<div style="background-image: url(https://evil.example/beacon.png)">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<div style="position: fixed; top: 0; left: 0; width: 100%; height: 100%">fake log-on</div>',
  '<div style="behavior: url(xss.htc)">x</div>',
  '<table background="https://evil.example/beacon.png"><tr><td>x</td></tr></table>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img srcset="https://evil.example/beacon.png 1x" src="cid:logo">',
  '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<a id="__proto__" name="location" class="modal">clobber</a>',
];

const DANGEROUS = [
  /<\s*(script|iframe|object|embed|svg|math|style|form|input|button|base|meta|link|body|video|noscript)\b/i,
  /\son[a-z]+\s*=/i,
  /javascript:|vbscript:|data:text/i,
  /expression\(|url\(|@import|position|behavior/i,
  /evil\.example|xss\.example|phish\.example/i,
  /srcdoc|srcset|\bid=|\bname=|\bclass=/i,
  /href="\//i,
];

describe('sanitizeEmailHtml', () => {
  it.each(XSS_VECTORS)('leaves nothing active or remote of %s', (vector) => {
    const clean = sanitizeEmailHtml(vector);
    for (const pattern of DANGEROUS) expect(clean).not.toMatch(pattern);
  });

  it('keeps ordinary email formatting: tables, fonts, lists, links and safe inline styles', () => {
    const html =
      '<table width="600" cellpadding="4"><tr><td bgcolor="#eeeeee" style="color: #333; padding: 4px 8px">' +
      '<font face="Arial" size="2"><b>Order</b> <i>42</i></font></td></tr></table>' +
      '<ul><li>one</li></ul><a href="https://shop.example/orders/42">Track</a> <a href="mailto:help@shop.example">Mail</a>';

    expect(sanitizeEmailHtml(html)).toBe(
      '<table width="600" cellpadding="4"><tr><td bgcolor="#eeeeee" style="color:#333;padding:4px 8px">' +
        '<font face="Arial" size="2"><b>Order</b> <i>42</i></font></td></tr></table>' +
        '<ul><li>one</li></ul>' +
        '<a href="https://shop.example/orders/42" target="_blank" rel="noopener noreferrer nofollow">Track</a> ' +
        '<a href="mailto:help@shop.example" target="_blank" rel="noopener noreferrer nofollow">Mail</a>',
    );
  });

  it('replaces a remote image by a marker holding its alt text and counts it', () => {
    const report = sanitizeEmailHtmlWithReport(
      '<p>Hi <img src="https://tracker.example/open.gif?u=1" alt="Our logo"><img src="//tracker.example/b.gif"></p>',
    );
    expect(report).toEqual({
      html: '<p>Hi <span data-blocked-image>Our logo</span><span data-blocked-image></span></p>',
      blockedImages: 2,
    });
  });

  it('keeps remote images when they are allowed', () => {
    const report = sanitizeEmailHtmlWithReport('<img src="https://shop.example/logo.png" alt="logo">', {
      allowRemoteImages: true,
    });
    expect(report).toEqual({ html: '<img src="https://shop.example/logo.png" alt="logo" />', blockedImages: 0 });
  });

  it("keeps the message's own inline images and raster data URIs, and drops relative image sources", () => {
    expect(sanitizeEmailHtml('<img src="cid:logo@shop" alt="l">')).toBe('<img src="cid:logo@shop" alt="l" />');
    expect(sanitizeEmailHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
    expect(sanitizeEmailHtml('<img src="/api/v1/session/logout">')).toBe('<img />');
  });

  it('drops the content of head, title and style instead of showing it as text', () => {
    const html =
      '<html><head><title>Newsletter</title><style>p{color:red}</style></head><body><p>Body</p></body></html>';
    expect(sanitizeEmailHtml(html)).toBe('<p>Body</p>');
  });
});
