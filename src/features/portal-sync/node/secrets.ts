/**
 * What the portal says back is kept and shown (an update's last error, a test's result, the
 * pause reason, the log), and a portal may echo the request it got. Before any of it is stored or
 * shown, credentials are cut out: the token itself, Authorization values, bearer tokens and
 * token-like query parts.
 */

const HIDDEN = '[hidden]';

const patterns: [RegExp, string][] = [
  // "Authorization: Bearer x", "authorization=x", "\"authorization\":\"Bearer x\"".
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)[^"'\r\n,;}&]*/gi, `$1$2${HIDDEN}`],
  [/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${HIDDEN}`],
  [/\b(access_token|refresh_token|id_token|api_key|apikey|token)=[^&\s"'<>]*/gi, `$1=${HIDDEN}`],
];

/** The text with every credential in it replaced by "[hidden]"; `secrets` are cut out wherever they appear. */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // A secret of a few characters would cut ordinary words; tokens are longer.
    if (!secret || secret.length < 6) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(HIDDEN);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
