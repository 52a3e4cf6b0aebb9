import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { MenuIcon } from "@/components/icons";

const MENU_ID = "site-menu";

/**
 * The header's navigation, account and language. On a phone they fold behind a Menu button, so the
 * header is one row and the desk's search starts near the top; on wider screens (frame.css) the button
 * is hidden and the menu's contents sit in the header row as before.
 */
export function SiteMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { pathname, search } = useLocation();

  // Choosing a page (or a search from the menu's links) closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of address, by design.
  useEffect(() => setOpen(false), [pathname, search]);

  // Escape closes the open menu and returns to its button (before the page's own Escape, which goes back).
  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown, { capture: true });
    return () => document.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [open]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="menu-toggle button button-secondary"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <MenuIcon />
        {t("app.menu")}
      </button>
      <div id={MENU_ID} className="site-menu" data-open={open}>
        {children}
      </div>
    </>
  );
}
