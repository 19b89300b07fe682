import { useTranslation } from "react-i18next";
import { LANGS, setLang } from "../i18n";

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t("toolbar.language")}>
      {LANGS.map((lang) => (
        <button
          key={lang}
          type="button"
          data-testid={`lang-${lang}`}
          aria-pressed={i18n.language === lang}
          title={t(`lang.${lang}`)}
          onClick={() => void setLang(lang)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
