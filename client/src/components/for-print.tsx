/**
 * Words shown in the interface's language on screen and in another (a practice's own) on paper, so a
 * printed Polish card reads Polish throughout whatever language the desk uses. When both are the same,
 * one text; otherwise the other is display:none in its medium, so a screen reader reads only one.
 */
export function ForPrint({ screen, print, lang }: { screen: string; print: string; lang: string }) {
  if (screen === print) return <>{screen}</>;
  return (
    <>
      <span className="screen-only">{screen}</span>
      <span className="print-only" lang={lang}>
        {print}
      </span>
    </>
  );
}
