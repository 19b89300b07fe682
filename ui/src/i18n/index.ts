import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../bindings";
import en from "./en.json";
import vi from "./vi.json";

export const LANG_STORAGE_KEY = "journey-studio.lang";
export const LANGS: Lang[] = ["en", "vi"];

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === "en" || v === "vi" ? v : null;
  } catch {
    return null;
  }
}

/** The remembered language, else the system's (vi* → vi), else English. */
export function detectLang(): Lang {
  const stored = storedLang();
  if (stored) return stored;
  const nav = typeof navigator !== "undefined" ? navigator.language || "" : "";
  return nav.toLowerCase().startsWith("vi") ? "vi" : "en";
}

export function currentLang(): Lang {
  return i18n.language === "vi" ? "vi" : "en";
}

/** Switches the UI language and remembers it. */
export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembered; still switch for this session.
  }
  await i18n.changeLanguage(lang);
}

i18n.on("languageChanged", (lng) => {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, vi: { translation: vi } },
  lng: detectLang(),
  fallbackLng: "en",
  supportedLngs: LANGS,
  interpolation: { escapeValue: false }, // React escapes text itself.
  returnNull: false,
  initAsync: false,
});

export default i18n;
