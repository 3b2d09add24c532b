// The embind surface of the cdnmesh wasm module: class Client and the frame functions.
#include <emscripten/bind.h>

#include "client/wasm/frames.h"
#include "client/wasm/wasm_client.h"

namespace cdnmesh::wasm {

EMSCRIPTEN_BINDINGS(cdnmesh) {
  using emscripten::class_;
  using emscripten::function;
  class_<WasmClient>("Client")
      .constructor<emscripten::val, emscripten::val>()
      .class_function("validateStream", &WasmClient::ValidateStream)
      .function("start", &WasmClient::Start)
      .function("stop", &WasmClient::Stop)
      .function("onServiceFrame", &WasmClient::OnServiceFrame)
      .function("onPeerBytes", &WasmClient::OnPeerBytes)
      .function("onChannelOpen", &WasmClient::OnChannelOpen)
      .function("onChannelClosed", &WasmClient::OnChannelClosed)
      .function("onConnectFailed", &WasmClient::OnConnectFailed)
      .function("onTransferProgress", &WasmClient::OnTransferProgress)
      .function("onTransferDone", &WasmClient::OnTransferDone)
      .function("onTransferFailed", &WasmClient::OnTransferFailed)
      .function("onUploadDone", &WasmClient::OnUploadDone)
      .function("onPlayback", &WasmClient::OnPlayback)
      .function("onPlaylist", &WasmClient::OnPlaylist)
      .function("onTick", &WasmClient::OnTick)
      .function("onPeerMisbehaved", &WasmClient::OnPeerMisbehaved)
      .function("onPlayerWants", &WasmClient::OnPlayerWants)
      .function("drainActions", &WasmClient::DrainActions)
      .function("nextWakeUpUs", &WasmClient::NextWakeUpUs)
      .function("stats", &WasmClient::Stats)
      .function("peerId", &WasmClient::PeerIdOrMinusOne)
      .function("sessionTokenHex", &WasmClient::SessionTokenHex)
      .function("currentRendition", &WasmClient::CurrentRendition);
  function("decodeFrame", &DecodeFrame);
  function("reencodeFrame", &ReencodeFrame);
  function("encodeSignalOffer", &EncodeSignalOffer);
  function("encodeSignalAnswer", &EncodeSignalAnswer);
  function("encodeData", &EncodeData);
  function("encodeHave", &EncodeHave);
  function("encodeConfigResponse", &EncodeConfigResponse);
  function("encodeSwarmJoined", &EncodeSwarmJoined);
  function("encodePeerList", &EncodePeerList);
  function("encodeServiceError", &EncodeServiceError);
  function("sha256Hex", &Sha256HexOf);
}

}  // namespace cdnmesh::wasm
