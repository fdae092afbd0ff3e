import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError, ApiResult } from '../../api/client';
import {
  createArticle,
  getArticle,
  listCategories,
  listWriters,
  updateArticle,
} from '../../api/knowledge';
import { AlertRegion } from '../../components/Alert';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Link, navigate, queryParam } from '../../components/router';
import { TextField } from '../../components/TextField';
import {
  articleChanges,
  checkDraft,
  draftOf,
  kEmptyDraft,
  newArticleBody,
  type Article,
  type ArticleDraft,
  type Category,
  type DraftProblem,
  type Ref,
} from '../../domain/knowledge';
import { ok } from '../../domain/result';
import type { User } from '../../domain/session';
import {
  ArticleSettings,
  type ArticleSettingsMessages,
  type SettingsErrors,
} from './ArticleSettings';
import { MarkdownField, type MarkdownFieldMessages } from './MarkdownField';
import { articleHref, type KbMessages } from './shared';

export interface EditorMessages {
  readonly newTitle: string;
  /** The document title while editing. */
  readonly editing: string;
  readonly editTitle: (title: string) => string;
  readonly translationLead: (title: string, language: string) => string;
  readonly contentHeading: string;
  readonly settingsHeading: string;
  readonly title: string;
  readonly summary: string;
  readonly summaryHint: string;
  readonly tags: string;
  readonly tagsHint: string;
  readonly note: string;
  readonly noteHint: string;
  readonly problems: Readonly<Record<DraftProblem, string>>;
  readonly create: string;
  readonly creating: string;
  readonly save: string;
  readonly saving: string;
  readonly saved: (revision: number) => string;
  readonly nothingToSave: string;
  readonly shortcutHint: string;
  readonly cancel: string;
  readonly viewArticle: string;
  readonly conflict: string;
  readonly reload: string;
  readonly reloaded: string;
  readonly markdown: MarkdownFieldMessages;
  readonly settings: ArticleSettingsMessages;
  readonly kb: KbMessages;
}

interface Loaded {
  readonly article: Article | undefined;
  readonly categories: readonly Category[];
  /** Who may own or verify the article. */
  readonly writers: readonly Ref[];
  /** The article a new one translates. */
  readonly source: Article | undefined;
}

async function loadEditor(
  api: ApiClient,
  id: string | undefined,
  translationOf: string | undefined,
  signal: AbortSignal,
): Promise<ApiResult<Loaded>> {
  const none = Promise.resolve(ok(undefined));
  const [article, categories, writers, source] = await Promise.all([
    id === undefined ? none : getArticle(api, id, 'head', signal),
    listCategories(api, signal),
    listWriters(api, signal),
    translationOf === undefined ? none : getArticle(api, translationOf, 'head', signal),
  ]);
  if (!article.ok) return article;
  if (!categories.ok) return categories;
  if (!writers.ok) return writers;
  if (!source.ok) return source;
  return ok({
    article: article.value,
    categories: categories.value,
    writers: writers.value,
    source: source.value,
  });
}

/** Someone saved a newer revision since this one was loaded (not a taken slug or language). */
function isRevisionConflict(error: ApiError): boolean {
  return (
    error.kind === 'http' &&
    error.status === 409 &&
    (error.field === undefined || error.field === 'base_revision')
  );
}

const kFieldIds: Readonly<Record<DraftProblem, string>> = {
  title: 'kb-title',
  language: 'kb-language',
  interval: 'kb-interval',
  roles: 'kb-role-owner',
};

const kContentFields = ['title', 'summary', 'tags', 'body'] as const;
const kSettingsFields = [
  'category_id',
  'language',
  'slug',
  'visibility',
  'roles',
  'verifier_id',
  'verify_interval_days',
] as const;

/** Warns before the tab is closed or reloaded with unsaved changes. */
function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);
}

