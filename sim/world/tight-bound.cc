#include "sim/world/tight-bound.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace cdnmesh {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, std::int64_t,
                    boost::property<boost::edge_residual_capacity_t, std::int64_t,
                                    boost::property<boost::edge_reverse_t,
                                                    Traits::edge_descriptor>>>>;
using Vertex = Traits::vertex_descriptor;

constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max() / 4;

// A flow network with paired reverse edges, as push-relabel needs them.
class FlowGraph {
 public:
  Vertex AddVertex() { return boost::add_vertex(graph_); }
  void AddEdge(Vertex from, Vertex to, std::int64_t capacity) {
    auto capacity_map = boost::get(boost::edge_capacity, graph_);
    auto reverse_map = boost::get(boost::edge_reverse, graph_);
    const auto forward = boost::add_edge(from, to, graph_).first;
    const auto backward = boost::add_edge(to, from, graph_).first;
    capacity_map[forward] = capacity;
    capacity_map[backward] = 0;
    reverse_map[forward] = backward;
    reverse_map[backward] = forward;
  }
  std::int64_t MaxFlow(Vertex source, Vertex sink) {
    return boost::push_relabel_max_flow(graph_, source, sink);
  }

 private:
  Graph graph_;
};

using DemandKey = std::tuple<int, ContentId, NatType>;  // (slot, content, nat): demand vertices

}  // namespace

std::int64_t MaxPeerBytes(const TightBoundProblem& problem) {
  FlowGraph g;
  const Vertex source = g.AddVertex();
  const Vertex sink = g.AddVertex();
  std::vector<Vertex> swarm_vertex;
  std::vector<std::int64_t> swarm_demand(problem.swarm_content.size(), 0);
  for (const DemandClass& d : problem.demands) swarm_demand[d.swarm] += d.bytes;
  for (std::size_t s = 0; s < problem.swarm_content.size(); ++s) {
    swarm_vertex.push_back(g.AddVertex());
    const std::int64_t peer_share = swarm_demand[s] - problem.first_copy_bytes[s];
    g.AddEdge(swarm_vertex.back(), sink, std::max<std::int64_t>(0, peer_share));
  }
  // Demand classes, indexed by (slot, content, nat) for the uploaders to find them.
  std::multimap<DemandKey, Vertex> demand_vertices;
  for (const DemandClass& d : problem.demands) {
    if (d.bytes <= 0) continue;
    const Vertex v = g.AddVertex();
    g.AddEdge(v, swarm_vertex[d.swarm], d.bytes);
    demand_vertices.emplace(DemandKey{d.slot, problem.swarm_content[d.swarm], d.nat}, v);
  }
  for (const UploadClass& u : problem.uploads) {
    if (u.bytes <= 0) continue;
    const Vertex v = g.AddVertex();
    g.AddEdge(source, v, u.bytes);
    for (int slot = u.slot; slot <= u.slot + problem.carry_slots; ++slot) {
      for (int nat = 0; nat < kNatTypeCount; ++nat) {
        if (!NatPairConnectable(u.nat, static_cast<NatType>(nat))) continue;
        const auto range = demand_vertices.equal_range({slot, u.content, static_cast<NatType>(nat)});
        for (auto it = range.first; it != range.second; ++it) g.AddEdge(v, it->second, kUnbounded);
      }
    }
  }
  return g.MaxFlow(source, sink);
}

double TightOffloadBound(const TightBoundProblem& problem) {
  std::int64_t demand = 0;
  for (const DemandClass& d : problem.demands) demand += d.bytes;
  if (demand <= 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(MaxPeerBytes(problem)) / static_cast<double>(demand);
}

}  // namespace cdnmesh
