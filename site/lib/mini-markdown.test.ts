import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './mini-markdown.ts';

describe('renderMarkdown', () => {
  it('renders inline code, bold, emphasis and links', () => {
    expect(renderMarkdown('Use `INCR` — **atomic**, *not* GET+SET. See [docs](https://redis.io/docs/).')).toBe(
      '<p>Use <code>INCR</code> — <strong>atomic</strong>, <em>not</em> GET+SET. See <a href="https://redis.io/docs/">docs</a>.</p>',
    );
  });

  it('escapes HTML everywhere, including inside code', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> and `<script>`');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps fenced code blocks verbatim, with the language class', () => {
    const html = renderMarkdown('Try:\n\n```ts\nconst a = 1 < 2 && `x`;\n```\n\nDone.');
    expect(html).toBe('<p>Try:</p>\n<pre><code class="language-ts">const a = 1 &lt; 2 &amp;&amp; `x`;</code></pre>\n<p>Done.</p>');
  });

  it('refuses javascript: links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
  });

  it('splits paragraphs on blank lines and joins soft breaks', () => {
    expect(renderMarkdown('a\nb\n\nc')).toBe('<p>a b</p>\n<p>c</p>');
  });
});
