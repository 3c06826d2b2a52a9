import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ErrorBody } from '../../contract/primitives';
import { errorText } from './errors';
import { translate, type Lang, type MessageKey, type Params } from './index';
import { langs } from './lang';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** The clerk's line for an error answer (see errors.ts). */
  err: (error: Pick<ErrorBody, 'code' | 'message'> & { details?: Record<string, unknown> | undefined }) => string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'hall.lang';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return langs.includes(v as Lang) ? (v as Lang) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // A locked-down browser profile: the choice lasts for this page only.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      err: (error) => errorText(error, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
