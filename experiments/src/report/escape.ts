const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and SVG content and quoted attribute values. Arm names, labels and group
 * names come from user specs, so every piece of text in the report goes through here. Control
 * characters become U+FFFD: they are not allowed in HTML and would make the page a parse error.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c])
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** Shortens a label to `max` characters with an ellipsis (the full text goes in a tooltip). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
