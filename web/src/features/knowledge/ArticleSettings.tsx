import { TextField } from '../../components/TextField';
import { kRoles } from '../../domain/access';
import {
  categoryTree,
  kVisibilities,
  type ArticleDraft,
  type Category,
  type Ref,
  type Visibility,
} from '../../domain/knowledge';
import type { User } from '../../domain/session';
import { roleLabel, type KbMessages } from './shared';

export interface ArticleSettingsMessages {
  readonly category: string;
  readonly noCategory: string;
  readonly categoryItself: (name: string) => string;
  readonly language: string;
  readonly languageHint: string;
  readonly slug: string;
  readonly slugHint: string;
  readonly visibility: string;
  readonly visibilityHints: Readonly<Record<Visibility, string>>;
  readonly roles: string;
  readonly owner: string;
  readonly ownerHint: string;
  readonly verifier: string;
  readonly noVerifier: string;
  readonly me: (name: string) => string;
  readonly verifyInterval: string;
  readonly verifyIntervalHint: string;
  readonly locked: string;
  readonly kb: KbMessages;
}

/** Field names of the API, for errors the server reports on one of them. */
export type SettingsErrors = Partial<
  Record<
    | 'category_id'
    | 'language'
    | 'slug'
    | 'visibility'
    | 'roles'
    | 'owner_id'
    | 'verifier_id'
    | 'verify_interval_days',
    string
  >
>;

/**
 * The people to pick an owner or verifier from: the writers by name, the
 * signed-in user marked as "me", and the current owner and verifier even when
 * they can no longer write (so the select shows them).
 */
function choices(
  writers: readonly Ref[],
  me: User,
  m: ArticleSettingsMessages,
  current: readonly (Ref | null)[],
): { readonly id: string; readonly label: string }[] {
  const out = writers.map((w) => ({ id: w.id, label: w.id === me.id ? m.me(w.name) : w.name }));
  const known = new Set(out.map((o) => o.id));
  const extra = [{ id: me.id, name: me.name || me.email }, ...current.filter((r) => r !== null)];
  for (const ref of extra) {
    if (known.has(ref.id)) continue;
    known.add(ref.id);
    out.push({ id: ref.id, label: ref.id === me.id ? m.me(ref.name) : ref.name });
  }
  return out;
}

/**
 * Where an article appears and who reads and verifies it. The language is
 * chosen when the article is made (another language is a translation).
 * `locked` shows the settings without letting them change.
 */
