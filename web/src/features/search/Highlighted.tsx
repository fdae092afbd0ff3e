import { highlightParts } from '../../domain/search';

/**
 * A server-highlighted string (a result's `title_html` or `snippet`) as text
 * nodes and <mark> elements: nothing of it is ever parsed as HTML, so only the
 * server's <mark> tags take effect and anything else shows as text.
 */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {highlightParts(html).map((part, i) =>
        part.mark ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </>
  );
}
