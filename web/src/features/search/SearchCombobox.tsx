/**
 * The knowledge base's search box: suggestions appear under it as you type
 * (an ARIA 1.2 combobox with a listbox popup). ArrowDown and ArrowUp move
 * through the suggestions, Enter opens the highlighted one or, with none
 * highlighted, the full results page, and Escape closes the list.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { reportSearchClick } from '../../api/search';
import { StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { Icon } from '../../components/Icon';
import { Link, navigate } from '../../components/router';
import { correctionOf, searchPageHref, type SearchHit } from '../../domain/search';
import { Highlighted } from './Highlighted';
import { kMinInstantLength, useInstantSearch } from './useInstantSearch';

export interface SearchBoxMessages {
  readonly suggestions: string;
  readonly count: (n: number) => string;
  readonly noResults: (q: string) => string;
  readonly didYouMean: string;
  readonly showingResultsFor: string;
  readonly allResults: (q: string) => string;
  readonly failed: string;
  readonly common: CommonMessages;
}

/** Opens a result's address: in the app when it is one of its pages, else by loading it. */
export function openUrl(url: string): void {
  if (url.startsWith('/knowledge/')) {
    navigate(url);
  } else {
    location.assign(url);
  }
}

export function SearchCombobox({
  api,
  id,
  label,
  hint,
  value,
  onInput,
  messages: m,
}: {
  api: ApiClient;
  /** The input's id; the popup's ids derive from it. */
  id: string;
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  messages: SearchBoxMessages;
}) {
  const state = useInstantSearch(api, value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // A new answer starts with nothing highlighted.
  useEffect(() => {
    setActive(-1);
  }, [state]);

  const typed = Array.from(value.trim()).length >= kMinInstantLength;
  const answer = state.phase === 'loaded' && typed ? state : undefined;
  const hits = answer?.answer.results ?? [];
  const correction = answer === undefined ? { kind: 'none' as const } : correctionOf(answer.answer);
  const visible = open && typed && (answer !== undefined || state.phase === 'failed');
  const expanded = visible && hits.length > 0;
  const listId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (hit: SearchHit, index: number) => {
    if (answer !== undefined) {
      reportSearchClick(api, { q: answer.q, articleId: hit.id, position: index + 1 });
    }
    setOpen(false);
    openUrl(hit.url);
  };
  const searchFor = (text: string) => {
    onInput(text);
    setOpen(true);
  };
  const showAll = () => {
    const q = value.trim();
    if (q === '') return;
    setOpen(false);
    navigate(searchPageHref(q));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (hits.length === 0) return;
        event.preventDefault();
        if (!visible) {
          setOpen(true);
          setActive(event.key === 'ArrowDown' ? 0 : hits.length - 1);
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        // Past either end, nothing is highlighted (the text itself), then around again.
        setActive((current) => {
          const next = current + step;
          if (next < -1) return hits.length - 1;
          return next >= hits.length ? -1 : next;
        });
        return;
      }
      case 'Enter': {
        event.preventDefault();
        const hit = expanded && active >= 0 ? hits[active] : undefined;
        if (hit !== undefined) {
          choose(hit, active);
        } else {
          showAll();
        }
        return;
      }
      case 'Escape':
        // When the list is closed, the browser's own Escape (clearing the box) applies.
        if (visible) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
      default:
        return;
    }
  };

  let status = '';
  if (open && typed) {
    if (state.phase === 'loaded' && answer !== undefined) {
      status = hits.length === 0 ? m.noResults(answer.q) : m.count(hits.length);
    } else if (state.phase === 'failed') {
      status = m.failed;
    }
  }

  return (
    <div class="search-box">
      <label class="field__label" for={id}>
        {label}
      </label>
      <div class="search-box__control">
        <div class="input-icon">
          <Icon name="search" />
          <input
            id={id}
            class="input"
            type="search"
            role="combobox"
            value={value}
            autoComplete="off"
            spellcheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            aria-describedby={`${id}-hint`}
            onInput={(event) => {
              onInput(event.currentTarget.value);
              setOpen(true);
            }}
            onFocus={() => {
              setOpen(true);
            }}
            onBlur={() => {
              setOpen(false);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        {/* Pressing inside the popup must not take the focus from the box (that would close it). */}
        <div
          class="search-popup"
          hidden={!visible}
          onMouseDown={(event) => {
            event.preventDefault();
          }}
        >
          {correction.kind === 'showing' && (
            <p class="search-correction">
              {m.showingResultsFor} <strong>{correction.text}</strong>
            </p>
          )}
          {correction.kind === 'suggest' && (
            <p class="search-correction">
              {m.didYouMean}{' '}
              <button
                type="button"
                class="link-button"
                tabIndex={-1}
                onClick={() => {
                  searchFor(correction.text);
                }}
              >
                {correction.text}
              </button>
            </p>
          )}
          <ul id={listId} role="listbox" class="search-options" aria-label={m.suggestions}>
            {hits.map((hit, index) => (
              <li
                key={hit.id}
                id={optionId(index)}
                role="option"
                class="search-option"
                aria-selected={index === active}
                onClick={() => {
                  choose(hit, index);
                }}
                onMouseMove={() => {
                  if (index !== active) setActive(index);
                }}
              >
                <span class="search-option__title">
                  <Highlighted html={hit.titleHtml} />
                </span>
                {hit.snippet !== '' && (
                  <span class="search-option__snippet">
                    <Highlighted html={hit.snippet} />
                  </span>
                )}
              </li>
            ))}
          </ul>
          {answer !== undefined && hits.length === 0 && (
            <p class="search-popup__empty">{m.noResults(answer.q)}</p>
          )}
          {state.phase === 'failed' && <p class="search-popup__empty">{m.failed}</p>}
          {answer !== undefined && (
            <p class="search-popup__footer">
              <Link
                href={searchPageHref(value.trim())}
                tabIndex={-1}
                onNavigate={() => {
                  setOpen(false);
                }}
              >
                {m.allResults(value.trim())}
              </Link>
            </p>
          )}
        </div>
      </div>
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
      <StatusMessage>{status}</StatusMessage>
    </div>
  );
}
