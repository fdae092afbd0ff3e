// The help center's stylesheet and its search-as-you-type script, served from memory.

#include <string>
#include <string_view>
#include <utility>

#include "rapport/api/internal/help_shared.h"

namespace rapport::api::internal {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kStyles = R"css(
:root{color-scheme:light dark;--fg:#1d2330;--muted:#596275;--bg:#fff;--panel:#f4f6fa;--accent:#2255cc;--line:#d9dee8}
@media (prefers-color-scheme:dark){:root{--fg:#e8ebf2;--muted:#a9b1c3;--bg:#12151c;--panel:#1b2030;--accent:#8fb0ff;--line:#30384a}}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:2}
header.site{background:var(--panel);border-bottom:1px solid var(--line)}
.wrap{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}
header.site .wrap{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
header.site a.home{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--fg)}
form.search{display:flex;gap:.5rem;flex:1;max-width:32rem}form.search input{flex:1;padding:.55rem .7rem;border:1px solid var(--line);border-radius:.4rem;font:inherit;background:var(--bg);color:var(--fg)}
button{padding:.5rem .9rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg);font:inherit;cursor:pointer}
button.plain{background:transparent;color:var(--accent)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:.6rem;padding:1rem;background:var(--panel)}.card h2{margin:.1rem 0 .4rem;font-size:1.15rem}
.muted{color:var(--muted)}nav.crumbs ol{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.4rem}nav.crumbs li+li::before{content:"›";margin-right:.4rem;color:var(--muted)}
article.body table{border-collapse:collapse;display:block;overflow-x:auto}article.body th,article.body td{border:1px solid var(--line);padding:.35rem .6rem}
article.body pre{background:var(--panel);padding:.8rem;overflow-x:auto;border-radius:.4rem}article.body img{max-width:100%;height:auto}
article.body code{background:var(--panel);padding:.1rem .3rem;border-radius:.25rem}
.notice{border-left:4px solid var(--accent);background:var(--panel);padding:.6rem .9rem;margin:1rem 0}
fieldset.helpful{border:1px solid var(--line);border-radius:.6rem;margin:2rem 0;padding:1rem}fieldset.helpful div{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
fieldset.helpful select,fieldset.helpful textarea{font:inherit;padding:.4rem;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg);width:100%}
ul.results{padding-left:1.1rem}
#live-results{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.search{position:relative}.suggest{position:absolute;top:calc(100% + .3rem);left:0;right:0;z-index:3;max-height:70vh;overflow-y:auto;background:var(--bg);border:1px solid var(--line);border-radius:.5rem;box-shadow:0 6px 20px rgba(0,0,0,.15)}.suggest[hidden]{display:none}
.suggest ul{list-style:none;margin:0;padding:.25rem 0}.suggest ul:empty{display:none}.suggest-note{margin:0;padding:.5rem .8rem;color:var(--muted);font-size:.9rem}.suggest-note:empty{display:none}
.suggest-note button.plain{padding:0;border:0;text-decoration:underline}
.suggest-option{display:block;padding:.45rem .8rem;cursor:pointer}.suggest-option[aria-selected=true]{background:var(--panel);box-shadow:inset 3px 0 0 var(--accent)}
.suggest-title{display:block;font-weight:600}.suggest-snippet{display:block;color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.suggest mark{background:transparent;color:inherit;font-weight:700;text-decoration:underline;text-decoration-color:var(--accent)}
@media (forced-colors:active){.suggest-option[aria-selected=true]{outline:2px solid Highlight}}
footer.site{border-top:1px solid var(--line);margin-top:3rem}footer.site .wrap{color:var(--muted);font-size:.9rem}
)css";

// Search-as-you-type for the search box: the page works without it (the form submits to
// /help?q=); with it, the box is an ARIA combobox whose listbox shows highlighted suggestions.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  var input = form && form.querySelector('input[name=q]');
  var live = document.getElementById('live-results');
  if (!input || !window.fetch || !window.JSON) return;

  var kDelayMs = 120, kMinLength = 2, kLimit = 8;
  // Only a language the reader chose (?lang=) narrows the search, as on the server-rendered
  // results page; <html lang> is a guess from Accept-Language ("en-us"), and as a filter it
  // would hide the articles written in "en".
  var chosen = /[?&]lang=([^&#]*)/.exec(window.location.search);
  var lang = '';
  try { lang = chosen ? decodeURIComponent(chosen[1].replace(/\+/g, ' ')) : ''; } catch (e) {}
  var timer = 0, seq = 0, controller = null;
  var hits = [], searched = '', active = -1, open = false;

  var popup = document.createElement('div');
  popup.className = 'suggest';
  popup.hidden = true;
  var note = document.createElement('p');
  note.className = 'suggest-note';
  var list = document.createElement('ul');
  list.id = 'q-listbox';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  popup.appendChild(note);
  popup.appendChild(list);
  form.appendChild(popup);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'q-listbox');

  var kEntities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  function decode(text) {
    return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, function (whole, name) {
      if (name.charAt(0) !== '#') return kEntities[name.toLowerCase()] || whole;
      var hex = name.charAt(1) === 'x' || name.charAt(1) === 'X';
      var code = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!code || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\ufffd';
      if (code < 0x10000) return String.fromCharCode(code);
      code -= 0x10000;
      return String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    });
  }

  // The server's highlighted text (escaped, matches in <mark>) as text nodes and <mark>
  // elements: only the exact <mark> and </mark> tags count, anything else stays text.
  function highlight(parent, html) {
    var pieces = String(html || '').split(/(<\/?mark>)/i), mark = false;
    for (var i = 0; i < pieces.length; i++) {
      var tag = pieces[i].toLowerCase();
      if (tag === '<mark>') { mark = true; continue; }
      if (tag === '</mark>') { mark = false; continue; }
      if (pieces[i] === '') continue;
      var text = document.createTextNode(decode(pieces[i]));
      if (mark) {
        var m = document.createElement('mark');
        m.appendChild(text);
        parent.appendChild(m);
      } else {
        parent.appendChild(text);
      }
    }
  }

  function say(text) { if (live) live.textContent = text; }

  function setActive(index) {
    active = index;
    var options = list.children;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
    }
    if (index >= 0 && options[index]) {
      input.setAttribute('aria-activedescendant', options[index].id);
      if (options[index].scrollIntoView) options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function show(visible) {
    open = visible && (hits.length > 0 || note.firstChild !== null);
    popup.hidden = !open;
    input.setAttribute('aria-expanded', open && hits.length > 0 ? 'true' : 'false');
    if (!open) setActive(-1);
  }

  function report(hit, position) {
    var body = JSON.stringify({ q: searched, article_id: hit.id, position: position });
    var url = '/api/v1/help/search/clicks';
    try {
      if (navigator.sendBeacon &&
          navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))) return;
    } catch (e) {}
    fetch(url, { method: 'POST', body: body, keepalive: true,
                 headers: { 'Content-Type': 'application/json' } })['catch'](function () {});
  }

  function choose(index) {
    var hit = hits[index];
    if (!hit) return;
    report(hit, index + 1);
    show(false);
    window.location.href = hit.url;
  }

  function render(q, data) {
    hits = data.results || [];
    searched = q;
    list.textContent = '';
    note.textContent = '';
    for (var i = 0; i < hits.length; i++) {
      var li = document.createElement('li');
      li.id = 'q-option-' + i;
      li.className = 'suggest-option';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var title = document.createElement('span');
      title.className = 'suggest-title';
      highlight(title, hits[i].title_html);
      li.appendChild(title);
      if (hits[i].snippet) {
        var snippet = document.createElement('span');
        snippet.className = 'suggest-snippet';
        highlight(snippet, hits[i].snippet);
        li.appendChild(snippet);
      }
      li.setAttribute('data-index', String(i));
      list.appendChild(li);
    }
    var fix = data.did_you_mean;
    if (fix && data.corrected) {
      note.appendChild(document.createTextNode('Showing results for '));
      var strong = document.createElement('strong');
      strong.textContent = fix;
      note.appendChild(strong);
    } else if (fix) {
      note.appendChild(document.createTextNode('Did you mean '));
      var again = document.createElement('button');
      again.type = 'button';
      again.className = 'plain';
      again.tabIndex = -1;
      again.textContent = fix;
      again.addEventListener('click', function () {
        input.value = fix;
        search(true);
      });
      note.appendChild(again);
      note.appendChild(document.createTextNode('?'));
    } else if (!hits.length) {
      note.textContent = 'No matching articles yet: press Enter to search.';
    }
    setActive(-1);
    show(document.activeElement === input);
    say(hits.length ? hits.length + (hits.length === 1 ? ' suggestion' : ' suggestions') +
        ': use the up and down arrow keys.' : note.textContent);
  }

  function search(now) {
    clearTimeout(timer);
    var q = input.value.replace(/^\s+|\s+$/g, '');
    if (q.length < kMinLength) {
      if (controller) controller.abort();
      hits = [];
      list.textContent = '';
      note.textContent = '';
      show(false);
      return;
    }
    timer = setTimeout(function () {
      var mine = ++seq;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch('/api/v1/help/search?limit=' + kLimit + '&q=' + encodeURIComponent(q) +
            (lang ? '&lang=' + encodeURIComponent(lang) : ''),
            controller ? { signal: controller.signal } : {})
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (mine === seq) render(q, data); })
        ['catch'](function () {});
    }, now ? 0 : kDelayMs);
  }

  input.addEventListener('input', function () { search(false); });
  input.addEventListener('focus', function () { show(true); });
  input.addEventListener('blur', function () { show(false); });
  input.addEventListener('keydown', function (event) {
    var key = event.key;
    if (key === 'ArrowDown' || key === 'Down' || key === 'ArrowUp' || key === 'Up') {
      if (!hits.length) return;
      event.preventDefault();
      var down = key === 'ArrowDown' || key === 'Down';
      if (!open) {
        show(true);
        setActive(down ? 0 : hits.length - 1);
        return;
      }
      var next = active + (down ? 1 : -1);
      setActive(next < -1 ? hits.length - 1 : next >= hits.length ? -1 : next);
    } else if (key === 'Enter') {
      // With a suggestion highlighted, open it; otherwise the form searches as without script.
      if (open && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (key === 'Escape' || key === 'Esc') {
      if (open) {
        event.preventDefault();
        show(false);
      }
    }
  });
  // Pressing in the list must not blur the box (which would close the list before the click).
  popup.addEventListener('mousedown', function (event) { event.preventDefault(); });
  list.addEventListener('click', function (event) {
    var node = event.target;
    while (node && node !== list && !node.getAttribute('data-index')) node = node.parentNode;
    if (node && node !== list) choose(Number(node.getAttribute('data-index')));
  });
  list.addEventListener('mousemove', function (event) {
    var node = event.target;
    while (node && node !== list && !node.getAttribute('data-index')) node = node.parentNode;
    if (node && node !== list) {
      var index = Number(node.getAttribute('data-index'));
      if (index !== active) setActive(index);
    }
  });
})();
)js";

// GET `path` answers `body` as `type`.
void AddAsset(http::Router& router, std::string path, std::string_view body, std::string type) {
  router.Add(Method::kGet, std::move(path),
             [body, type = std::move(type)](const Request&) {
               Response response = Response::Text(200, std::string(body), type);
               response.headers.emplace_back("Cache-Control", kHelpAssetCache);
               return response;
             },
             {.execution = http::Execution::kInline,
              .public_access = true,
              .permission = {},
              .summary = {}});
}

}  // namespace

void RegisterHelpAssets(http::Router& router) {
  AddAsset(router, "/help-assets/help.css", kStyles, "text/css; charset=utf-8");
  AddAsset(router, "/help-assets/help.js", kScript, "text/javascript; charset=utf-8");
}

}  // namespace rapport::api::internal
