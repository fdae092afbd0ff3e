// `rapport demo`: the demo organisation with five accounts to sign in with.

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <string>
#include <tuple>

#include "app/commands.h"
#include "app/demo_kb.h"
#include "app/demo_org.h"
#include "app/wiring.h"
#include "rapport/auth/crypto.h"
#include "rapport/auth/policy.h"
#include "rapport/core/random.h"

namespace rapport::app {
namespace {

struct DemoAccount {
  std::string_view label;  // "owner", "hr", "editor", "manager", "employee"
  auth::Role role;
  const store::Person* person;
  std::string password;
};

// 20 characters from an alphabet without look-alikes (no 0/o, 1/l/i): about 100 bits.
std::string NewDemoPassword(core::Random& random) {
  constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) out += '-';
    out += kAlphabet[random.Uniform(kAlphabet.size())];
  }
  return out;
}

// Creates the account, or gives an existing one its role back and a new password. The password
// is set in the store directly (there is no signed-in actor to ask the service), audited as
// the system.
core::Status UpsertAccount(store::WriteTx& tx, core::IdGenerator& ids, const core::Clock& clock,
                           const store::OrganisationId& org, const DemoAccount& account,
                           const std::string& password_hash) {
  const store::Person& person = *account.person;
  auto existing = tx.users().GetByEmail(person.email);
  std::string action = "user.created";
  if (existing) {
    if (existing->org_id != org) {
      return core::Conflict(fmt::format("{} belongs to another organisation", person.email));
    }
    store::User user = *existing;
    user.role = std::string(auth::RoleName(account.role));
    user.person_id = person.id;
    user.password_hash = password_hash;
    user.password_changed_at = clock.Now();
    user.disabled = false;
    RAPPORT_RETURN_IF_ERROR(tx.users().Update(user));
    RAPPORT_RETURN_IF_ERROR(tx.sessions().DeleteForUser(org, user.id));
    action = "auth.password_changed";
    existing = user;
  } else if (existing.error().code() == core::ErrorCode::kNotFound) {
    RAPPORT_ASSIGN_OR_RETURN(existing,
                             tx.users().Create({.id = ids.New<store::UserTag>(),
                                                .org_id = org,
                                                .email = person.email,
                                                .name = person.name,
                                                .role = std::string(auth::RoleName(account.role)),
                                                .person_id = person.id,
                                                .password_hash = password_hash,
                                                .password_changed_at = clock.Now()}));
  } else {
    return std::unexpected(existing.error());
  }
  boost::json::object detail{{"via", "rapport demo"}, {"role", auth::RoleName(account.role)}};
  RAPPORT_RETURN_IF_ERROR(tx.audit().Append({.org_id = org,
                                             .at = clock.Now(),
                                             .actor_label = "system",
                                             .action = action,
                                             .target = existing->id.str(),
                                             .detail = boost::json::serialize(detail)}));
  return core::Ok();
}

core::Status WriteCredentialsFile(const std::string& path, const std::string& json) {
  // Created 0600: the file holds passwords.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return core::Unavailable(fmt::format("cannot write {}", path));
  const bool ok = ::write(fd, json.data(), json.size()) == static_cast<ssize_t>(json.size());
  ::close(fd);
  if (!ok) return core::Unavailable(fmt::format("cannot write {}", path));
  return core::Ok();
}

}  // namespace

int Demo(const core::Config& config, const DemoOptions& options) {
  core::SystemClock clock;
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  auto logger = MakeLogger(config.log, clock);
  if (auto status = auth::InitCrypto(); !status) {
    logger->Error("cannot start libsodium", {{"error", status.error().ToString()}});
    return kExitFailure;
  }
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) {
    logger->Error("cannot open the store", {{"error", store.error().ToString()}});
    return kExitFailure;
  }
  const auto org = EnsureOrganisation(**store, ids, kDemoOrganisationSlug, kDemoOrganisationName);
  if (!org) {
    logger->Error("cannot create the demo organisation", {{"error", org.error().ToString()}});
    return kExitFailure;
  }
  const auto directory = EnsureDemoDirectory(**store, ids, org->id, options.seed);
  if (!directory) {
    logger->Error("cannot create the demo directory", {{"error", directory.error().ToString()}});
    return kExitFailure;
  }
  const DemoCast& cast = directory->cast;
  std::array<DemoAccount, 5> accounts{{
      {"owner", auth::Role::kOwner, &cast.chief_executive, NewDemoPassword(random)},
      {"hr", auth::Role::kHr, &cast.hr_partner, NewDemoPassword(random)},
      {"editor", auth::Role::kKnowledgeEditor, &cast.knowledge_editor, NewDemoPassword(random)},
      {"manager", auth::Role::kEmployee, &cast.team_lead, NewDemoPassword(random)},
      {"employee", auth::Role::kEmployee, &cast.team_member, NewDemoPassword(random)},
  }};
  const auth::PasswordHashParams params = MakeAuthOptions(config).password_hash;
  std::array<std::string, std::tuple_size_v<decltype(accounts)>> hashes;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    auto hash = auth::HashPassword(accounts[i].password, params);
    if (!hash) {
      logger->Error("cannot hash a password", {{"error", hash.error().ToString()}});
      return kExitFailure;
    }
    hashes[i] = std::move(*hash);
  }
  const auto written = (*store)->Write([&](store::WriteTx& tx) -> core::Status {
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      RAPPORT_RETURN_IF_ERROR(UpsertAccount(tx, ids, clock, org->id, accounts[i], hashes[i]));
    }
    return core::Ok();
  });
  if (!written) {
    logger->Error("cannot create the demo accounts", {{"error", written.error().ToString()}});
    return kExitFailure;
  }
  kb::FileBlobStore blobs(AttachmentsDirectory(config.store));
  const auto knowledge = EnsureDemoKnowledgeBase(
      **store, blobs, org->id, std::filesystem::path(config.store.data_dir) / "cache" / "demo",
      options.seed, clock, ids);
  if (!knowledge) {
    logger->Error("cannot create the demo knowledge base",
                  {{"error", knowledge.error().ToString()}});
    return kExitFailure;
  }

  const DemoStats& stats = directory->stats;
  std::printf("%s %s: %d people in %d teams across %d departments (%d have left, %d moved)\n",
              directory->created ? "Created" : "Kept", org->name.c_str(), stats.people, stats.teams,
              stats.departments, stats.inactive, stats.transfers);
  if (knowledge->available) {
    std::printf("%s the knowledge base: %d articles in %d categories and sections (%.1f s)\n",
                knowledge->created ? "Imported" : "Kept", knowledge->articles,
                knowledge->categories, knowledge->seconds);
  } else {
    std::printf("No knowledge base: %s. The demo goes on without one.\n",
                knowledge->message.c_str());
  }
  std::printf("Sign in at the server's address with one of these (passwords are new each run):\n");
  boost::json::object credentials;
  for (const DemoAccount& account : accounts) {
    std::printf("  %-9s %-44s %s  (%s, %s)\n", std::string(account.label).c_str(),
                account.person->email.c_str(), account.password.c_str(),
                account.person->name.c_str(), account.person->job_title.c_str());
    credentials[account.label] = {{"email", account.person->email},
                                  {"password", account.password},
                                  {"role", auth::RoleName(account.role)},
                                  {"person_id", account.person->id.str()}};
  }
  std::fflush(stdout);
  if (!options.credentials_file.empty()) {
    if (auto status =
            WriteCredentialsFile(options.credentials_file, boost::json::serialize(credentials));
        !status) {
      logger->Error("cannot write the credentials file", {{"error", status.error().ToString()}});
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace rapport::app
