// @folio/ui: the React app. It talks only to the injected FolioApi client (IPC or HTTP).
import { StrictMode, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type AppProps } from './App';

export { App, type AppProps } from './App';
export type { ShellHost } from './shell/Shell';
export { useApi, useCall, useEvent, ApiProvider } from './api/ApiContext';

export function mountApp(element: HTMLElement, props: AppProps): () => void {
  const root = createRoot(element);
  root.render(createElement(StrictMode, null, createElement(App, props)));
  return () => root.unmount();
}
