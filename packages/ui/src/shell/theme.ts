import { useEffect, useState } from 'react';

export type ThemeSetting = 'system' | 'light' | 'dark';

function systemDark(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-color-scheme: dark)').matches;
}

/** Applies the theme to <html data-theme> and follows the system while the setting is 'system'. */
export function useAppliedTheme(setting: ThemeSetting): 'light' | 'dark' {
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const applied = setting === 'system' ? (dark ? 'dark' : 'light') : setting;
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  return applied;
}
