import { useRef, useState } from 'react';
import { Button } from '../../app/ui/button.js';
import { widgetSnippet } from './widget-snippet.js';

/** The script a web site pastes to show this widget, with a Copy script button. */
export function WidgetEmbed({ widgetId }: { widgetId: string }) {
  const snippet = widgetSnippet(location.origin, widgetId);
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const pre = useRef<HTMLPreElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('yes');
    } catch {
      // No clipboard API (a page served over plain http from another host): select the text instead.
      const selection = window.getSelection();
      if (pre.current && selection) {
        selection.selectAllChildren(pre.current);
        setCopied(document.execCommand('copy') ? 'yes' : 'no');
      } else setCopied('no');
    }
  };
  return (
    <section className="widget-embed card" aria-label="Embed this widget">
      <div className="row">
        <h3>Add to a web site</h3>
        <span className="spacer" />
        <Button size="sm" variant="primary" data-testid="action-copy-script" onClick={() => void copy()}>
          Copy script
        </Button>
      </div>
      <pre ref={pre} className="mono snippet" data-testid="widget-snippet" tabIndex={0} aria-label="Widget script">
        {snippet}
      </pre>
      <p className="muted" role="status">
        {copied === 'yes'
          ? 'Copied: paste it before </body> on the page.'
          : copied === 'no'
            ? 'The browser refused the clipboard: the text above is selected, copy it with Ctrl+C.'
            : 'Paste it before </body> on every page that should offer the chat.'}
      </p>
    </section>
  );
}