export function ArticleSettings({
  draft,
  change,
  categories,
  me,
  writers,
  owner,
  verifier,
  editing,
  locked,
  errors,
  messages: m,
}: {
  draft: ArticleDraft;
  change: (patch: Partial<ArticleDraft>) => void;
  categories: readonly Category[];
  me: User;
  /** Who may own or verify an article (GET /kb/writers). */
  writers: readonly Ref[];
  owner: Ref | null;
  verifier: Ref | null;
  editing: boolean;
  locked: boolean;
  errors: SettingsErrors;
  messages: ArticleSettingsMessages;
}) {
  const tree = categoryTree(categories);
  const people = choices(writers, me, m, [owner, verifier]);
  return (
    <>
      {locked && <p class="field__hint">{m.locked}</p>}
      <fieldset class="fieldset kb-settings" disabled={locked}>
        <div class="field">
          <label class="field__label" for="kb-category">
            {m.category}
          </label>
          <select
            id="kb-category"
            class="input"
            value={draft.categoryId}
            aria-invalid={errors.category_id === undefined ? undefined : true}
            onChange={(event) => {
              change({ categoryId: event.currentTarget.value });
            }}
          >
            <option value="">{m.noCategory}</option>
            {tree.map((node) =>
              node.sections.length === 0 ? (
                <option key={node.category.id} value={node.category.id}>
                  {node.category.name}
                </option>
              ) : (
                <optgroup key={node.category.id} label={node.category.name}>
                  <option value={node.category.id}>{m.categoryItself(node.category.name)}</option>
                  {node.sections.map((section) => (
                    <option key={section.id} value={section.id}>
                      {section.name}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
          {errors.category_id !== undefined && <p class="field__error">{errors.category_id}</p>}
        </div>
        {editing ? (
          <div class="field">
            <p class="field__label">{m.language}</p>
            <p lang={draft.language}>{m.kb.languageName(draft.language)}</p>
          </div>
        ) : (
          <TextField
            id="kb-language"
            label={m.language}
            hint={m.languageHint}
            value={draft.language}
            onValue={(language) => {
              change({ language });
            }}
            autoComplete="off"
            spellcheck={false}
            maxLength={35}
            required
            error={errors.language}
          />
        )}
        <TextField
          id="kb-slug"
          label={m.slug}
          hint={m.slugHint}
          value={draft.slug}
          onValue={(slug) => {
            change({ slug });
          }}
          autoComplete="off"
          spellcheck={false}
          maxLength={200}
          error={errors.slug}
        />
        <fieldset class="fieldset">
          <legend class="field__label">{m.visibility}</legend>
          {kVisibilities.map((v) => (
            <div key={v} class="field field--check">
              <input
                id={`kb-visibility-${v}`}
                type="radio"
                class="checkbox"
                name="kb-visibility"
                value={v}
                checked={draft.visibility === v}
                aria-describedby={`kb-visibility-${v}-hint`}
                onChange={() => {
                  change({ visibility: v });
                }}
              />
              <label for={`kb-visibility-${v}`}>{m.kb.visibilities[v]}</label>
              <p id={`kb-visibility-${v}-hint`} class="field__hint">
                {m.visibilityHints[v]}
              </p>
            </div>
          ))}
          {errors.visibility !== undefined && <p class="field__error">{errors.visibility}</p>}
        </fieldset>
        {draft.visibility === 'restricted' && (
          <fieldset
            class="fieldset kb-roles"
            aria-describedby={errors.roles === undefined ? undefined : 'kb-roles-error'}
          >
            <legend class="field__label">{m.roles}</legend>
            {kRoles.map((role) => (
              <div key={role} class="field field--check">
                <input
                  id={`kb-role-${role}`}
                  type="checkbox"
                  class="checkbox"
                  checked={draft.roles.includes(role)}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    change({
                      roles: on ? [...draft.roles, role] : draft.roles.filter((r) => r !== role),
                    });
                  }}
                />
                <label for={`kb-role-${role}`}>{roleLabel(m.kb, role)}</label>
              </div>
            ))}
            {errors.roles !== undefined && (
              <p id="kb-roles-error" class="field__error">
                {errors.roles}
              </p>
            )}
          </fieldset>
        )}
        {editing && (
          <div class="field">
            <label class="field__label" for="kb-owner">
              {m.owner}
            </label>
            <p id="kb-owner-hint" class="field__hint">
              {m.ownerHint}
            </p>
            <select
              id="kb-owner"
              class="input"
              value={draft.ownerId}
              aria-describedby="kb-owner-hint"
              aria-invalid={errors.owner_id === undefined ? undefined : true}
              onChange={(event) => {
                change({ ownerId: event.currentTarget.value });
              }}
            >
              {people.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
            {errors.owner_id !== undefined && <p class="field__error">{errors.owner_id}</p>}
          </div>
        )}
        <div class="field">
          <label class="field__label" for="kb-verifier">
            {m.verifier}
          </label>
          <select
            id="kb-verifier"
            class="input"
            value={draft.verifierId}
            aria-invalid={errors.verifier_id === undefined ? undefined : true}
            onChange={(event) => {
              change({ verifierId: event.currentTarget.value });
            }}
          >
            <option value="">{m.noVerifier}</option>
            {people.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          {errors.verifier_id !== undefined && <p class="field__error">{errors.verifier_id}</p>}
        </div>
        <TextField
          id="kb-interval"
          label={m.verifyInterval}
          hint={m.verifyIntervalHint}
          value={draft.verifyIntervalDays}
          onValue={(verifyIntervalDays) => {
            change({ verifyIntervalDays });
          }}
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          error={errors.verify_interval_days}
        />
      </fieldset>
    </>
  );
}
