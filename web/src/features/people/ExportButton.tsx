import { useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { exportPeople } from '../../api/directory';
import { AlertRegion } from '../../components/Alert';
import { Icon } from '../../components/Icon';

export interface ExportMessages {
  readonly export: string;
  readonly exporting: string;
  readonly fileName: (date: string) => string;
  readonly describeError: (error: ApiError) => string;
}

/** Hands `csv` to the browser as a file download. */
function download(csv: string, fileName: string): void {
  // Reading the body as text dropped the byte-order mark; spreadsheets need it to see UTF-8.
  const withBom = csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`;
  const url = URL.createObjectURL(new Blob([withBom], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** GET /people/export as a CSV download. */
export function ExportButton({ api, messages: m }: { api: ApiClient; messages: ExportMessages }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    const result = await exportPeople(api);
    setBusy(false);
    if (!result.ok) {
      setError(m.describeError(result.error));
      return;
    }
    download(result.value, m.fileName(new Date().toISOString().slice(0, 10)));
  };
  return (
    <div class="export">
      <button
        type="button"
        class="button button--secondary"
        disabled={busy}
        onClick={() => {
          void run();
        }}
      >
        <Icon name="download" />
        {busy ? m.exporting : m.export}
      </button>
      <AlertRegion>{error}</AlertRegion>
    </div>
  );
}
