import { contextBridge, ipcRenderer } from 'electron';
import type { DepotBridge } from '../../base/common/client.ts';

// The whole surface the page gets: one call into the typed API. Main checks the sender and parses every argument.
const bridge: DepotBridge = {
  call: (method, input, session) => ipcRenderer.invoke('depot:call', method, input, session),
};

contextBridge.exposeInMainWorld('depot', bridge);
