/** A JavaScript single-quoted string literal's content (the ids allow `'`). */
const jsString = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/</g, '\\x3c').replace(/\n/g, '\\n');

/** An HTML attribute value's content. */
const htmlAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The two script tags a web site pastes to show the chat widget `widgetId` served by the Tandem
 * server at `origin` (`https://cc.example.com`, no trailing slash).
 */
export function widgetSnippet(origin: string, widgetId: string): string {
  const server = origin.replace(/\/+$/, '');
  return (
    `<script>window.tandemWidget = { server: '${jsString(server)}', widgetId: '${jsString(widgetId)}' };</script>\n` +
    `<script src="${htmlAttribute(server)}/widget/tandem-widget.js" async></script>`
  );
}
