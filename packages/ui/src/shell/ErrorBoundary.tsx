import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Changing this (e.g. the route) clears a caught error. */
  resetKey?: string;
  label?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  stack: string | null;
}

/**
 * Catches a failing page and shows what failed, with a way back. Drafts are saved by the editor as the
 * user types (see the journal), so a crash here never loses text; the rest of the app keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, stack: null };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ stack: info.componentStack ?? null });
    console.error('[folio] UI error', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null, stack: null });
  }

  override render() {
    const { error, stack } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-boundary" role="alert">
        <h2>{this.props.label ?? 'This page'} failed to show</h2>
        <p className="error-message">{error.message || String(error)}</p>
        <p className="muted">
          Anything you were typing was saved as a draft and comes back when the page reopens. The rest of Folio still works.
        </p>
        <div className="row">
          <button type="button" className="button primary" onClick={() => this.setState({ error: null, stack: null })}>
            Try again
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard?.writeText(`${error.stack ?? error.message}\n${stack ?? ''}`)}
          >
            Copy details
          </button>
        </div>
        {stack && (
          <details>
            <summary>Details</summary>
            <pre>{`${error.stack ?? ''}${stack}`}</pre>
          </details>
        )}
      </div>
    );
  }
}
