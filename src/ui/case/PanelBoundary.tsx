/**
 * Keeps one failing panel from blanking the screen: shows what went wrong and a way on, while the
 * rest of the case (already saved automatically) stays usable.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
}

export class PanelBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="panel" aria-label={this.props.title}>
        <h3>{this.props.title}</h3>
        <p role="alert" className="message error">
          This part of the screen stopped because of an unexpected error: {this.state.error.message}. Your
          entries are saved; the other panels keep working.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
