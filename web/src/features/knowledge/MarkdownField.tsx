import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { previewMarkdown, uploadAttachment } from '../../api/knowledge';
import type { CommonMessages } from '../../components/common';
import { useDebounced } from '../../components/hooks';
import { Icon } from '../../components/Icon';
import { insertAt } from '../../domain/knowledge';
import { ServerHtml } from './shared';

export interface MarkdownFieldMessages {
  readonly label: string;
  readonly hint: string;
  readonly insertFile: string;
  readonly uploading: (filename: string) => string;
  readonly inserted: (filename: string) => string;
  readonly uploadFailed: (filename: string, reason: string) => string;
  readonly preview: string;
  readonly previewEmpty: string;
  readonly updating: string;
  readonly previewFailed: (reason: string) => string;
  readonly common: CommonMessages;
}

/** The preview follows the text once typing pauses this long. */
export const kPreviewDelayMs = 250;

type Upload =
  | { readonly phase: 'idle' }
  | { readonly phase: 'uploading'; readonly filename: string }
  | { readonly phase: 'done'; readonly filename: string }
  | { readonly phase: 'failed'; readonly filename: string; readonly error: ApiError };

/**
 * The Markdown body: a plain textarea (typing never waits for the network), a
 * live preview rendered by the server after a short pause (the last good
 * preview stays when one fails), and an upload button that inserts the
 * uploaded file's Markdown where the cursor was.
 */
export function MarkdownField({
  api,
  articleId,
  value,
  onValue,
  initialHtml,
  error,
  messages: m,
}: {
  api: ApiClient;
  articleId: string | undefined;
  value: string;
  onValue: (value: string) => void;
  /** The server's rendering of `value` as first shown, if known: no first request then. */
  initialHtml: string | undefined;
  error?: string | undefined;
  messages: MarkdownFieldMessages;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const selection = useRef({ start: value.length, end: value.length });
  const pendingCursor = useRef<number | undefined>(undefined);
  const [html, setHtml] = useState(initialHtml ?? '');
  const previewed = useRef<string | undefined>(initialHtml === undefined ? undefined : value);
  const [previewState, setPreviewState] = useState<'idle' | 'updating' | ApiError>('idle');
  const [upload, setUpload] = useState<Upload>({ phase: 'idle' });
  const settled = useDebounced(value, kPreviewDelayMs);

  useEffect(() => {
    if (settled === previewed.current) return undefined;
    if (settled.trim() === '') {
      previewed.current = settled;
      setHtml('');
      setPreviewState('idle');
      return undefined;
    }
    const controller = new AbortController();
    setPreviewState('updating');
    void previewMarkdown(api, settled, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) {
        previewed.current = settled;
        setHtml(result.value.html);
        setPreviewState('idle');
      } else {
        setPreviewState(result.error);
      }
    });
    return () => {
      controller.abort();
    };
  }, [api, settled]);

  // After an insertion, put the cursor just after the inserted text.
  useEffect(() => {
    const cursor = pendingCursor.current;
    const element = textarea.current;
    if (cursor === undefined || element === null) return;
    pendingCursor.current = undefined;
    element.focus();
    element.setSelectionRange(cursor, cursor);
  }, [value]);

  const remember = () => {
    const element = textarea.current;
    if (element !== null) {
      selection.current = { start: element.selectionStart, end: element.selectionEnd };
    }
  };

  const uploadFile = async (file: File) => {
    setUpload({ phase: 'uploading', filename: file.name });
    const result = await uploadAttachment(api, file, file.name, articleId);
    if (!result.ok) {
      setUpload({ phase: 'failed', filename: file.name, error: result.error });
      return;
    }
    const current = textarea.current?.value ?? value;
    const { start, end } = selection.current;
    const inserted = insertAt(current, start, end, result.value.markdown);
    pendingCursor.current = inserted.cursor;
    selection.current = { start: inserted.cursor, end: inserted.cursor };
    onValue(inserted.text);
    setUpload({ phase: 'done', filename: file.name });
  };

  const uploadMessage =
    upload.phase === 'uploading'
      ? m.uploading(upload.filename)
      : upload.phase === 'done'
        ? m.inserted(upload.filename)
        : upload.phase === 'failed'
          ? m.uploadFailed(upload.filename, m.common.describeError(upload.error))
          : '';
  const updating = previewState === 'updating';
  const previewError = typeof previewState === 'object' ? previewState : undefined;

  return (
    <div class="kb-md">
      <div class="field kb-md__write">
        <div class="kb-md__bar">
          <label class="field__label" for="kb-body">
            {m.label}
          </label>
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={upload.phase === 'uploading'}
            onClick={() => {
              remember();
              fileInput.current?.click();
            }}
          >
            <Icon name="upload" />
            {m.insertFile}
          </button>
          <input
            ref={fileInput}
            type="file"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file !== undefined) void uploadFile(file);
            }}
          />
        </div>
        <p id="kb-body-hint" class="field__hint">
          {m.hint}
        </p>
        <textarea
          id="kb-body"
          ref={textarea}
          class="input input--mono kb-md__textarea"
          rows={18}
          value={value}
          aria-describedby={error === undefined ? 'kb-body-hint' : 'kb-body-hint kb-body-error'}
          aria-invalid={error === undefined ? undefined : true}
          onInput={(event) => {
            onValue(event.currentTarget.value);
          }}
          onBlur={remember}
        />
        {error !== undefined && (
          <p id="kb-body-error" class="field__error">
            {error}
          </p>
        )}
        <p
          role="status"
          class={upload.phase === 'failed' ? 'field__error' : 'field__hint'}
          data-upload={upload.phase}
        >
          {uploadMessage}
        </p>
      </div>
      <section class="kb-md__preview" aria-labelledby="kb-preview-title">
        <div class="kb-md__bar">
          <h3 id="kb-preview-title" class="field__label">
            {m.preview}
          </h3>
          {updating && (
            <span class="muted small" aria-hidden="true">
              {m.updating}
            </span>
          )}
        </div>
        {/* Only failures are announced: a message after every pause in typing would be noise. */}
        <p role="status" class="field__error kb-md__status">
          {previewError === undefined ? '' : m.previewFailed(m.common.describeError(previewError))}
        </p>
        <div class="kb-md__output" aria-busy={updating ? true : undefined}>
          {html === '' ? (
            <p class="muted">{m.previewEmpty}</p>
          ) : (
            <ServerHtml class="prose" html={html} />
          )}
        </div>
      </section>
    </div>
  );
}
