import type { ContentLanguage } from "@practice-kb/shared";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadCoreStrings } from "@/locales/load";

/**
 * The strings of a practice's own language, for its printed card: `t` in that language once its
 * strings are loaded (they usually are not, unless it is the interface's language), until then null.
 */
export function useCardStrings(language: ContentLanguage): TFunction | null {
  const { i18n } = useTranslation();
  const [loaded, setLoaded] = useState(() => i18n.hasResourceBundle(language, "translation"));

  useEffect(() => {
    if (i18n.hasResourceBundle(language, "translation")) {
      setLoaded(true);
      return;
    }
    let current = true;
    setLoaded(false);
    void loadCoreStrings(language).then((strings) => {
      // deep, without overwriting: another screen may have added this language's other strings.
      i18n.addResourceBundle(language, "translation", strings, true, false);
      if (current) setLoaded(true);
    });
    return () => {
      current = false;
    };
  }, [i18n, language]);

  return loaded ? i18n.getFixedT(language) : null;
}
