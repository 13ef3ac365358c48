// Entry point: mounts the app with the backend for where it runs (Tauri window or browser).
import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/app.css';
import type { Backend } from './lib/backend/backend';
import { createBackend } from './lib/backend/index';

async function chooseBackend(): Promise<Backend> {
  // `vite --mode fake` runs the UI against an in-memory backend with demo data (design work,
  // screenshots). Production builds leave this branch and the fake out.
  if (import.meta.env.MODE === 'fake') {
    const { createDemoBackend } = await import('./testing/demo-backend');
    return createDemoBackend();
  }
  return createBackend();
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void chooseBackend().then((backend) => mount(App, { target, props: { backend } }));
