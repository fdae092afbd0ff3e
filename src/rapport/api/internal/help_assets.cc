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
ul.results{padding-left:1.1rem}#live-results:empty{display:none}
footer.site{border-top:1px solid var(--line);margin-top:3rem}footer.site .wrap{color:var(--muted);font-size:.9rem}
)css";

// Search-as-you-type for the search box: the page works without it (the form submits to
// /help?q=); with it, results appear below the box while typing.
constexpr std::string_view kScript = R"js(
(function () {
  var form = document.querySelector('form.search');
  var out = document.getElementById('live-results');
  if (!form || !out || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var timer = 0, seq = 0;
  input.setAttribute('aria-controls', 'live-results');
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      var mine = ++seq;
      if (q.length < 2) { out.textContent = ''; return; }
      var lang = document.documentElement.getAttribute('lang') || '';
      fetch('/api/v1/help/articles?limit=8&q=' + encodeURIComponent(q) + '&lang=' + encodeURIComponent(lang))
        .then(function (r) { return r.ok ? r.json() : { articles: [] }; })
        .then(function (data) {
          if (mine !== seq) return;
          out.textContent = '';
          var list = document.createElement('ul');
          list.className = 'results';
          (data.articles || []).forEach(function (a) {
            var li = document.createElement('li');
            var link = document.createElement('a');
            link.href = a.url;
            link.textContent = a.title;
            li.appendChild(link);
            list.appendChild(li);
          });
          var status = document.createElement('p');
          status.className = 'muted';
          status.textContent = (data.articles || []).length ? 'Suggestions:' : 'No matching articles yet: press Enter to search.';
          out.appendChild(status);
          out.appendChild(list);
        })
        .catch(function () {});
    }, 150);
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
