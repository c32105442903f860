import { contextBridge, ipcRenderer } from 'electron';
import { caseChangeEventOf, type DepotBridge } from '../../base/common/client.ts';

// The whole surface the page gets: one call into the typed API (main checks the sender and parses
// every argument), and the change feed of cases, each event checked before the page sees it.
const bridge: DepotBridge = {
  call: (method, input, session) => ipcRenderer.invoke('depot:call', method, input, session),
  onCaseChange: (listener) => {
    const forward = (_event: unknown, value: unknown) => {
      const change = caseChangeEventOf(value);
      if (change) listener(change);
    };
    ipcRenderer.on('depot:case-change', forward);
    return () => void ipcRenderer.off('depot:case-change', forward);
  },
};

contextBridge.exposeInMainWorld('depot', bridge);
