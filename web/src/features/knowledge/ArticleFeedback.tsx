import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { sendFeedback } from '../../api/knowledge';
import { AlertRegion } from '../../components/Alert';
import { kFeedbackReasons, type FeedbackReason } from '../../domain/knowledge';
import type { KbMessages } from './shared';

export interface ArticleFeedbackMessages {
  readonly question: string;
  readonly yes: string;
  readonly no: string;
  readonly whyLegend: string;
  readonly comment: string;
  readonly commentHint: string;
  readonly send: string;
  readonly sending: string;
  readonly thanks: string;
  readonly kb: KbMessages;
}

type Phase = 'ask' | 'why' | 'sent';

/** "Was this helpful?": yes is sent at once; no asks why first (a reason and a comment). */
export function ArticleFeedback({
  api,
  articleId,
  messages: m,
}: {
  api: ApiClient;
  articleId: string;
  messages: ArticleFeedbackMessages;
}) {
  const [phase, setPhase] = useState<Phase>('ask');
  const [reason, setReason] = useState<FeedbackReason | undefined>(undefined);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const firstReason = useRef<HTMLInputElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (phase === 'why') firstReason.current?.focus();
    if (phase === 'sent') thanks.current?.focus();
  }, [phase]);

  const send = async (helpful: boolean) => {
    if (sending) return;
    setSending(true);
    setError(undefined);
    const result = await sendFeedback(api, articleId, {
      helpful,
      ...(helpful ? {} : { reason, comment }),
    });
    setSending(false);
    if (!result.ok) {
      setError(m.kb.common.describeError(result.error));
      return;
    }
    setPhase('sent');
  };

  return (
    <section class="card kb-helpful" aria-labelledby="kb-helpful-title">
      <h2 id="kb-helpful-title" class="card__title">
        {m.question}
      </h2>
      <AlertRegion>{error}</AlertRegion>
      {phase === 'ask' && (
        <div class="row-actions">
          <button
            type="button"
            class="button button--secondary"
            disabled={sending}
            onClick={() => {
              void send(true);
            }}
          >
            {m.yes}
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={sending}
            onClick={() => {
              setPhase('why');
            }}
          >
            {m.no}
          </button>
        </div>
      )}
      {phase === 'why' && (
        <form
          class="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send(false);
          }}
        >
          <fieldset class="fieldset">
            <legend class="field__label">{m.whyLegend}</legend>
            {kFeedbackReasons.map((r, index) => (
              <div key={r} class="field field--check">
                <input
                  id={`kb-reason-${r}`}
                  {...(index === 0 ? { ref: firstReason } : {})}
                  type="radio"
                  class="checkbox"
                  name="kb-reason"
                  value={r}
                  checked={reason === r}
                  onChange={() => {
                    setReason(r);
                  }}
                />
                <label for={`kb-reason-${r}`}>{m.kb.reasons[r]}</label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label class="field__label" for="kb-feedback-comment">
              {m.comment}
            </label>
            <p id="kb-feedback-comment-hint" class="field__hint">
              {m.commentHint}
            </p>
            <textarea
              id="kb-feedback-comment"
              class="input"
              rows={3}
              maxLength={2000}
              aria-describedby="kb-feedback-comment-hint"
              value={comment}
              onInput={(event) => {
                setComment(event.currentTarget.value);
              }}
            />
          </div>
          <div class="form__actions">
            <button type="submit" class="button button--primary" disabled={sending}>
              {sending ? m.sending : m.send}
            </button>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setPhase('ask');
              }}
            >
              {m.kb.common.cancel}
            </button>
          </div>
        </form>
      )}
      {/* Focus moves here (the buttons are gone), so the thanks are read out. */}
      {phase === 'sent' && (
        <p class="muted" tabIndex={-1} ref={thanks}>
          {m.thanks}
        </p>
      )}
    </section>
  );
}
