#include "tests/integration/app/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace rapport::testing {
namespace {

constexpr const char* kBinary = RAPPORT_TEST_BINARY_DIR "/app/rapport";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Spawns the binary with stdout and stderr appended to `output_path`. A file rather than a
// pipe, so that a chatty server can never block on a pipe the test is not draining. Standard
// input comes from `input_path` (/dev/null when empty), so nothing ever waits on a terminal.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
            const std::filesystem::path& output_path,
            const std::filesystem::path& input_path = {}) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(
      &actions, STDIN_FILENO, input_path.empty() ? "/dev/null" : input_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<std::string> argv_store{kBinary};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child gets this process's environment without RAPPORT_* (which would be rejected or
  // change behaviour), plus the test's own entries.
  std::vector<std::string> env_store;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with("RAPPORT_")) continue;
    env_store.emplace_back(*e);
  }
  env_store.insert(env_store.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, kBinary, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + std::string(kBinary));
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

HttpResult HttpGet(int port, const std::string& target, const std::vector<std::string>& headers) {
  return HttpRequest(port, "GET", target, {}, headers);
}

HttpResult HttpRequest(int port, const std::string& method, const std::string& target,
                       const std::string& body, const std::vector<std::string>& headers) {
  HttpResult result;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return result;
  }
  std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  if (method != "GET") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    ::close(fd);
    return result;
  }
  std::string raw;
  char buf[16384];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return result;
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  if (line.size() >= 12) result.status = std::atoi(line.c_str() + 9);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    result.headers[Lower(line.substr(0, colon))] = value;
  }
  result.body = raw.substr(head_end + 4);
  return result;
}

ProcessResult RunRapport(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::string& input) {
  TempDir dir;
  const auto output = dir.path() / "output.txt";
  const auto input_path = dir.path() / "input.txt";
  std::ofstream(input_path, std::ios::binary) << input;
  const pid_t pid = Spawn(args, env, output, input_path);
  ProcessResult result;
  result.exit_code = WaitExit(pid);
  result.output = ReadFile(output);
  return result;
}

ServerProcess::ServerProcess(const std::filesystem::path& data_dir,
                             const std::vector<std::string>& extra_args) {
  std::vector<std::string> args{"serve",           "--listen", "127.0.0.1:0",    "--data-dir",
                                data_dir.string(), "--set",    "log.format=json"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, {}, log_dir_.path() / "server.log");
  static const std::regex kListening(R"re("msg":"listening".*"port":"(\d+)")re");
  // Generous: a sanitizer build on a loaded machine can take seconds to start.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string text = log();
    if (std::regex_search(text, m, kListening)) {
      port_ = std::stoi(m[1]);
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

int ServerProcess::Stop(int sig) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, sig);
  const int code = WaitExit(pid_);
  pid_ = -1;
  return code;
}

std::string ServerProcess::log() { return ReadFile(log_dir_.path() / "server.log"); }

}  // namespace rapport::testing