function ArticleForm({
  api,
  me,
  loaded,
  messages: m,
}: {
  api: ApiClient;
  me: User;
  loaded: Loaded;
  messages: EditorMessages;
}) {
  const { source, categories, writers } = loaded;
  const [article, setArticle] = useState(loaded.article);
  const first =
    article !== undefined
      ? draftOf(article)
      : source !== undefined
        ? { ...draftOf(source), language: '', slug: '', verifierId: '' }
        : kEmptyDraft;
  const [base, setBase] = useState<ArticleDraft>(article === undefined ? kEmptyDraft : first);
  const [draft, setDraft] = useState<ArticleDraft>(first);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<DraftProblem | ApiError | 'conflict' | undefined>();
  const [status, setStatus] = useState('');
  const [round, setRound] = useState(0);
  const focusAfter = useRef<string | undefined>(undefined);

  const editing = article !== undefined;
  const canManage = article === undefined || article.can.manage;
  const changes = articleChanges(base, draft, canManage);
  const dirty = changes.content !== undefined || changes.metadata !== undefined;
  useUnsavedWarning(dirty && !saving);

  useEffect(() => {
    if (focusAfter.current === undefined) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = undefined;
  });

  const change = (patch: Partial<ArticleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
  };

  const save = async () => {
    if (saving) return;
    const check = checkDraft(draft);
    if (check !== undefined) {
      setProblem(check);
      focusAfter.current = kFieldIds[check];
      return;
    }
    setProblem(undefined);
    setStatus('');
    if (article === undefined) {
      setSaving(true);
      const result = await createArticle(api, newArticleBody(draft, source?.id));
      setSaving(false);
      if (!result.ok) {
        setProblem(result.error);
        return;
      }
      navigate(articleHref(result.value.id, 'head'));
      return;
    }
    if (!dirty) {
      setStatus(m.nothingToSave);
      return;
    }
    setSaving(true);
    const saved = draft;
    const result = await updateArticle(api, article.id, {
      ...changes,
      baseRevision: article.headRevision,
      note,
    });
    setSaving(false);
    if (!result.ok) {
      setProblem(isRevisionConflict(result.error) ? 'conflict' : result.error);
      return;
    }
    // What was typed while saving stays in the form; the baseline is what was saved.
    setArticle(result.value);
    setBase(saved);
    setNote('');
    setStatus(m.saved(result.value.headRevision));
  };

  /** After a conflict: their version replaces this one (the text here is discarded). */
  const reloadLatest = async () => {
    if (article === undefined) return;
    setSaving(true);
    const result = await getArticle(api, article.id, 'head');
    setSaving(false);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    const latest = draftOf(result.value);
    setArticle(result.value);
    setBase(latest);
    setDraft(latest);
    setNote('');
    setProblem(undefined);
    setRound((r) => r + 1);
    setStatus(m.reloaded);
    focusAfter.current = 'kb-title';
  };

  const apiError = typeof problem === 'object' ? problem : undefined;
  const fieldError = (field: string) =>
    apiError?.kind === 'http' && apiError.field === field
      ? m.kb.common.describeError(apiError)
      : undefined;
  const onField =
    apiError?.kind === 'http' &&
    apiError.field !== undefined &&
    ([...kContentFields, ...kSettingsFields] as readonly string[]).includes(apiError.field);
  const settingsErrors: SettingsErrors = {};
  for (const field of kSettingsFields) {
    const message = fieldError(field);
    if (message !== undefined) settingsErrors[field] = message;
  }
  if (problem === 'language') settingsErrors.language = m.problems.language;
  if (problem === 'interval') settingsErrors.verify_interval_days = m.problems.interval;
  if (problem === 'roles') settingsErrors.roles = m.problems.roles;

  const general =
    problem === 'conflict' ? (
      <>
        <p>{m.conflict}</p>
        <div class="row-actions">
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={saving}
            onClick={() => {
              void reloadLatest();
            }}
          >
            {m.reload}
          </button>
        </div>
      </>
    ) : apiError !== undefined && !onField ? (
      m.kb.common.describeError(apiError)
    ) : undefined;

  const cancelHref = article === undefined ? '/knowledge' : articleHref(article.id, 'head');
  return (
    <>
      <PageHeader
        title={article === undefined ? m.newTitle : m.editTitle(article.title)}
        {...(source === undefined
          ? {}
          : { lead: m.translationLead(source.title, m.kb.languageName(source.language)) })}
      />
      <form
        class="kb-editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
            event.preventDefault();
            void save();
          }
        }}
      >
        <AlertRegion>{general}</AlertRegion>
        <section class="card form" aria-labelledby="kb-content-title">
          <h2 id="kb-content-title" class="card__title">
            {m.contentHeading}
          </h2>
          <TextField
            id="kb-title"
            label={m.title}
            value={draft.title}
            onValue={(title) => {
              change({ title });
            }}
            required
            maxLength={300}
            autoComplete="off"
            error={problem === 'title' ? m.problems.title : fieldError('title')}
          />
          <TextField
            id="kb-summary"
            label={m.summary}
            hint={m.summaryHint}
            value={draft.summary}
            onValue={(summary) => {
              change({ summary });
            }}
            maxLength={500}
            autoComplete="off"
            error={fieldError('summary')}
          />
          <TextField
            id="kb-tags"
            label={m.tags}
            hint={m.tagsHint}
            value={draft.tags}
            onValue={(tags) => {
              change({ tags });
            }}
            autoComplete="off"
            error={fieldError('tags')}
          />
          <MarkdownField
            key={round}
            api={api}
            articleId={article?.id}
            value={draft.body}
            onValue={(body) => {
              change({ body });
            }}
            initialHtml={article === undefined ? undefined : article.bodyHtml}
            error={fieldError('body')}
            messages={m.markdown}
          />
          {editing && (
            <TextField
              id="kb-note"
              label={m.note}
              hint={m.noteHint}
              value={note}
              onValue={setNote}
              maxLength={300}
              autoComplete="off"
            />
          )}
        </section>
        <section class="card form" aria-labelledby="kb-settings-title">
          <h2 id="kb-settings-title" class="card__title">
            {m.settingsHeading}
          </h2>
          <ArticleSettings
            draft={draft}
            change={change}
            categories={categories}
            me={me}
            writers={writers}
            owner={article?.owner ?? null}
            verifier={article?.verifier ?? null}
            editing={editing}
            locked={!canManage}
            errors={settingsErrors}
            messages={m.settings}
          />
        </section>
        <div class="form__actions kb-editor__actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            {editing ? (saving ? m.saving : m.save) : saving ? m.creating : m.create}
          </button>
          <Link class="button button--secondary" href={cancelHref}>
            {editing ? m.viewArticle : m.cancel}
          </Link>
          <p class="form__note">{m.shortcutHint}</p>
          <p class="kb-editor__status" role="status">
            {status}
          </p>
        </div>
      </form>
    </>
  );
}

/** /knowledge/new[?translation_of=<id>] and /knowledge/articles/<id>/edit. */
export function EditorPage({
  api,
  id,
  me,
  messages: m,
}: {
  api: ApiClient;
  id: string | undefined;
  me: User;
  messages: EditorMessages;
}) {
  const [translationOf] = useState(() =>
    id === undefined ? (queryParam('translation_of') ?? undefined) : undefined,
  );
  const { state, reload } = useLoad(
    (signal) => loadEditor(api, id, translationOf, signal),
    `${id ?? 'new'}:${translationOf ?? ''}`,
  );
  if (state.phase === 'loading') {
    return (
      <>
        <PageHeader title={id === undefined ? m.newTitle : m.kb.common.loading} />
        <Loading messages={m.kb.common} />
      </>
    );
  }
  if (state.phase === 'failed') {
    return (
      <>
        <PageHeader title={id === undefined ? m.newTitle : m.kb.common.loading} />
        <LoadFailed error={state.error} messages={m.kb.common} retry={reload} />
      </>
    );
  }
  return <ArticleForm api={api} me={me} loaded={state.value} messages={m} />;
}
