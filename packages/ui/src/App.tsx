import type { FolioApi } from '@folio/core/contract';
import { ApiProvider } from './api/ApiContext';
import { CommandsProvider } from './shell/commands';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Shell, type ShellHost } from './shell/Shell';
import { ToastProvider } from './shell/Toasts';

export interface AppProps {
  api: FolioApi;
  host?: ShellHost;
}

export function App({ api, host }: AppProps) {
  return (
    <ErrorBoundary label="Folio">
      <ApiProvider api={api}>
        <ToastProvider>
          <CommandsProvider>
            <Shell host={host} />
          </CommandsProvider>
        </ToastProvider>
      </ApiProvider>
    </ErrorBoundary>
  );
}
