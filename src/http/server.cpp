#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/log_format.hpp"
#include "http/metrics.hpp"

namespace anjian::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kHeaderLimitBytes = 16 * 1024;
// After an error response that closes the connection, keep draining what the client still
// sends for a moment; closing with unread data makes the kernel send RST, and the client may
// then lose the error response it has not read yet.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1u << 20;

class Session;

// State shared by the acceptor and all sessions; outlives the io_context.
struct ServerContext {
  ServerContext(const ServerOptions& server_options, const Router& server_router)
      : options(server_options), router(server_router) {}
  const ServerOptions& options;
  const Router& router;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable drained;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

bool IsApiPath(std::string_view path) { return path == "/api" || path.substr(0, 5) == "/api/"; }

bool IsJson(std::string_view content_type) {
  return content_type.substr(0, 16) == "application/json";
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// The access log never shows the query string: it may carry tokens or personal search terms.
std::string_view WithoutQuery(std::string_view target) {
  return target.substr(0, target.find('?'));
}

constexpr std::size_t kRequestIdLimit = 128;

// Routing policy between the API router and static files (see server.hpp).
Response Handle(const ServerContext& context, Request& request) {
  try {
    if (Status parsed = ParseTarget(request); !parsed.ok())
      return Response::FromError(parsed.error());
    if (IsApiPath(request.path)) return context.router.Dispatch(request);
    if (!context.options.static_files.root.empty() &&
        (request.method == "GET" || request.method == "HEAD")) {
      bool path_matched = false;
      if (context.router.Match(request, &path_matched) == nullptr && !path_matched) {
        if (std::optional<Response> file = ServeStatic(context.options.static_files, request)) {
          return std::move(*file);
        }
      }
    }
    return context.router.Dispatch(request);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception serving {} {}: {}", request.method, request.target,
                  e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception serving {} {}", request.method, request.target);
  }
  return Response::ErrorJson(500, "internal", "服务器内部错误 (internal server error)");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool hsts) {
  std::vector<std::pair<std::string, std::string>> headers = {
      // No inline script anywhere; 'unsafe-inline' for styles only, because Element Plus and
      // ECharts
      // set element style attributes at run time (positions of popovers, chart sizes). Images may
      // be
      // data:/blob: URLs (photo previews, signatures drawn on a canvas, QR codes).
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
       "data: blob:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action "
       "'self'; "
       "frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Content-Type-Options", "nosniff"},
      {"Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (hsts)
    headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return headers;
}

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
  };
  if (forwarded_for.empty() || !trusted(peer)) return peer;
  // "client, proxy1, proxy2": walk from the right past our own proxies; the first other entry is
  // the client as the nearest trusted proxy saw it (entries further left are the client's word).
  std::string client = peer;
  std::size_t end = forwarded_for.size();
  while (end > 0) {
    const std::size_t comma = forwarded_for.rfind(',', end - 1);
    const std::size_t begin = comma == std::string_view::npos ? 0 : comma + 1;
    std::string_view entry = forwarded_for.substr(begin, end - begin);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    if (!entry.empty()) {
      client = std::string(entry);
      if (!trusted(entry)) break;
    }
    if (comma == std::string_view::npos) break;
    end = comma;
  }
  return client;
}

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerContext& context)
      : stream_(std::move(socket)), context_(context) {
    beast::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string();
  }

  ~Session() {
    EndInFlight();
    std::lock_guard lock(context_.mutex);
    context_.sessions.erase(this);
    if (context_.sessions.empty()) context_.drained.notify_all();
  }

  void Run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

  // Any thread. Idle connections close now; a request in progress finishes without keep-alive.
  void RequestClose() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->close_requested_ = true;
      if (!self->busy_) self->stream_.cancel();
    });
  }

 private:
  std::chrono::seconds Timeout() const {
    return std::chrono::seconds(std::max(1, context_.options.read_timeout_seconds));
  }

  void ReadHeader() {
    busy_ = false;
    method_.clear();
    target_.clear();
    route_ = {};
    user_id_.reset();
    request_id_.clear();
    response_bytes_ = 0;
    started_ = {};
    if (close_requested_ || context_.stopping) return Shutdown();
    parser_.emplace();
    parser_->header_limit(kHeaderLimitBytes);
    parser_->body_limit(context_.options.body_limit_bytes);
    stream_.expires_after(Timeout());
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    busy_ = true;
    started_ = Clock::now();
    BeginInFlight();
    const auto& header = parser_->get();
    method_ = std::string(header.method_string());
    target_ = std::string(header.target());

    // Decided from the header alone, so a huge upload is refused before any of it is read: the
    // route's own limit (a login needs a few KB, JSON about 1 MB, uploads and imports more), never
    // above the server's.
    body_limit_ = context_.options.body_limit_bytes;
    {
      Request probe;
      probe.method = method_;
      probe.target = target_;
      if (ParseTarget(probe).ok()) {
        if (const Route* route = context_.router.Match(probe, nullptr);
            route != nullptr && route->info.body_limit != 0) {
          body_limit_ = std::min(body_limit_, route->info.body_limit);
        }
      }
    }
    parser_->body_limit(body_limit_);
    const boost::optional<std::uint64_t> length = parser_->content_length();
    if (length && *length > body_limit_) return SendPayloadTooLarge();

    if (header.version() >= 11 && !parser_->is_done() &&
        beast::iequals(header[bhttp::field::expect], "100-continue")) {
      continue_response_ = {bhttp::status::continue_, header.version()};
      stream_.expires_after(Timeout());
      bhttp::async_write(stream_, continue_response_,
                         beast::bind_front_handler(&Session::OnContinueSent, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinueSent(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return Shutdown();
    ReadBody();
  }

  // One read per call so the timeout applies to each read (a slow but live upload continues).
  void ReadBody() {
    if (parser_->is_done()) return OnRequestComplete();
    stream_.expires_after(Timeout());
    bhttp::async_read_some(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::OnBodyRead, shared_from_this()));
  }

  void OnBodyRead(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    ReadBody();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return SendPayloadTooLarge();
    if (ec == bhttp::error::header_limit) {
      return SendErrorAndClose(431, "invalid_argument",
                               "请求头过大 (request header fields too large)");
    }
    // Anything else from the HTTP parser is a malformed request; the rest (end of stream,
    // timeout, reset, cancellation from Stop) ends the connection without an answer.
    const bool parse_error =
        ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
    if (parse_error && !close_requested_) {
      return SendErrorAndClose(400, "invalid_argument",
                               "HTTP 请求格式错误 (malformed HTTP request: " + ec.message() + ")");
    }
    Shutdown();
  }

  void SendPayloadTooLarge() {
    const std::size_t limit = body_limit_ != 0 ? body_limit_ : context_.options.body_limit_bytes;
    SendErrorAndClose(413, "payload_too_large",
                      "请求体超过上限 " + std::to_string(limit) +
                          " 字节 (request body exceeds the limit of " + std::to_string(limit) +
                          " bytes)");
  }

  void SendErrorAndClose(int status, std::string_view code, const std::string& message) {
    busy_ = true;
    if (started_ == Clock::time_point{}) started_ = Clock::now();  // refused before a header
    linger_after_write_ = true;
    Write(Response::ErrorJson(status, code, message), /*version=*/11, /*keep_alive=*/false,
          /*head=*/false);
  }

  void OnRequestComplete() {
    bhttp::request<bhttp::string_body> message = parser_->release();
    Request request;
    request.method = method_;
    request.target = target_;
    request.remote_address = remote_address_;
    request.headers.reserve(
        static_cast<std::size_t>(std::distance(message.begin(), message.end())));
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.client_address = ClientAddress(remote_address_, request.Header("X-Forwarded-For"),
                                           context_.options.trusted_proxies);
    request.body = std::move(message.body());
    Response response = Handle(context_, request);
    path_ = std::move(request.path);
    route_ = request.route;
    user_id_ = request.user_id;
    if (context_.options.json_access_log) {
      request_id_ = request.Header("X-Request-Id").substr(0, kRequestIdLimit);
    }
    Write(std::move(response), message.version(), message.keep_alive(), method_ == "HEAD");
  }

  void Write(Response&& response, unsigned version, bool keep_alive, bool head) {
    status_ = response.status;
    try {
      response_ = BuildMessage(std::move(response), version, head, context_.options.hsts);
    } catch (const std::exception& e) {
      // Only a handler bug gets here (e.g. status 1000); answer a plain 500 instead.
      spdlog::error("invalid response for {} {}: {}", method_, target_, e.what());
      status_ = 500;
      response_ = BuildMessage(
          Response::ErrorJson(500, "internal", "服务器内部错误 (internal server error)"), version,
          head, context_.options.hsts);
    }
    response_bytes_ = response_.body().size();
    response_.keep_alive(keep_alive && !close_requested_ && !context_.stopping);
    stream_.expires_after(Timeout());
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  static bhttp::response<bhttp::string_body> BuildMessage(Response&& response, unsigned version,
                                                          bool head, bool hsts) {
    bhttp::response<bhttp::string_body> message;
    message.version(version);
    message.result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty())
      message.set(bhttp::field::content_type, response.content_type);
    bool has_cache_control = false;
    for (const auto& [name, value] : response.headers) {
      if (name.empty() || HasLineBreak(name) || HasLineBreak(value)) {
        spdlog::warn("dropped response header with a line break: {}", name);
        continue;
      }
      if (beast::iequals(name, "Cache-Control")) has_cache_control = true;
      message.insert(name, value);
    }
    for (const auto& [name, value] : SecurityHeaders(hsts)) message.set(name, value);
    if (!has_cache_control && IsJson(response.content_type)) {
      message.set(bhttp::field::cache_control, "no-store");
    }
    const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
    if (bodiless) {
      message.content_length(boost::none);
      return message;
    }
    message.body() = std::move(response.body);
    message.prepare_payload();
    // HEAD: the header announces the GET length, the body stays empty.
    if (head) message.body().clear();
    return message;
  }

  void OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
    const Clock::duration elapsed = Clock::now() - started_;
    if (context_.options.metrics != nullptr) {
      context_.options.metrics->RecordRequest(method_, route_, status_, elapsed);
    }
    EndInFlight();
    LogAccess(elapsed);
    if (ec) return Shutdown();
    const bool close = response_.need_eof();
    response_ = {};
    path_.clear();
    if (linger_after_write_) return Linger();
    if (close) return Shutdown();
    ReadHeader();
  }

  void LogAccess(Clock::duration elapsed) const {
    const auto microseconds =
        std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
    const std::string_view path = path_.empty() ? WithoutQuery(target_) : std::string_view(path_);
    if (!context_.options.json_access_log) {
      spdlog::debug("{} {} {} {}us", method_, path, status_, microseconds);
      return;
    }
    std::array<LogField, 8> fields;
    std::size_t count = 0;
    fields[count++] = {"method", std::string_view(method_)};
    fields[count++] = {"route", route_.empty() ? std::string_view("other") : route_};
    fields[count++] = {"path", path};
    fields[count++] = {"status", std::int64_t{status_}};
    fields[count++] = {"duration_ms", static_cast<double>(microseconds) / 1000.0};
    fields[count++] = {"bytes", static_cast<std::int64_t>(response_bytes_)};
    if (!request_id_.empty()) fields[count++] = {"request_id", std::string_view(request_id_)};
    if (user_id_) fields[count++] = {"user_id", *user_id_};
    const ScopedLogFields scope(std::span<const LogField>(fields.data(), count));
    spdlog::info("{} {} {}", method_, path, status_);
  }

  void BeginInFlight() {
    if (in_flight_ || context_.options.metrics == nullptr) return;
    in_flight_ = true;
    context_.options.metrics->RequestStarted();
  }

  // Idempotent: called when the response is written, and when the connection ends without one.
  void EndInFlight() {
    if (!in_flight_) return;
    in_flight_ = false;
    context_.options.metrics->RequestEnded();
  }

  void Linger() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTime);
    DrainSome();
  }

  void DrainSome() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              self->drained_bytes_ += bytes;
                              if (ec || self->drained_bytes_ > kLingerBytes)
                                return self->Shutdown();
                              self->DrainSome();
                            });
  }

  void Shutdown() {
    EndInFlight();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerContext& context_;
  std::string remote_address_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::size_t body_limit_ = 0;  // of the request being read
  bhttp::response<bhttp::empty_body> continue_response_;
  bhttp::response<bhttp::string_body> response_;
  // For the access log.
  std::string method_;
  std::string target_;
  std::string path_;
  std::string_view route_;  // into the Router, which outlives the server
  std::optional<std::int64_t> user_id_;
  std::string request_id_;
  std::size_t response_bytes_ = 0;
  int status_ = 0;
  Clock::time_point started_{};
  bool busy_ = false;       // a request is past its header: reading body, handling or writing
  bool in_flight_ = false;  // counted in Metrics' in-flight gauge
  bool close_requested_ = false;
  bool linger_after_write_ = false;
  std::size_t drained_bytes_ = 0;
};

