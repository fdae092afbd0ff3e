#pragma once

// The demo knowledge base behind `rapport demo`: LibreOffice's English help (the Debian package
// libreoffice-help-en-us, fetched with `apt-get download` into a cache folder and unpacked with
// `dpkg-deb -x`; LibreOffice itself is not needed), imported through the HTML bundle import.
//
// What is imported: the guides of every module and the menus of the shared module (about 770
// pages). Modules become categories (swriter -> Writer, scalc -> Calc, ...) and folders
// sections (guide -> Guides, 01 -> Menus, ...); links between imported pages become article
// links. The demo then shapes the result like a living knowledge base, deterministically from
// the seed: guides public and the rest internal with some restricted to HR, owners and
// verifiers spread over the organisation's accounts (knowledge editors first), about 10% of
// the articles overdue for verification, reader feedback (some of it resolved) and daily view
// counts over the last 30 days.
//
// Idempotent: when the organisation already has articles, nothing is fetched or written.
// Thread-safety: none needed; call once.

#include <cstdint>
#include <filesystem>
#include <string>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/kb/blob_store.h"
#include "rapport/store/store.h"

namespace rapport::app {

struct DemoKbSummary {
  bool available = true;  // false when the help could not be fetched (see `message`)
  bool created = false;   // false when the knowledge base was there already
  int articles = 0;
  int categories = 0;
  int feedback = 0;
  double seconds = 0;   // fetching, importing and shaping
  std::string message;  // why it is unavailable
};

// `cache` holds the downloaded package and its unpacked files between runs.
core::Result<DemoKbSummary> EnsureDemoKnowledgeBase(store::Store& store, kb::BlobStore& blobs,
                                                    const store::OrganisationId& org,
                                                    const std::filesystem::path& cache,
                                                    std::uint64_t seed, const core::Clock& clock,
                                                    core::IdGenerator& ids);

}  // namespace rapport::app
