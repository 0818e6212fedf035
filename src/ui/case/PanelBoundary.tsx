/**
 * Keeps one failing panel from blanking the screen: shows what went wrong and a way on, while the
 * rest of the case (already saved automatically) stays usable.
 */
import { Component, type ReactNode } from 'react';
import { t } from '../../i18n';

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
          {t('case.panelStopped', { message: this.state.error.message })}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t('case.tryAgain')}
        </button>
      </section>
    );
  }
}
