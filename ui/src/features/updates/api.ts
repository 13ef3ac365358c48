// Updates of the desktop program, one function per operation, and which answers the window shows.
// The Tessera window checks, downloads, verifies (the release's signature) and installs; the desk
// asks and shows. In a browser on the LAN updates do not apply: its backend answers `unsupported`.
import type {
  Backend,
  UpdateCheck,
  UpdateChecked,
  UpdateSettings,
} from '../../lib/backend/backend';

/** Null where updates do not apply (a browser on the LAN). */
export function updateSettings(backend: Backend): Promise<UpdateSettings | null> {
  return backend.updatesSettings();
}

export interface UpdateSettingsValues {
  endpoint: string;
  checkOnStart: boolean;
}

export function valuesFrom(settings: UpdateSettings): UpdateSettingsValues {
  return { endpoint: settings.endpoint ?? '', checkOnStart: settings.check_on_start };
}

/** Administrators only; `validation` on `endpoint`. A blank endpoint turns checks off. */
export function saveUpdateSettings(backend: Backend, values: UpdateSettingsValues): Promise<UpdateSettings> {
  const endpoint = values.endpoint.trim();
  return backend.updatesSaveSettings({ endpoint: endpoint === '' ? null : endpoint, check_on_start: values.checkOnStart });
}

/** Asks the update server now; without a network the answer is `offline`, never a failure. */
export function checkForUpdates(backend: Backend): Promise<UpdateCheck> {
  return backend.updatesCheck();
}

/** The last answer since Tessera started (the check on start, say); null before the first. */
export function latestUpdate(backend: Backend): Promise<UpdateCheck | null> {
  return backend.updatesLatest();
}

/** Downloads, verifies and installs the offered update (administrators only). */
export function installUpdate(backend: Backend): Promise<UpdateCheck> {
  return backend.updatesInstall();
}

/** Restarts Tessera, so that the installed version runs. */
export function restartTessera(backend: Backend): Promise<void> {
  return backend.updatesRestart();
}

/** Calls `listener` with every answer the window is told about; returns how to stop listening. */
export function listenForUpdates(backend: Backend, listener: (event: UpdateChecked) => void): () => void {
  return backend.onUpdateChecked(listener);
}
