/** The parts of an OpenAPI 3.1 document the docs page shows. */
export interface DocumentLike {
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
  };
  readonly paths?: Record<string, Record<string, OperationLike>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

interface OperationLike {
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly unknown[];
  readonly requestBody?: unknown;
  readonly parameters?: unknown;
  readonly responses?: Record<string, { readonly description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const pre = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

function operationHtml(method: string, path: string, op: OperationLike): string {
  const isPublic = op.security !== undefined && op.security.length === 0;
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) =>
        `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}</li>`,
    )
    .join('');
  const parts = [
    `<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>`,
    ` <small>${isPublic ? 'public' : 'session cookie or API key'}</small></h3>`,
    `<p>${escapeHtml(op.summary ?? '')}</p>`,
    op.parameters === undefined
      ? ''
      : `<details><summary>Parameters</summary>${pre(op.parameters)}</details>`,
    op.requestBody === undefined
      ? ''
      : `<details><summary>Request body</summary>${pre(op.requestBody)}</details>`,
    `<ul>${responses}</ul>`,
  ];
  return `<section>${parts.join('')}</section>`;
}

/**
 * A self-contained HTML page (no script, no CDN) listing every operation of the document with its
 * parameters, body and responses, and every named schema.
 */
export function renderDocsPage(doc: DocumentLike): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) =>
      operationHtml(m, path, item[m] as OperationLike),
    ),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(
    ([name, schema]) =>
      `<details id="schema-${escapeHtml(name)}"><summary>${escapeHtml(name)}</summary>${pre(schema)}</details>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} API</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.4rem 0}small{color:#666;font-weight:normal}
.m{display:inline-block;min-width:4rem;font-family:monospace}.get{color:#05668d}.post{color:#7a3e00}
pre{background:#f5f5f5;padding:.6rem;overflow:auto;font-size:13px}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')} The machine-readable document is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<h2>Operations</h2>
${operations.join('\n')}
<h2>Schemas</h2>
${schemas.join('\n')}
</body></html>`;
}
