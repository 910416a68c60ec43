import sanitizeHtml from 'sanitize-html';

export interface SanitizeEmailHtmlOptions {
  /**
   * Keep `http(s)` images (the user's "always download external content" setting, or the
   * per-message unblock). Default false: a remote image is a read receipt the sender controls.
   */
  readonly allowRemoteImages?: boolean;
}

export interface SanitizedEmailHtml {
  readonly html: string;
  /** How many remote images were replaced; more than 0 means "show the privacy banner". */
  readonly blockedImages: number;
}

/** Marks where a remote image was; holds its alt text. */
export const BLOCKED_IMAGE_ATTRIBUTE = 'data-blocked-image';

// prettier-ignore
const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
  'col', 'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

const CELL = ['align', 'valign', 'width', 'height', 'bgcolor', 'colspan', 'rowspan', 'nowrap'];
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['dir', 'lang', 'title', 'align', 'style'],
  a: ['href', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height', BLOCKED_IMAGE_ATTRIBUTE],
  span: [BLOCKED_IMAGE_ATTRIBUTE],
  font: ['color', 'face', 'size'],
  table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
  td: CELL,
  th: CELL,
  tr: ['valign', 'bgcolor'],
  col: ['width', 'span'],
  colgroup: ['width', 'span'],
  ol: ['start', 'type'],
  li: ['value'],
  blockquote: ['type'],
};

// Inline styles are how email is formatted, so a subset survives, each value matched whole. Nothing
// that positions an element (a `position: fixed` overlay can fake the agent's UI), nothing with
// `url(`, `expression(` or `@import`, no custom properties.
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\(\s*[\d.%\s,/]+\))$/i;
const LENGTH = /^-?\d*\.?\d+(px|pt|em|rem|%|ex|ch|cm|mm|in)?$/i;
const LENGTHS =
  /^(-?\d*\.?\d+(px|pt|em|rem|%|ex|ch|cm|mm|in)?|auto)(\s+(-?\d*\.?\d+(px|pt|em|rem|%|ex|ch|cm|mm|in)?|auto)){0,3}$/i;
const BORDER =
  /^(\d*\.?\d+(px|pt|em)?\s*)?(none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset)?(\s*(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\(\s*[\d.%\s,/]+\)))?$/i;
const WORD = /^[a-z-]{1,30}$/i;
const FONT_FAMILY = /^[\w\s,'"-]{1,200}$/;
// prettier-ignore
const ALLOWED_STYLES: Record<string, RegExp[]> = {
  color: [COLOR], 'background-color': [COLOR], 'border-color': [COLOR],
  'font-family': [FONT_FAMILY], 'font-size': [LENGTH, WORD], 'font-weight': [/^(\d{3}|[a-z]+)$/i],
  'font-style': [WORD], 'text-align': [WORD], 'text-decoration': [/^[a-z\s-]{1,40}$/i], 'text-indent': [LENGTH],
  'text-transform': [WORD], 'vertical-align': [WORD, LENGTH], 'white-space': [WORD], 'line-height': [LENGTH, WORD],
  'letter-spacing': [LENGTH, WORD], 'list-style-type': [WORD], 'border-collapse': [WORD], 'table-layout': [WORD],
  margin: [LENGTHS], 'margin-top': [LENGTH, WORD], 'margin-right': [LENGTH, WORD], 'margin-bottom': [LENGTH, WORD],
  'margin-left': [LENGTH, WORD], padding: [LENGTHS], 'padding-top': [LENGTH], 'padding-right': [LENGTH],
  'padding-bottom': [LENGTH], 'padding-left': [LENGTH], width: [LENGTH, WORD], height: [LENGTH, WORD],
  'max-width': [LENGTH, WORD], 'min-width': [LENGTH], border: [BORDER], 'border-top': [BORDER],
  'border-right': [BORDER], 'border-bottom': [BORDER], 'border-left': [BORDER], 'border-width': [LENGTHS],
  'border-style': [WORD], 'border-radius': [LENGTHS], display: [/^(block|inline|inline-block|none|table|table-cell|table-row)$/i],
};

// Elements whose content goes with them instead of showing up as text.
// prettier-ignore
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'xmp', 'iframe', 'noembed',
  'noframes', 'object', 'svg', 'math', 'select', 'button',
];

// Raster formats only: an SVG data URI can carry script when opened on its own.
const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const REMOTE = /^(https?:)?\/\//i;
const LINK = /^(https?:\/\/|mailto:|tel:)/i;
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer nofollow' };

/**
 * Makes received HTML safe to show inside the agent's page: an allow-list of formatting tags and
 * attributes; no script, style sheet, form, frame, object, SVG or meta element; no event handler;
 * links only to http(s), mailto and tel and opened in a new tab without referrer; images only from
 * `cid:` (the message's own attachments) and raster `data:` URIs, plus http(s) when
 * `allowRemoteImages`. A remote image otherwise becomes a `<span data-blocked-image>` holding its
 * alt text. Never throws; garbage in gives escaped text out.
 */
export function sanitizeEmailHtmlWithReport(html: string, options: SanitizeEmailHtmlOptions = {}): SanitizedEmailHtml {
  let blockedImages = 0;
  const imageSchemes = options.allowRemoteImages ? ['cid', 'data', 'http', 'https'] : ['cid', 'data'];
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: { '*': ALLOWED_STYLES },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: imageSchemes },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      // Only absolute links survive: a relative one would point into Tandem itself.
      a: (tagName, attribs) => {
        const link = (attribs.href ?? '').trim();
        const { href: _href, ...rest } = attribs;
        return { tagName, attribs: { ...(LINK.test(link) ? { ...attribs, href: link } : rest), ...NEW_TAB } };
      },
      img: (tagName, attribs) => {
        const source = (attribs.src ?? '').trim();
        const remote = REMOTE.test(source);
        if (remote && !options.allowRemoteImages) {
          blockedImages++;
          return { tagName: 'span', attribs: { [BLOCKED_IMAGE_ATTRIBUTE]: '' }, text: attribs.alt ?? '' };
        }
        // A relative src would make the agent's browser request a Tandem URL with its cookies.
        const keep = /^cid:/i.test(source) || DATA_IMAGE.test(source) || (remote && /^https?:/i.test(source));
        const { src: _src, ...rest } = attribs;
        return { tagName, attribs: keep ? { ...attribs, src: source } : rest };
      },
    },
  });
  return { html: clean, blockedImages };
}

/** `sanitizeEmailHtmlWithReport` without the count. */
export function sanitizeEmailHtml(html: string, options: SanitizeEmailHtmlOptions = {}): string {
  return sanitizeEmailHtmlWithReport(html, options).html;
}
