import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/styles.css';
import { registerMessageTransfer } from './util/comlinkMessages';

// Before any worker is wrapped (src/ui/studio/training.ts relies on this one): a MessageError thrown
// in a worker arrives with its code and params.
registerMessageTransfer();

const root = document.getElementById('root');
if (!root) throw new Error('SonoMiR: #root element missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
