// Picks the transport: Tauri IPC inside the desktop window, HTTP in a plain browser.
import { isTauri } from '@tauri-apps/api/core';
import type { Backend } from './backend';
import { createHttpBackend } from './http';
import { createIpcBackend } from './ipc';

export function createBackend(): Backend {
  return isTauri() ? createIpcBackend() : createHttpBackend();
}
