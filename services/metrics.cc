#include "services/metrics.h"

namespace cdnmesh::services {
namespace {

void Metric(std::string* out, const char* name, const char* type, const char* help,
            std::uint64_t value) {
  *out += "# HELP cdnmesh_services_";
  *out += name;
  *out += ' ';
  *out += help;
  *out += "\n# TYPE cdnmesh_services_";
  *out += name;
  *out += ' ';
  *out += type;
  *out += "\ncdnmesh_services_";
  *out += name;
  *out += ' ';
  *out += std::to_string(value);
  *out += '\n';
}

}  // namespace

std::string RenderMetrics(const ServiceDispatch& d, const HostCounters& h) {
  std::string out;
  const auto counter = [&out](const char* name, const char* help, std::uint64_t value) {
    Metric(&out, name, "counter", help, value);
  };
  const auto gauge = [&out](const char* name, const char* help, std::uint64_t value) {
    Metric(&out, name, "gauge", help, value);
  };
  counter("http_requests_total", "HTTP requests read", h.http_requests);
  counter("http_refused_total", "HTTP requests answered 4xx or 5xx", h.http_refused);
  counter("joins_accepted_total", "JoinRequests answered with a ConfigResponse",
          d.stats().joins_accepted);
  counter("joins_refused_total", "JoinRequests refused", d.stats().joins_refused);
  counter("tracker_requests_total", "tracker joins, announces and leaves",
          d.tracker().stats().requests);
  counter("tracker_refused_total", "tracker requests refused", d.tracker().stats().refused);
  counter("signaling_relayed_total", "signaling messages relayed", d.relay().stats().relayed);
  counter("signaling_refused_total", "signaling messages refused", d.relay().stats().refused);
  counter("signaling_connections_refused_total", "signaling connections refused at open",
          d.stats().signaling_refused);
  counter("bad_frames_total", "undecodable frames", d.stats().bad_frames);
  counter("bad_session_seals_total", "session tokens whose seal did not verify",
          d.stats().bad_seals);
  counter("connections_accepted_total", "TCP connections accepted", h.connections_accepted);
  counter("ws_messages_in_total", "WebSocket messages received", h.ws_messages_in);
  counter("ws_messages_out_total", "WebSocket messages sent", h.ws_messages_out);
  counter("received_bytes_total", "HTTP body and WebSocket payload bytes received", h.bytes_in);
  counter("sent_bytes_total", "HTTP body and WebSocket payload bytes sent", h.bytes_out);
  counter("rate_limited_total", "messages refused by a per-connection rate limit", h.rate_limited);
  counter("closed_for_abuse_total", "connections closed for flooding, garbage or slow reading",
          h.closed_for_abuse);
  counter("idle_closed_total", "connections closed by a timeout", h.idle_closed);
  gauge("connections_open", "TCP connections open", h.connections_open);
  gauge("tracker_connections_open", "tracker WebSockets open", h.tracker_open);
  gauge("signaling_connections_open", "signaling WebSockets open", h.signaling_open);
  gauge("members", "tracker members across all swarms", d.tracker().member_count());
  gauge("swarms", "non-empty swarms", d.tracker().swarm_count());
  gauge("replay_nonces", "publisher-token nonces remembered", d.publisher().nonces());
  return out;
}

}  // namespace cdnmesh::services
