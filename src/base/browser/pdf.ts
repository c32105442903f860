/** A PDF shown to the person: where it went, and its object URL (the caller revokes it when done). */
export interface ShownPdf {
  fileName: string;
  url: string;
  shownIn: 'tab' | 'download';
}

export function pdfObjectUrl(pdfBase64: string): string {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}

/**
 * Shows a PDF the API handed back. In browser mode it opens in the browser's viewer in a new tab;
 * where a new tab is refused (a blocked pop-up, or the desktop app, whose window refuses every
 * new window) it is downloaded, to open or save.
 */
export function showPdf(pdf: { fileName: string; pdfBase64: string }): ShownPdf {
  const url = pdfObjectUrl(pdf.pdfBase64);
  const tab = window.depot ? null : window.open(url, '_blank');
  if (tab) {
    tab.opener = null;
    return { fileName: pdf.fileName, url, shownIn: 'tab' };
  }
  download(url, pdf.fileName);
  return { fileName: pdf.fileName, url, shownIn: 'download' };
}
