#pragma once

// Test support: runs the real `rapport` binary as a child process and talks HTTP to it over
// loopback. The server is started on port 0 and the chosen port is read from its JSON log.

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rapport/core/testing/temp_dir.h"

namespace rapport::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One request on a fresh connection; extra headers as "Name: value".
HttpResult HttpGet(int port, const std::string& target,
                   const std::vector<std::string>& headers = {});
// Any method, with a body (Content-Length is added for methods other than GET).
HttpResult HttpRequest(int port, const std::string& method, const std::string& target,
                       const std::string& body, const std::vector<std::string>& headers = {});

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string output;  // stdout and stderr together
};

// Runs the binary to completion with `args`, extra environment entries ("K=V") and `input` as
// its standard input.
ProcessResult RunRapport(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {}, const std::string& input = {});

using core::testing::TempDir;

class ServerProcess {
 public:
  // Starts `rapport serve --listen 127.0.0.1:0 --data-dir DIR` plus `extra_args`, and waits
  // until it logs that it is listening. On failure port() is 0 and log() says why.
  ServerProcess(const std::filesystem::path& data_dir,
                const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `sig` and waits for the exit; returns the exit code (-1 if killed by a signal).
  int Stop(int sig = SIGTERM);
  // Everything the server has logged so far.
  std::string log();

 private:
  TempDir log_dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace rapport::testing
