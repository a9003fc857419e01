import { describe, expect, it } from 'vitest';
import { escapeHtml, renderDocsPage } from './docs-page.js';

describe('docs page', () => {
  it('escapes everything it prints', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('lists each operation with its access, parameters, body, responses, and every schema; loads nothing', () => {
    const html = renderDocsPage({
      info: { title: 'gw', version: '1', description: 'The <API>.' },
      paths: {
        '/healthz': {
          get: { summary: 'Alive', security: [], responses: { 200: { description: 'ok' } } },
        },
        '/api/orders/{id}': {
          get: { summary: 'One', parameters: [{ name: 'id' }], responses: { 404: {} } },
          post: { requestBody: { content: {} } },
        },
      },
      components: { schemas: { Thing: { type: 'object' } } },
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('The &lt;API&gt;.');
    expect(html).toContain(
      '<span class="m get">GET</span> <code>/healthz</code> <small>public</small>',
    );
    expect(html).toContain(
      '<span class="m get">GET</span> <code>/api/orders/{id}</code> <small>session cookie or API key</small>',
    );
    expect(html).toContain('<summary>Parameters</summary>');
    expect(html).toContain('<summary>Request body</summary>');
    expect(html).toContain('<li><code>404</code> </li>');
    expect(html).toContain('<details id="schema-Thing"><summary>Thing</summary>');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!\S*\/api)/);
  });

  it('renders a document without paths, components or description', () => {
    const html = renderDocsPage({ info: { title: 't', version: '0' } });
    expect(html).toContain('<h1>t <small>0</small></h1>');
    expect(html).toContain('<h2>Operations</h2>\n\n<h2>Schemas</h2>');
  });
});
