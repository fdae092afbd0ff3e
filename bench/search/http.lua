-- wrk script for bench/search/http.sh: each request searches the next query of a fixed list
-- (clean queries from the demo help's titles, then the same with one typo in each word of 5+
-- letters), as a final query (final=true: the search button, not search-as-you-type).
--   RAPPORT_SEARCH_PATH  /api/v1/search (staff, needs RAPPORT_COOKIE) or /api/v1/help/search
--   RAPPORT_COOKIE       "rapport_session=..." for the staff search; empty for the help center
local queries = {
  "page orientation", "alphabetical index", "chapter numbering", "hyphenation",
  "background color", "master documents", "regular expressions search", "bibliography",
  "merge cells", "print multiple pages", "check spelling", "count words",
  "table of contents", "conditional formatting", "pivot table", "footnotes",
  "track changes", "export pdf", "insert chart", "paragraph styles",
  "autocorrect exceptions", "freeze rows columns", "header footer", "writer",
  "page orientaton", "alphabeical idnex", "chaptre numbring", "hyphenaton",
  "backgound coolr", "mastr documetns", "reguler expresions serch", "bibliograhpy",
  "mrege celsl", "pritn multipel pagse", "chekc spellign", "coutn wrods",
  "tabel of contnets", "condtional formating", "pivto tabel", "footntoes",
  "trakc chnages", "exprot pdf", "insrt chrat", "paragrpah stlyes",
  "autocorect exceptons", "freze rows colums", "haeder fotoer", "wirter",
}

local path = os.getenv("RAPPORT_SEARCH_PATH") or "/api/v1/search"
local cookie = os.getenv("RAPPORT_COOKIE") or ""
local requests = {}
for i, q in ipairs(queries) do
  requests[i] = path .. "?q=" .. q:gsub(" ", "+") .. "&limit=10&final=true"
end
local threads = 0
next_query = 0

-- Threads start at different places in the list.
function setup(thread)
  thread:set("next_query", threads * 7)
  threads = threads + 1
end

function init(args)
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
end

function request()
  next_query = next_query % #requests + 1
  return wrk.format("GET", requests[next_query])
end