thread_local const void* current_server = nullptr;

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router)
      : options_(std::move(options)),
        context_(options_, router),
        thread_count_(options_.threads > 0
                          ? options_.threads
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()))),
        io_context_(thread_count_),
        acceptor_(asio::make_strand(io_context_)),
        retry_timer_(acceptor_.get_executor()) {}

  ~Impl() { Stop(); }

  Result<unsigned short> Start() {
    {
      std::lock_guard lock(mutex_);
      if (started_) return Error::FailedPrecondition("服务器已启动 (server already started)");
    }
    beast::error_code ec;
    const asio::ip::address address = asio::ip::make_address(options_.address, ec);
    if (ec) {
      return Error::InvalidArgument("无效的监听地址 '" + options_.address +
                                    "' (invalid listen address)");
    }
    const tcp::endpoint endpoint(address, options_.port);
    const std::string where = options_.address + ":" + std::to_string(options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      if (ec == asio::error::address_in_use) {
        return Error::Unavailable("端口 " + std::to_string(options_.port) +
                                  " 已被占用 (address already in use: " + where + ")");
      }
      if (ec == asio::error::access_denied) {
        return Error::Unavailable("没有权限监听端口 " + std::to_string(options_.port) +
                                  " (permission denied binding " + where + ")");
      }
      return Error::Unavailable("无法监听 " + where + " (cannot bind: " + ec.message() + ")");
    }
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return Error::Unavailable("无法监听 " + where + " (listen failed: " + ec.message() + ")");
    }
    const unsigned short port = acceptor_.local_endpoint().port();

    if (options_.stop_on_signals) {
      signals_.emplace(acceptor_.get_executor(), SIGINT, SIGTERM);
      signals_->async_wait([this](beast::error_code error, int signal_number) {
        if (error) return;
        spdlog::info("signal {} received, stopping the HTTP server", signal_number);
        RequestStop();
      });
    }
    Accept();
    {
      std::lock_guard lock(mutex_);
      started_ = true;
    }
    threads_.reserve(static_cast<std::size_t>(thread_count_));
    for (int i = 0; i < thread_count_; ++i) threads_.emplace_back([this] { RunIoThread(); });
    spdlog::info("HTTP server listening on {}:{} ({} threads)", options_.address, port,
                 thread_count_);
    return port;
  }

  void Stop() {
    {
      std::unique_lock lock(mutex_);
      if (!started_ || stopped_) return;
      stop_requested_ = true;
      state_changed_.notify_all();
      // Joining from an io thread would join itself; Wait() or the destructor finishes the job.
      if (current_server == this) return;
      if (stop_in_progress_) {
        state_changed_.wait(lock, [this] { return stopped_; });
        return;
      }
      stop_in_progress_ = true;
    }

    context_.stopping = true;
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      retry_timer_.cancel();
      if (signals_) signals_->cancel(ignored);
    });
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(context_.mutex);
      for (auto& [raw, weak] : context_.sessions) {
        if (std::shared_ptr<Session> session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (const auto& session : live) session->RequestClose();
    // Released outside the lock: the last reference runs ~Session, which takes the lock.
    live.clear();
    {
      std::unique_lock lock(context_.mutex);
      context_.drained.wait_for(lock,
                                std::chrono::seconds(std::max(0, options_.shutdown_grace_seconds)),
                                [this] { return context_.sessions.empty(); });
    }
    io_context_.stop();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
    // The posted close may not have run before stop(); with the threads joined nothing else
    // touches these objects, and the port must be free when Stop() returns.
    beast::error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    if (signals_) signals_->cancel(ignored);
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    state_changed_.notify_all();
    spdlog::info("HTTP server stopped");
  }

  void Wait() {
    {
      std::unique_lock lock(mutex_);
      if (!started_) return;
      state_changed_.wait(lock, [this] { return stop_requested_ || stopped_; });
    }
    Stop();
  }

 private:
  void RequestStop() {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
    state_changed_.notify_all();
  }

  void RunIoThread() {
    current_server = this;
    // A throwing completion handler must not take the thread (and the server) down.
    while (true) {
      try {
        io_context_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("exception escaped an io handler: {}", e.what());
      } catch (...) {
        spdlog::error("non-standard exception escaped an io handler");
      }
    }
  }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_context_),
                           beast::bind_front_handler(&Impl::OnAccept, this));
  }

  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || context_.stopping || !acceptor_.is_open()) return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
      // Out of descriptors or memory: retrying at once would spin, so pause briefly.
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this](beast::error_code error) {
        if (!error && !context_.stopping) Accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<Session>(std::move(socket), context_);
    {
      std::lock_guard lock(context_.mutex);
      context_.sessions.emplace(session.get(), session);
    }
    session->Run();
    Accept();
  }

  ServerOptions options_;
  ServerContext context_;  // declared before io_context_: sessions unregister while it is destroyed
  int thread_count_;
  asio::io_context io_context_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  std::optional<asio::signal_set> signals_;
  std::vector<std::thread> threads_;

  std::mutex mutex_;
  std::condition_variable state_changed_;
  bool started_ = false;
  bool stop_requested_ = false;
  bool stop_in_progress_ = false;
  bool stopped_ = false;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

Result<unsigned short> Server::Start() { return impl_->Start(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }

}  // namespace anjian::http
