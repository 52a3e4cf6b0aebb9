/** Renders a server highlight; the API escapes everything except `<mark>`, so this is safe as HTML. */
export function Highlighted({ html, className, lang }: { html: string; className?: string; lang?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the API HTML-escapes highlights and adds only <mark>.
  return <span className={className} lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
