// The small Markdown subset lab manifests use in `summary` and `hints`: paragraphs, fenced code
// blocks, `code`, **bold**, *emphasis* and [links](url). Rendered at build time, HTML-escaped
// first so manifest text can never inject markup.
const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function inline(text: string): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
        .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/|#)[^)\s]*)\)/g, '<a href="$2">$1</a>');
    })
    .join('');
}

/** Render the subset to HTML. */
export function renderMarkdown(source: string): string {
  const out: string[] = [];
  const blocks = source.replace(/\r\n/g, '\n').split(/(```[^\n]*\n[\s\S]*?\n```)/);
  for (const block of blocks) {
    const fence = /^```([^\n]*)\n([\s\S]*?)\n```$/.exec(block);
    if (fence) {
      const lang = fence[1]!.trim();
      out.push(`<pre><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${escapeHtml(fence[2]!)}</code></pre>`);
      continue;
    }
    for (const para of block.split(/\n{2,}/)) {
      const trimmed = para.trim();
      if (trimmed) out.push(`<p>${inline(trimmed.replace(/\n/g, ' '))}</p>`);
    }
  }
  return out.join('\n');
}
