/** Composition root: builds the API client, picks the message catalogue, mounts the app. */
import { render } from 'preact';
import { createApiClient } from '../api/client';
import { App } from './App';
import { en } from './messages/en';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/forms.css';
import './styles/data.css';
import './styles/knowledge.css';
import './styles/search.css';

const kApiTimeoutMs = 10_000;

const api = createApiClient({
  baseUrl: '/api/v1',
  timeoutMs: kApiTimeoutMs,
  fetch: (input, init) => globalThis.fetch(input, init),
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html must contain <div id="root">');
render(<App api={api} messages={en} />, root);
