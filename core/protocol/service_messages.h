// Messages between a client and the services: the distributor (authentication and per-viewer
// configuration), the tracker (swarm membership and peer lists) and signaling (WebRTC set-up).
// Byte strings are opaque to the protocol; their sizes are bounded by limits.h.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "core/common/box.h"
#include "core/common/types.h"
#include "core/config/client_knobs.h"
#include "core/protocol/wire_types.h"

namespace cdnmesh {
namespace protocol {

/// Client -> distributor: who I am and what I watch; answered by ConfigResponse or ServiceError.
struct JoinRequest : Fieldwise<JoinRequest> {
  static constexpr MessageType kType = MessageType::kJoinRequest;  ///< wire type code
  ContentId content = 0;                    ///< what the viewer is about to watch
  PeerProfile profile;                      ///< device, network and location
  std::uint64_t download_capacity_bps = 0;  ///< measured downlink, bits/s (0 = unknown)
  std::string client_version;               ///< e.g. "cdnmesh-web/1.4.2"
  std::vector<std::uint8_t> auth_token;     ///< opaque credential from the publisher
  /// The fields, for comparison.
  auto Fields() const {
    return std::tie(content, profile, download_capacity_bps, client_version, auth_token);
  }
};

/// Distributor -> client: the service addresses, a session token and every client knob, tuned
/// for this viewer (core/config/client_knobs.h lists the knobs, in the client's own units).
struct ConfigResponse : Fieldwise<ConfigResponse> {
  static constexpr MessageType kType = MessageType::kConfigResponse;  ///< wire type code
  std::string tracker_url;                  ///< where to send JoinSwarm / Announce
  std::string signaling_url;                ///< where to relay offers and candidates
  std::vector<std::uint8_t> session_token;  ///< present to the tracker in JoinSwarm
  Box<ClientConfig> config;                 ///< the whole client configuration (on the heap)
  /// The fields, for comparison (the config knob by knob).
  auto Fields() const { return std::tie(tracker_url, signaling_url, session_token, config); }
};

/// Any service -> client: the request was refused.
struct ServiceError : Fieldwise<ServiceError> {
  static constexpr MessageType kType = MessageType::kServiceError;  ///< wire type code
  ServiceErrorCode code = ServiceErrorCode::kBadRequest;            ///< machine-readable reason
  std::uint32_t retry_after_ms = 0;                                 ///< 0 = do not retry
  std::string text;                                                 ///< human-readable detail
  /// The fields, for comparison.
  auto Fields() const { return std::tie(code, retry_after_ms, text); }
};

/// Client -> tracker: enter the swarm of (content, rendition); answered by SwarmJoined.
struct JoinSwarm : Fieldwise<JoinSwarm> {
  static constexpr MessageType kType = MessageType::kJoinSwarm;  ///< wire type code
  ContentId content = 0;                                         ///< the swarm's content
  RenditionIndex rendition = 0;                                  ///< the swarm's rendition
  SegmentSeq position = 0;                                       ///< segment at the playhead
  PeerProfile profile;                                           ///< for matching
  std::vector<std::uint8_t> session_token;                       ///< from ConfigResponse
  /// The fields, for comparison.
  auto Fields() const { return std::tie(content, rendition, position, profile, session_token); }
};

/// Tracker -> client: the peer id assigned in the swarm and how often to announce.
struct SwarmJoined : Fieldwise<SwarmJoined> {
  static constexpr MessageType kType = MessageType::kSwarmJoined;  ///< wire type code
  PeerId peer = kInvalidPeer;                                      ///< the caller's id from now on
  std::uint32_t announce_interval_ms = 0;                          ///< period of Announce
  /// The fields, for comparison.
  auto Fields() const { return std::tie(peer, announce_interval_ms); }
};

/// Client -> tracker, periodic: where I am and what I moved; answered by PeerList.
struct Announce : Fieldwise<Announce> {
  static constexpr MessageType kType = MessageType::kAnnounce;  ///< wire type code
  PeerId peer = kInvalidPeer;                                   ///< from SwarmJoined
  ContentId content = 0;                                        ///< current content
  RenditionIndex rendition = 0;            ///< current rendition (a change moves swarms)
  SegmentSeq position = 0;                 ///< segment at the playhead
  std::uint32_t buffer_ms = 0;             ///< buffered media ahead of the playhead
  std::uint64_t uploaded_bytes = 0;        ///< to peers, since join
  std::uint64_t downloaded_p2p_bytes = 0;  ///< from peers, since join
  std::uint64_t downloaded_cdn_bytes = 0;  ///< from the CDN, since join
  std::uint16_t wanted_peers = 0;          ///< how many new peers to list (<= kMaxPeersPerList)
  std::uint64_t upload_capacity_bps = 0;   ///< the client's current uplink estimate (0 = none)
  /// The fields, for comparison.
  auto Fields() const {
    return std::tie(peer, content, rendition, position, buffer_ms, uploaded_bytes,
                    downloaded_p2p_bytes, downloaded_cdn_bytes, wanted_peers, upload_capacity_bps);
  }
};

/// One candidate peer in a PeerList.
struct PeerDescriptor : Fieldwise<PeerDescriptor> {
  PeerId peer = kInvalidPeer;    ///< id to address through signaling
  PeerProfile profile;           ///< ISP, location, device, NAT, upload capacity
  RenditionIndex rendition = 0;  ///< rendition it watches
  SegmentSeq position = 0;       ///< segment at its playhead at its last announce
  /// The fields, for comparison.
  auto Fields() const { return std::tie(peer, profile, rendition, position); }
};

/// Tracker -> client: peers to connect to, best match first.
struct PeerList : Fieldwise<PeerList> {
  static constexpr MessageType kType = MessageType::kPeerList;  ///< wire type code
  ContentId content = 0;                                        ///< the swarm's content
  RenditionIndex rendition = 0;                                 ///< the swarm's rendition
  std::vector<PeerDescriptor> peers;                            ///< at most kMaxPeersPerList
  std::uint32_t swarm_size = 0;  ///< viewers in the swarm now (the caller included)
  /// The fields, for comparison.
  auto Fields() const { return std::tie(content, rendition, peers, swarm_size); }
};

/// Client -> tracker: the viewer stops watching; its id is released.
struct Leave : Fieldwise<Leave> {
  static constexpr MessageType kType = MessageType::kLeave;  ///< wire type code
  PeerId peer = kInvalidPeer;                                ///< from SwarmJoined
  /// The fields, for comparison.
  auto Fields() const { return std::tie(peer); }
};

/// Peer -> signaling -> peer: a WebRTC SDP offer.
struct SignalOffer : Fieldwise<SignalOffer> {
  static constexpr MessageType kType = MessageType::kSignalOffer;  ///< wire type code
  PeerId from = kInvalidPeer;     ///< sender (checked by signaling against the session)
  PeerId to = kInvalidPeer;       ///< recipient
  std::uint64_t session_id = 0;   ///< chosen by the offerer; ties answer and candidates to it
  std::vector<std::uint8_t> sdp;  ///< opaque SDP, at most kMaxSdpBytes
  /// The fields, for comparison.
  auto Fields() const { return std::tie(from, to, session_id, sdp); }
};

/// Peer -> signaling -> peer: the WebRTC SDP answer to an offer, or its refusal.
struct SignalAnswer : Fieldwise<SignalAnswer> {
  static constexpr MessageType kType = MessageType::kSignalAnswer;  ///< wire type code
  PeerId from = kInvalidPeer;     ///< sender (the offer's recipient)
  PeerId to = kInvalidPeer;       ///< recipient (the offerer)
  std::uint64_t session_id = 0;   ///< the offer's session id
  std::vector<std::uint8_t> sdp;  ///< opaque SDP, at most kMaxSdpBytes
  bool accepted = true;           ///< false: the recipient has no room (sdp is then empty)
  /// The fields, for comparison.
  auto Fields() const { return std::tie(from, to, session_id, sdp, accepted); }
};

/// Peer -> signaling -> peer: one trickled ICE candidate; empty = end of candidates.
struct IceCandidate : Fieldwise<IceCandidate> {
  static constexpr MessageType kType = MessageType::kIceCandidate;  ///< wire type code
  PeerId from = kInvalidPeer;                                       ///< sender
  PeerId to = kInvalidPeer;                                         ///< recipient
  std::uint64_t session_id = 0;                                     ///< the offer's session id
  std::vector<std::uint8_t> candidate;  ///< opaque candidate line, at most kMaxIceCandidateBytes
  /// The fields, for comparison.
  auto Fields() const { return std::tie(from, to, session_id, candidate); }
};

}  // namespace protocol
}  // namespace cdnmesh
