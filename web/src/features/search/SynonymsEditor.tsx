/**
 * Synonym groups: words that find each other ("laptop, notebook"). Knowledge
 * editors see them; those who may manage the knowledge base add, change and
 * delete them.
 */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { createSynonyms, deleteSynonyms, listSynonyms, updateSynonyms } from '../../api/search';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import {
  checkSynonymWords,
  parseSynonymWords,
  type SynonymGroup,
  type SynonymProblem,
} from '../../domain/search';

export interface SynonymsMessages {
  readonly title: string;
  readonly lead: string;
  readonly readOnly: string;
  readonly empty: string;
  readonly listLabel: string;
  readonly words: string;
  readonly wordsHint: string;
  readonly add: string;
  readonly adding: string;
  readonly added: (words: string) => string;
  readonly edit: string;
  readonly editLabel: (words: string) => string;
  readonly save: string;
  readonly saving: string;
  readonly saved: (words: string) => string;
  readonly remove: string;
  readonly removeLabel: (words: string) => string;
  readonly confirmRemove: (words: string) => string;
  readonly confirm: string;
  readonly removed: (words: string) => string;
  readonly problems: Readonly<Record<SynonymProblem, string>>;
  readonly failed: (reason: string) => string;
  readonly common: CommonMessages;
}

const joined = (words: readonly string[]) => words.join(', ');

/** The words of a group as a text field; checks them before they are sent. */
function WordsForm({
  id,
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  m,
}: {
  id: string;
  initial: string;
  submitLabel: string;
  busyLabel: string;
  /** Resolves to true when the words were saved (the form then empties). */
  onSubmit: (words: readonly string[]) => Promise<boolean>;
  onCancel?: () => void;
  m: SynonymsMessages;
}) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<SynonymProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const words = parseSynonymWords(text);
    const found = checkSynonymWords(words);
    setProblem(found);
    if (found !== undefined) return;
    setBusy(true);
    const saved = await onSubmit(words);
    setBusy(false);
    if (saved && onCancel === undefined) setText('');
  };
  return (
    <form
      class="search-synonyms__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div class="field filters__grow">
        <label class="field__label" for={id}>
          {m.words}
        </label>
        <input
          id={id}
          class="input"
          value={text}
          autoComplete="off"
          aria-invalid={problem === undefined ? undefined : true}
          aria-describedby={`${id}-hint${problem === undefined ? '' : ` ${id}-problem`}`}
          onInput={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <p id={`${id}-hint`} class="field__hint">
          {m.wordsHint}
        </p>
        {problem !== undefined && (
          <p id={`${id}-problem`} class="field__error">
            {m.problems[problem]}
          </p>
        )}
      </div>
      <div class="filters__actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" class="button button--secondary" onClick={onCancel}>
            {m.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function GroupItem({
  group,
  canEdit,
  onSave,
  onRemove,
  m,
}: {
  group: SynonymGroup;
  canEdit: boolean;
  onSave: (words: readonly string[]) => Promise<boolean>;
  onRemove: () => Promise<void>;
  m: SynonymsMessages;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [busy, setBusy] = useState(false);
  const words = joined(group.words);
  if (mode === 'edit') {
    return (
      <li class="search-synonyms__item">
        <WordsForm
          id={`search-synonym-${group.id}`}
          initial={words}
          submitLabel={m.save}
          busyLabel={m.saving}
          onSubmit={async (next) => {
            const saved = await onSave(next);
            if (saved) setMode('view');
            return saved;
          }}
          onCancel={() => {
            setMode('view');
          }}
          m={m}
        />
      </li>
    );
  }
  return (
    <li class="search-synonyms__item">
      <p class="chips">
        {group.words.map((w) => (
          <span key={w} class="tag">
            {w}
          </span>
        ))}
      </p>
      {canEdit && mode === 'view' && (
        <div class="kb-item__actions">
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={m.editLabel(words)}
            onClick={() => {
              setMode('edit');
            }}
          >
            {m.edit}
          </button>
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={m.removeLabel(words)}
            onClick={() => {
              setMode('confirm');
            }}
          >
            {m.remove}
          </button>
        </div>
      )}
      {canEdit && mode === 'confirm' && (
        <div class="kb-confirm">
          <p>{m.confirmRemove(words)}</p>
          <div class="kb-item__actions">
            <button
              type="button"
              class="button button--danger button--small"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onRemove().then(() => {
                  setBusy(false);
                  setMode('view');
                });
              }}
            >
              {m.confirm}
            </button>
            <button
              type="button"
              class="button button--secondary button--small"
              onClick={() => {
                setMode('view');
              }}
            >
              {m.common.cancel}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function SynonymsEditor({
  api,
  canEdit,
  messages: m,
}: {
  api: ApiClient;
  /** kb.manage: add, change and delete groups. */
  canEdit: boolean;
  messages: SynonymsMessages;
}) {
  const groups = useLoad((signal) => listSynonyms(api, signal), 'synonyms');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const list = groups.state.phase === 'loaded' ? groups.state.value : [];

  const failed = (reason: Parameters<CommonMessages['describeError']>[0]) => {
    setStatus('');
    setError(m.failed(m.common.describeError(reason)));
  };

  const add = async (words: readonly string[]) => {
    setError(undefined);
    const result = await createSynonyms(api, words);
    if (!result.ok) {
      failed(result.error);
      return false;
    }
    groups.set([...list, result.value]);
    setStatus(m.added(joined(result.value.words)));
    return true;
  };
  const save = async (id: string, words: readonly string[]) => {
    setError(undefined);
    const result = await updateSynonyms(api, id, words);
    if (!result.ok) {
      failed(result.error);
      return false;
    }
    groups.set(list.map((g) => (g.id === id ? result.value : g)));
    setStatus(m.saved(joined(result.value.words)));
    return true;
  };
  const remove = async (group: SynonymGroup) => {
    setError(undefined);
    const result = await deleteSynonyms(api, group.id);
    if (!result.ok) {
      failed(result.error);
      return;
    }
    groups.set(list.filter((g) => g.id !== group.id));
    setStatus(m.removed(joined(group.words)));
  };

  return (
    <section class="section search-synonyms" aria-labelledby="search-synonyms-title">
      <h2 id="search-synonyms-title" class="section-title">
        {m.title}
      </h2>
      <p class="muted">{canEdit ? m.lead : `${m.lead} ${m.readOnly}`}</p>
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      {groups.state.phase === 'loading' && <Loading messages={m.common} />}
      {groups.state.phase === 'failed' && (
        <LoadFailed error={groups.state.error} messages={m.common} retry={groups.reload} />
      )}
      {groups.state.phase === 'loaded' &&
        (list.length === 0 ? (
          <p class="empty-note">{m.empty}</p>
        ) : (
          <ul class="search-synonyms__list" aria-label={m.listLabel}>
            {list.map((g) => (
              <GroupItem
                key={g.id}
                group={g}
                canEdit={canEdit}
                onSave={(words) => save(g.id, words)}
                onRemove={() => remove(g)}
                m={m}
              />
            ))}
          </ul>
        ))}
      {canEdit && groups.state.phase === 'loaded' && (
        <WordsForm
          id="search-synonym-new"
          initial=""
          submitLabel={m.add}
          busyLabel={m.adding}
          onSubmit={add}
          m={m}
        />
      )}
    </section>
  );
}
