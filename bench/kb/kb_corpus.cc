#include "bench/kb/kb_corpus.h"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string_view>

namespace rapport::kb::bench {
namespace {

constexpr std::array<std::string_view, 8> kTopics = {
    "survey reminders", "response retention", "anonymous results",  "team policies",
    "single sign-on",   "data export",        "notification rules", "custom questions"};

std::string_view TopicOf(int section) {
  return kTopics[static_cast<std::size_t>(section) % kTopics.size()];
}

// The `index`-th id of `ids`, in turn; empty when there are none.
std::string_view LinkedId(const std::vector<std::string>& ids, int index) {
  if (ids.empty()) return {};
  return ids[static_cast<std::size_t>(index) % ids.size()];
}

std::string InternalLinks(const std::vector<std::string>& ids, int section) {
  if (ids.empty()) return "the overview and the permissions page";
  return fmt::format("[the overview](article:{}) and [who may change it](article:{}#roles)",
                     LinkedId(ids, 2 * section), LinkedId(ids, 2 * section + 1));
}

std::string MarkdownSection(int section, const std::vector<std::string>& ids) {
  const std::string_view topic = TopicOf(section);
  return fmt::format(
      R"md(## Step {0}: configure {1}

Before you change **{1}**, make sure you hold the *Administrator* or *HR* role; read
{2} first. The vendor's [reference guide](https://docs.example.com/rapport/{0}/reference?v=3)
lists every field. Changes apply to new surveys only: a survey that is already running keeps
the settings it was launched with, so that results stay comparable from one week to the next.

1. Open **Settings → Organisation** from the menu at the top right.
2. Choose the team and select `Edit policy`.
   - Members inherit the policy of their team.
   - A person in several teams gets the ~~strictest~~ most generous one.
3. Save, then check the preview on the right-hand side.

| Setting | Default | Allowed values | Notes |
| --- | --- | --- | --- |
| `retention_days` | 90 | 1–3650 | Applies to new responses only |
| `reminders` | on | on, off | Sent at 09:00 local time |
| `anonymous` | off | on, off | Cannot be changed after launch |
| `quorum` | 5 | 3–50 | Results stay hidden below this |

```bash
rapport import kb --file step-{0}.zip --dry-run
rapport export kb --output backup-{0}.zip
```

> **Note:** changes take effect within a minute. Write to support@example.com when they do
> not, with the time of the change and the name of the team.

- [x] Policy saved for step {0}
- [ ] Team leads informed

### If step {0} does not work

Most problems come from a policy set on a parent team, which wins over the one you edited.
Open the team's page, look for the *inherited* badge beside **{1}**, and change the policy
where it is set. If the badge is missing and the setting still does not apply:

- sign out and in again, so that your browser picks up the new role;
- check the [status page](https://status.example.com/) for an incident;
- export the settings with `rapport export kb` and attach the file to your request.

)md",
      section, topic, InternalLinks(ids, section));
}

std::string HtmlSection(int section) {
  const std::string_view topic = TopicOf(section);
  return fmt::format(
      R"html(<h2 id="step-{0}">Step {0}: configure {1}</h2>
<p>Before you change <strong>{1}</strong>, make sure you hold the <em>Administrator</em> or
<em>HR</em> role; read <a href="overview.html">the overview</a> and
<a href="permissions.html#roles">who may change it</a> first. The vendor's
<a href="https://docs.example.com/rapport/{0}/reference?v=3">reference guide</a> lists every
field. Changes apply to new surveys only.</p>
<ol>
  <li>Open <b>Settings &rarr; Organisation</b> from the menu at the top right.</li>
  <li>Choose the team and select <code>Edit policy</code>.
    <ul><li>Members inherit the policy of their team.</li>
    <li>A person in several teams gets the most generous one.</li></ul></li>
  <li>Save, then check the preview on the right-hand side.</li>
</ol>
<table class="settings">
  <thead><tr><th>Setting</th><th>Default</th><th>Allowed values</th><th>Notes</th></tr></thead>
  <tbody>
    <tr><td><code>retention_days</code></td><td>90</td><td>1&ndash;3650</td><td>New responses</td></tr>
    <tr><td><code>reminders</code></td><td>on</td><td>on, off</td><td>Sent at 09:00</td></tr>
    <tr><td><code>anonymous</code></td><td>off</td><td>on, off</td><td>Fixed at launch</td></tr>
    <tr><td><code>quorum</code></td><td>5</td><td>3&ndash;50</td><td>Hidden below this</td></tr>
  </tbody>
</table>
<pre><code class="language-bash">rapport import kb --file step-{0}.zip --dry-run
rapport export kb --output backup-{0}.zip</code></pre>
<p><img src="images/step-{0}.png" alt="The policy editor, step {0}" width="640"></p>
<blockquote><p><strong>Note:</strong> changes take effect within a minute. Write to
<a href="mailto:support@example.com">support</a> when they do not.</p></blockquote>
)html",
      section, topic);
}

}  // namespace

std::string ArticleMarkdown(int sections, const std::vector<std::string>& linked_ids) {
  std::string out =
      "This article explains how an administrator sets up the organisation's survey "
      "policies, one step at a time. Every step can be undone.\n\n";
  for (int i = 1; i <= sections; ++i) out += MarkdownSection(i, linked_ids);
  return out;
}

std::string HelpPageHtml(int sections) {
  std::string out = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Configuring survey policies</title>
<meta name="keywords" content="surveys, policies, administration, retention">
<link rel="stylesheet" href="help.css">
<style>body { font-family: sans-serif; } table.settings td { padding: 4px; }</style>
<script>window.dataLayer = window.dataLayer || []; function track() {}</script>
</head>
<body>
<header><a href="/">Vendor help</a><form action="/search"><input name="q"></form></header>
<nav><ul><li><a href="/help">Help</a></li><li><a href="/help/admin">Administration</a></li>
<li><a href="/help/admin/policies">Policies</a></li></ul></nav>
<main>
<h1>Configuring survey policies</h1>
<p>This page explains how an administrator sets up the organisation's survey policies, one
step at a time. Every step can be undone.</p>
)html";
  for (int i = 1; i <= sections; ++i) out += HtmlSection(i);
  out += R"html(</main>
<footer><p>&copy; 2026 Vendor. <a href="/privacy">Privacy</a> &middot;
<a href="/terms">Terms</a></p></footer>
</body>
</html>
)html";
  return out;
}

}  // namespace rapport::kb::bench
